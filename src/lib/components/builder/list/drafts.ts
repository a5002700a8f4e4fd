/** Reading an automation's latest draft outside the builder (duplicate, export from the list). */
import { DraftDoc } from '$lib/collab/draft';
import { localUser } from '$lib/collab/user';
import { backend } from '$lib/client/backend';
import type { AutomationDef } from '$lib/engine/schema/automation';

/** The draft of `automation` (its document, seeded from the engine when it has none yet). */
export async function readDraft(workspace: string, automation: string): Promise<AutomationDef | null> {
	const d = await DraftDoc.open({ workspace, automation, user: localUser(), channel: null }, async () => (await backend().builderInfo(automation))?.def ?? null);
	try {
		return d.def.id ? structuredClone(d.def) : null;
	} finally {
		d.destroy();
	}
}

/** Downloads a JSON file. */
export function download(name: string, data: unknown): void {
	const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
	const a = document.createElement('a');
	a.href = URL.createObjectURL(blob);
	a.download = name;
	a.click();
	setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
