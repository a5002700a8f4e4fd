/**
 * Split: evenly across N paths (round robin); by percentages (seeded draw per contact); a split
 * test that picks a winner (by date, by number of contacts, or when N contacts of a path match the
 * winning conditions; ties go to path A) after which everyone takes the winner; or "split until":
 * everyone takes A until conditions/date/count, then B. A contact's path is sticky.
 */
import { z } from 'zod';
import { Id, Instant } from '../schema/common';
import { Condition } from '../schema/conditions';
import { compileCondition } from '../conditions/compile';
import type { CompiledCondition } from '../conditions/types';
import { parseInstant, HOUR } from '../core/time';
import { draw } from '../core/random';
import { TraceCode } from '../core/trace';
import { defineStep } from './kind';
import { stepBase } from './base';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';

const Path = z.object({ label: z.string().min(1), percent: z.number().min(0).max(100).optional(), next: Id.nullable().optional() }).strict();

const Decide = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('date'), at: Instant }).strict(),
	z.object({ kind: z.literal('contacts'), count: z.number().int().min(1) }).strict(),
	z.object({ kind: z.literal('matches'), count: z.number().int().min(1) }).strict()
]);

const schema = z
	.object({
		...stepBase,
		kind: z.literal('split'),
		mode: z.enum(['even', 'percent', 'test', 'until']),
		paths: z.array(Path).min(2, 'needs at least 2 paths').max(10, 'allows at most 10 paths'),
		/** Split test: the conditions that define a "winning" contact and when to decide. */
		winner: z.object({ conditions: Condition, decide: Decide }).strict().optional(),
		/** Split until: when to switch from path A to path B (matches = N contacts of A meet the conditions). */
		until: z.object({ conditions: Condition.optional(), decide: Decide }).strict().optional()
	})
	.strict();
type Def = z.infer<typeof schema>;
type Data = { cond: CompiledCondition | null; weights: number[]; decideAt: number };
type S = CompiledStep<Def, Data>;

/** Runtime state of one split (persisted with the engine). */
export interface SplitState {
	passed: number;
	/** Contact idx → path taken (sticky). */
	assign: Record<number, number>;
	/** Contacts per path, in arrival order (for winner counts). */
	members: number[][];
	/** Chosen winner (test) or 1 after switching (until); -1 while undecided. */
	decided: number;
	decidedAt: number | null;
	/** Winning-condition matches per path at decision time. */
	matches: number[] | null;
}

function state(e: Engine, s: S): SplitState {
	const key = `${s.automation.id}/${s.id}`;
	let st = e.stepState.get(key) as SplitState | undefined;
	if (!st) {
		st = { passed: 0, assign: {}, members: s.def.paths.map(() => []), decided: -1, decidedAt: null, matches: null };
		e.stepState.set(key, st);
	}
	return st;
}

/** Contacts per path currently meeting the compiled conditions. */
function countMatches(e: Engine, s: S, st: SplitState, paths: number): number[] {
	const cond = s.data.cond!;
	return st.members.slice(0, paths).map((ids) => ids.reduce((n, ci) => (cond.test(e, e.world.contacts[ci], null, null) ? n + 1 : n), 0));
}

/** Decides the winner or the switch if its moment has come. */
function maybeDecide(e: Engine, s: S, st: SplitState): void {
	if (st.decided >= 0) return;
	const rule = s.def.mode === 'test' ? s.def.winner : s.def.until;
	if (!rule) return;
	const d = rule.decide;
	const test = s.def.mode === 'test';
	const paths = test ? s.def.paths.length : 1;
	let decide = false;
	let matches: number[] | null = null;
	if (d.kind === 'date') decide = e.now >= s.data.decideAt;
	else if (d.kind === 'contacts') decide = st.passed >= d.count;
	else if (s.data.cond) {
		matches = countMatches(e, s, st, paths);
		decide = matches.some((m) => m >= d.count);
	}
	if (!decide) return;
	if (test) {
		matches ??= s.data.cond ? countMatches(e, s, st, paths) : s.def.paths.map(() => 0);
		let best = 0;
		if (d.kind === 'matches') best = matches.findIndex((m) => m >= d.count);
		else for (let i = 1; i < matches.length; i++) if (matches[i] > matches[best]) best = i;
		st.decided = best;
	} else st.decided = 1;
	st.decidedAt = e.now;
	st.matches = matches;
}

