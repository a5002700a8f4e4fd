/**
 * One pass over the engine's trace, keeping the runs of one automation: which steps each run
 * reached, the paths it took at if/else and split steps, the goals it achieved, how it ended, and
 * where it was held (waits, goals waiting, pending results) from when to when.
 */
import type { Engine } from '../engine/engine';
import { TraceCode } from '../engine/core/trace';
import { RunStatus } from '../engine/core/runs';

/** A span of time a run spent held at a step (`to` is Infinity while it still waits). */
export interface Hold {
	step: string;
	from: number;
	to: number;
}

/** What one run of the automation did, according to the trace. */
export interface RunFacts {
	run: number;
	contact: number;
	entered: number;
	/** Step ids the run reached (loops count once). */
	reached: Set<string>;
	/** Paths taken, in order: the step and the output index. */
	branches: { step: string; path: number; at: number }[];
	/** Goals achieved, in order. */
	goals: { step: string; at: number }[];
	/** How the run ended, when it did. */
	end: { status: 'completed' | 'exited'; at: number } | null;
	holds: Hold[];
}

const HOLD_START = new Set<number>([TraceCode.wait_started, TraceCode.goal_waiting, TraceCode.effect_emitted]);

/** The runs of `automation`, in run order, rebuilt from the trace. */
export function runFactsOf(e: Engine, automation: string): RunFacts[] {
	const target = new Uint8Array(e.autos.length);
	for (const a of e.autos) if (a.id === automation) target[a.idx] = 1;
	const runs = e.runs;
	const byRun = new Map<number, RunFacts>();
	const open = new Map<number, Hold>();
	const t = e.trace;
	for (let i = 0; i < t.size; i++) {
		const r = t.runAt(i);
		if (r < 0 || r >= runs.size || !target[runs.auto[r]]) continue;
		let f = byRun.get(r);
		if (!f) {
			f = { run: r, contact: runs.contact[r], entered: runs.entered[r], reached: new Set(), branches: [], goals: [], end: null, holds: [] };
			byRun.set(r, f);
		}
		const code = t.codeAt(i);
		const at = t.timeAt(i);
		const g = t.stepAt(i);
		const step = g >= 0 ? e.steps[g] : undefined;
		const held = open.get(r);
		if (code === TraceCode.migrated) {
			// A run moved onto a new version: it keeps waiting when re-armed, else it was released.
			const detail = t.entry(i).detail as { rearmed?: boolean } | undefined;
			if (held && !detail?.rearmed) {
				held.to = at;
				open.delete(r);
			}
			continue;
		}
		if (held) {
			held.to = at;
			open.delete(r);
		}
		if (step) f.reached.add(step.id);
		if (HOLD_START.has(code) && step) {
			const h: Hold = { step: step.id, from: at, to: Infinity };
			f.holds.push(h);
			open.set(r, h);
		} else if (code === TraceCode.branch && step) {
			const path = pathIndex(step.def as BranchDef, t.entry(i).detail as { path?: string } | undefined);
			if (path >= 0) f.branches.push({ step: step.id, path, at });
		} else if (code === TraceCode.goal_achieved && step) f.goals.push({ step: step.id, at });
		else if (code === TraceCode.completed) f.end = { status: 'completed', at };
		else if (code === TraceCode.exited) f.end = { status: 'exited', at };
	}
	// A run whose end is not in the trace (trace switched off meanwhile) ends as the run table says.
	for (const f of byRun.values()) {
		const st = runs.status[f.run];
		if (!f.end && (st === RunStatus.Completed || st === RunStatus.Exited)) f.end = { status: st === RunStatus.Completed ? 'completed' : 'exited', at: runs.since[f.run] };
	}
	return [...byRun.values()].sort((a, b) => a.run - b.run);
}

type BranchDef = { kind: string; paths?: { label: string }[] };

/** Output index of a branch entry: if/else "yes"/"no", or a split path by its label. */
function pathIndex(def: BranchDef, detail: { path?: string } | undefined): number {
	const p = detail?.path;
	if (p === undefined) return -1;
	if (def.kind === 'if_else') return p === 'yes' ? 0 : p === 'no' ? 1 : -1;
	return def.paths?.findIndex((x) => x.label === p) ?? -1;
}
