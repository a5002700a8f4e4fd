/**
 * The steps as a nested list (the non-canvas view): a path is a list of steps; a branch holds one
 * sub-list per output. A step reached a second time (paths that merge) appears once, the other
 * path ending with "continues at …".
 */
import type { AutomationDef, StepDef } from '../../engine/schema/automation';
import { outputsOf, startOf, type Anchor } from '../../collab/ops';

export interface OutlinePath {
	items: OutlineItem[];
	/** Where the path continues when it merges into a step listed elsewhere. */
	continues?: string;
	/** Where a step added at the end of this path goes (null when the path ends in a jump). */
	end: Anchor | null;
}

export interface OutlineItem {
	step: StepDef;
	branches?: { key: string; label: string; path: OutlinePath }[];
}

/** The outline of `def`: the main path from the start, then steps no path reaches. */
export function buildOutline(def: AutomationDef): { main: OutlinePath; orphans: StepDef[] } {
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const seen = new Set<string>();
	const path = (from: string | null, entry: Anchor): OutlinePath => {
		const items: OutlineItem[] = [];
		let id = from;
		let end: Anchor | null = entry;
		while (id && byId.has(id)) {
			if (seen.has(id)) return { items, continues: id, end: null };
			seen.add(id);
			const s = byId.get(id)!;
			const outs = outputsOf(s);
			if (outs.length > 1) {
				items.push({ step: s, branches: outs.map((o) => ({ key: o.key, label: s.kind === 'if_else' ? o.key : (o.label ?? o.key), path: path(o.target, { from: s.id, key: o.key }) })) });
				return { items, end: null };
			}
			items.push({ step: s });
			end = outs.length ? { from: s.id, key: outs[0].key } : null;
			id = outs[0]?.target ?? null;
		}
		return { items, end };
	};
	const main = path(startOf(def), { from: null, key: 'start' });
	return { main, orphans: def.steps.filter((s) => !seen.has(s.id)) };
}
