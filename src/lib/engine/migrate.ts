/**
 * Moving contacts in flight onto a newly published version, with the rules builder users know:
 * a held run whose step still exists stays there (a changed wait is re-armed from the time already
 * spent, changed conditions are re-evaluated); a run held at a deleted step is released to the next
 * step of its old path that still exists.
 */
import type { CompiledAutomation } from './compiled';
import { RunStatus } from './core/runs';
import { TraceCode } from './core/trace';
import type { Engine } from './engine';
import { END } from './steps/kind';
import { stepSettingsKey } from './core/canonical';

/**
 * What happens to contacts in flight when a version is published: by default they migrate (the
 * rules above); when restoring an older revision the user may instead have them all exit, or all
 * move to one wait step of the new version, where they wait afresh.
 */
export type InFlightRule = 'migrate' | 'exit' | { moveTo: string };

/** What publishing would do to contacts in flight, for the confirmation dialog. */
export interface MigrationPlan {
	/** Step id → number of contacts that stay there. */
	stay: Record<string, number>;
	/** Step id → number of contacts that stay and whose wait is re-armed or re-evaluated. */
	rearmed: Record<string, number>;
	/** Deleted step id → { to: next step id or null (end), count }. */
	released: Record<string, { to: string | null; count: number }>;
}

/** Previews the effect of publishing `next` over the running version without changing anything. */
export function planMigration(e: Engine, prev: CompiledAutomation, nextSteps: { id: string; kind: string; def: unknown }[]): MigrationPlan {
	const plan: MigrationPlan = { stay: {}, rearmed: {}, released: {} };
	const byId = new Map(nextSteps.map((s) => [s.id, s]));
	const runs = e.runs;
	for (let r = 0; r < runs.size; r++) {
		if (runs.auto[r] !== prev.idx || runs.status[r] !== RunStatus.Waiting) continue;
		const old = prev.steps[runs.step[r]];
		const n = byId.get(old.id);
		if (n && n.kind === old.def.kind) {
			plan.stay[old.id] = (plan.stay[old.id] ?? 0) + 1;
			if (stepSettingsKey(n.def as Record<string, unknown>) !== stepSettingsKey(old.def)) plan.rearmed[old.id] = (plan.rearmed[old.id] ?? 0) + 1;
		} else {
			const to = followOldPath(prev, runs.step[r], (id) => byId.has(id));
			const entry = (plan.released[old.id] ??= { to, count: 0 });
			entry.count++;
		}
	}
	return plan;
}

/** Moves every run held on `prev` onto `next`. */
export function migrateRuns(e: Engine, prev: CompiledAutomation, next: CompiledAutomation): void {
	const runs = e.runs;
	for (let r = 0; r < runs.size; r++) {
		if (runs.auto[r] !== prev.idx) continue;
		if (runs.status[r] !== RunStatus.Waiting) {
			// Finished runs keep pointing at the version they ran on (history).
			continue;
		}
		const old = prev.steps[runs.step[r]];
		const ni = next.stepIndex.get(old.id);
		runs.touch(r);
		if (ni !== undefined && next.steps[ni].def.kind === old.def.kind) {
			moveRun(e, r, prev, next);
			runs.step[r] = ni;
			const ns = next.steps[ni];
			if (stepSettingsKey(ns.def) === stepSettingsKey(old.def) || !ns.kind.rearm) continue;
			e.log(r, ns, TraceCode.migrated, { version: next.version, rearmed: true });
			const out = ns.kind.rearm(e, r, ns);
			e.resolveHeld(r, ns, out);
			continue;
		}
		const toId = followOldPath(prev, runs.step[r], (id) => next.stepIndex.has(id));
		e.log(r, old, TraceCode.migrated, { version: next.version, released: true, to: toId });
		// A run released past the end completes on the version (and step) it was held at.
		if (toId !== null) moveRun(e, r, prev, next);
		e.releaseDeleted(r, old, toId === null ? END : next.stepIndex.get(toId)!);
	}
}

/** Points a run at the new version; goals met are kept by step id (their local indices may shift). */
function moveRun(e: Engine, r: number, prev: CompiledAutomation, next: CompiledAutomation): void {
	e.runs.auto[r] = next.idx;
	const x = e.runs.extra[r];
	if (!x?.goalsMet) return;
	const met: number[] = [];
	for (const gi of x.goalsMet) {
		const ni = next.stepIndex.get(prev.steps[gi].id);
		if (ni !== undefined && next.steps[ni].def.kind === 'goal') met.push(ni);
	}
	x.goalsMet = met;
}

/** Follows the first output of old steps until one exists in the new version (null = end). */
function followOldPath(prev: CompiledAutomation, from: number, exists: (id: string) => boolean): string | null {
	let i = prev.steps[from].out[0] ?? -1;
	for (let guard = 0; i >= 0 && guard < prev.steps.length; guard++) {
		const s = prev.steps[i];
		if (exists(s.id)) return s.id;
		i = s.out[0] ?? -1;
	}
	return null;
}

/**
 * Applies an explicit in-flight rule instead of migrating: every run held on `prev` exits
 * (reason "version_replaced"), or moves to step `to` (a local index of `next`) and enters it anew.
 */
export function relocateRuns(e: Engine, prev: CompiledAutomation, next: CompiledAutomation, rule: 'exit' | { to: number }): void {
	const runs = e.runs;
	for (let r = 0; r < runs.size; r++) {
		if (runs.auto[r] !== prev.idx || runs.status[r] !== RunStatus.Waiting) continue;
		const old = prev.steps[runs.step[r]];
		if (rule === 'exit') {
			e.exit(r, 'version_replaced', { version: next.version, step: old.id });
			continue;
		}
		const target = next.steps[rule.to];
		e.log(r, old, TraceCode.migrated, { version: next.version, moved: true, to: target.id });
		moveRun(e, r, prev, next);
		e.relocate(r, old, rule.to);
	}
}
