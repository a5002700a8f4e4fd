/**
 * Conversion by path: for every if/else and split step, the entries that took each path and how
 * many of them then achieved a goal of the automation (or, without goals, completed it).
 */
import type { AutomationDef } from '../engine/schema/automation';
import { stepKinds } from '../engine/steps/registry';
import type { RunFacts } from './trace';
import type { Catalog } from '../engine/world';
import { flowOrder, stepNaming, type StepNaming } from './funnel';

export interface PathRow {
	/** Output key ("yes", "no", "path0"…). */
	key: string;
	label: string;
	/** Entries that took the path. */
	entries: number;
	/** Of those, entries that achieved a goal after taking it. */
	goals: number;
	/** Of those, entries that completed the automation. */
	completed: number;
	goalRate: number;
	completedRate: number;
}

export interface PathReport extends StepNaming {
	step: string;
	stepKind: 'if_else' | 'split';
	paths: PathRow[];
}

/** Path reports of the automation's branching steps, in flow order. */
export function pathsOf(def: AutomationDef, runs: readonly RunFacts[], cat: Catalog): PathReport[] {
	const out: PathReport[] = [];
	for (const s of flowOrder(def)) {
		if (s.kind !== 'if_else' && s.kind !== 'split') continue;
		const outputs = stepKinds.get(s.kind)!.outputs(s);
		const rows: PathRow[] = outputs.map((o) => ({ key: o.key, label: o.label ?? o.key, entries: 0, goals: 0, completed: 0, goalRate: 0, completedRate: 0 }));
		for (const r of runs) {
			// The first time the run passed this step decides its path (splits are sticky anyway).
			const b = r.branches.find((x) => x.step === s.id);
			if (!b || !rows[b.path]) continue;
			const row = rows[b.path];
			row.entries++;
			if (r.goals.some((g) => g.at >= b.at)) row.goals++;
			if (r.end?.status === 'completed') row.completed++;
		}
		for (const row of rows) {
			row.goalRate = row.entries ? row.goals / row.entries : 0;
			row.completedRate = row.entries ? row.completed / row.entries : 0;
		}
		out.push({ step: s.id, ...stepNaming(s, cat), stepKind: s.kind, paths: rows });
	}
	return out;
}
