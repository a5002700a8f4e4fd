/** Test helpers: a small workspace builder and engine runner. */
import { Engine } from '../../../src/lib/engine/engine';
import { loadWorkspace } from '../../../src/lib/engine/load';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { parseInstant } from '../../../src/lib/engine/core/time';
import type { Input } from '../../../src/lib/engine/inputs';

export const T0 = parseInstant('2026-03-02T09:00:00Z'); // a Monday

/** Parses a partial workspace with defaults and loads it into a fresh engine. */
export function engineWith(ws: Partial<Record<string, unknown>>, opts: { seed?: number; start?: number; trace?: boolean } = {}): Engine {
	const parsed = WorkspaceFile.parse({ format: 'journey-studio/workspace', version: 1, name: 'test', ...ws });
	const e = new Engine({ seed: opts.seed ?? 1, start: opts.start ?? T0, trace: opts.trace ?? true });
	const diags = loadWorkspace(e, parsed).filter((d) => d.severity === 'error');
	if (diags.length) throw new Error('workspace errors: ' + JSON.stringify(diags, null, 1));
	return e;
}

/** Applies an input and fails loudly on expected errors. */
export function must(e: Engine, input: Input): void {
	const r = e.apply(input);
	if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
}

/** Where a contact's latest run in an automation is, as "status@step". */
export function whereIs(e: Engine, contact: string, automation: string): string {
	const c = e.world.contact(contact)!;
	const runs = e.runs;
	for (let r = c.firstRun; r >= 0; r = runs.nextOfContact[r]) {
		const a = e.autos[runs.auto[r]];
		if (a.id !== automation) continue;
		const st = ['active', 'waiting', 'completed', 'exited'][runs.status[r]];
		const step = runs.step[r] >= 0 ? a.steps[runs.step[r]].id : '-';
		return `${st}@${step}`;
	}
	return 'never';
}

export const contacts = (n: number, extra: Record<string, unknown> = {}) =>
	Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, email: `c${i + 1}@example.com`, firstName: `Name${i + 1}`, lists: { news: 'active' }, ...extra }));
