/**
 * When each automation's draft was last edited in this browser (for the automations list), kept
 * in localStorage per workspace. The drafts themselves live in their Yjs documents.
 */
const key = (workspace: string) => `journey-studio:drafts:${workspace}`;

/** Last local edit time (wall clock) by automation id. */
export function draftEdits(workspace: string): Record<string, number> {
	try {
		const v = JSON.parse(localStorage.getItem(key(workspace)) ?? '{}');
		return v && typeof v === 'object' ? (v as Record<string, number>) : {};
	} catch {
		return {};
	}
}

/** Records an edit of an automation's draft now. */
export function touchDraft(workspace: string, automation: string, at = Date.now()): void {
	const all = draftEdits(workspace);
	all[automation] = at;
	localStorage.setItem(key(workspace), JSON.stringify(all));
}

/** Forgets a deleted automation. */
export function forgetDraft(workspace: string, automation: string): void {
	const all = draftEdits(workspace);
	delete all[automation];
	localStorage.setItem(key(workspace), JSON.stringify(all));
}