export const split = defineStep<Def, Data>({
	kind: 'split',
	group: 'workflow',
	title: 'Split',
	summary: 'Splits contacts across paths: evenly, by percentages, as a test with a winner, or all on A until a condition.',
	plans: { from: 'professional' },
	schema,
	outputs: (d) => d.paths.map((p, i) => ({ key: `path${i}`, label: p.label, target: p.next })),
	validate(d, v) {
		if (d.mode === 'percent' || d.mode === 'test') {
			const missing = d.paths.findIndex((p) => p.percent === undefined);
			if (missing >= 0) v.report('split.percent_missing', `Path "${d.paths[missing].label}" has no percentage.`, 'Give every path a percentage; together they must make 100.', ['paths', missing, 'percent']);
			else {
				const sum = d.paths.reduce((n, p) => n + (p.percent ?? 0), 0);
				if (Math.abs(sum - 100) > 1e-9) v.report('split.percent_sum', `Path percentages add up to ${sum}%, not 100%.`, 'Adjust the percentages so they add up to 100.', ['paths']);
			}
		}
		if (d.mode === 'test') {
			if (!d.winner) v.report('split.winner_missing', 'A split test needs winning conditions and a decision rule.', 'Set what makes a contact a winner and when to decide.', ['winner']);
			else v.condition(d.winner.conditions, ['winner', 'conditions']);
		}
		if (d.mode === 'until') {
			if (d.paths.length !== 2) v.report('split.until_paths', 'A "split until" has exactly two paths: A, then B.', 'Keep two paths.', ['paths']);
			if (!d.until) v.report('split.until_missing', 'A "split until" needs the moment to switch to path B.', 'Set a date, a number of contacts, or conditions.', ['until']);
			else if (d.until.decide.kind === 'matches' && !d.until.conditions)
				v.report('split.until_conditions', 'Switching when contacts match needs conditions.', 'Add the conditions contacts on path A must meet.', ['until', 'conditions']);
			else if (d.until.conditions) v.condition(d.until.conditions, ['until', 'conditions']);
		}
	},
	compile(d) {
		const rule = d.mode === 'test' ? d.winner : d.mode === 'until' ? d.until : undefined;
		const cond = rule?.conditions ? compileCondition(rule.conditions) : null;
		const total = d.paths.reduce((n, p) => n + (p.percent ?? 0), 0) || 1;
		let acc = 0;
		const weights = d.paths.map((p) => (acc += (p.percent ?? 0) / total));
		return { cond, weights, decideAt: rule?.decide.kind === 'date' ? parseInstant(rule.decide.at) : NaN };
	},
	enter(e, r, s) {
		const st = state(e, s);
		const c = e.contactOf(r);
		let path = st.assign[c.idx];
		let why: string;
		if (path !== undefined) why = 'sticky';
		else {
			maybeDecide(e, s, st);
			if (s.def.mode === 'even') {
				path = st.passed % s.def.paths.length;
				why = 'round_robin';
			} else if (s.def.mode === 'until') {
				path = st.decided >= 0 ? 1 : 0;
				why = st.decided >= 0 ? 'switched' : 'before_switch';
			} else if (s.def.mode === 'test' && st.decided >= 0) {
				path = st.decided;
				why = 'winner';
			} else {
				const u = draw(e.seed, s.automation.id, s.id, c.id);
				path = s.data.weights.findIndex((w) => u < w);
				if (path < 0) path = s.def.paths.length - 1;
				why = 'random';
			}
			st.assign[c.idx] = path;
			st.members[path]?.push(c.idx);
			st.passed++;
			if (s.def.mode === 'test' || s.def.mode === 'until') {
				maybeDecide(e, s, st);
				if (st.decided < 0) {
					const d = (s.def.mode === 'test' ? s.def.winner : s.def.until)?.decide;
					if (d?.kind === 'date') e.scheduleStepTimer(`${s.automation.id}/${s.id}`, s.data.decideAt);
					else if (d?.kind === 'matches') e.scheduleStepTimer(`${s.automation.id}/${s.id}`, e.now + HOUR);
				}
			}
		}
		s.stats.paths[path]++;
		e.log(r, s, TraceCode.branch, { path: s.def.paths[path].label, why });
		return s.out[path];
	},
	timer(e, s) {
		const st = state(e, s);
		maybeDecide(e, s, st);
		if (st.decided < 0 && (s.def.mode === 'test' ? s.def.winner : s.def.until)?.decide.kind === 'matches')
			e.scheduleStepTimer(`${s.automation.id}/${s.id}`, e.now + HOUR);
	}
});

/** A split's state for reports (undefined before anyone passed). */
export function splitState(e: Engine, automation: string, step: string): SplitState | undefined {
	return e.stepState.get(`${automation}/${step}`);
}

void draw;
