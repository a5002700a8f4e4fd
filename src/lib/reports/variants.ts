/**
 * A/B results: the variants of "Send an email" steps with an A/B test (sends, opens, clicks and,
 * with goals, conversions per variant) and the paths of split steps (entries, goals, completions,
 * opens and clicks of the emails sent after the split, and for split tests the contacts meeting
 * the winning conditions), each metric compared with the two-proportion z-test.
 */
import type { Engine } from '../engine/engine';
import type { Effect } from '../engine/effects';
import type { AutomationDef } from '../engine/schema/automation';
import type { Contact } from '../engine/world';
import { durationMs, type Duration } from '../engine/core/time';
import { compileCondition } from '../engine/conditions/compile';
import type { Condition } from '../engine/schema/conditions';
import type { AbState } from '../engine/steps/email-send';
import type { SplitState } from '../engine/steps/split';
import type { RunFacts } from './trace';
import { flowOrder, stepNaming, type StepNaming } from './funnel';
import { compare, type Comparison } from './stats';

/** What a variant is measured on. */
export type Metric = 'opens' | 'clicks' | 'goal' | 'winning' | 'completed';

/** Successes `x` out of `n` for one metric. */
export interface Sample {
	n: number;
	x: number;
}

export interface VariantRow {
	/** "A"…"E" for email variants, the output key ("path0"…) for split paths. */
	key: string;
	/** "A", "B"… or the path label. */
	label: string;
	/** The email sent (email variants). */
	email?: string;
	emailName?: string;
	samples: Partial<Record<Metric, Sample>>;
}

export interface VariantTest extends StepNaming {
	step: string;
	/** The step kind (for naming). */
	stepKind: string;
	kind: 'email' | 'split';
	/** Split mode (even, percent, test, until). */
	mode?: string;
	/** Metrics measured, the engine's own criterion first. */
	metrics: Metric[];
	/** Winner picked by the engine, and when (null while undecided or when the step picks none). */
	winner: { key: string; at: number | null } | null;
	variants: VariantRow[];
	comparisons: Partial<Record<Metric, Comparison>>;
}

const LABELS = ['A', 'B', 'C', 'D', 'E'];

/** Email sends of the automation, grouped by step (in message order). */
function sendsByStep(messages: readonly Effect[], automation: string): Map<string, Effect[]> {
	const out = new Map<string, Effect[]>();
	for (const m of messages) {
		if (m.automation !== automation || m.kind !== 'email.send') continue;
		const list = out.get(m.step);
		if (list) list.push(m);
		else out.set(m.step, [m]);
	}
	return out;
}

/** Whether the contact opened (or clicked) `email` at or after `since`. */
function engaged(c: Contact | undefined, type: 'opened' | 'clicked', email: string, since: number): boolean {
	if (!c) return false;
	for (const a of c.activity) if (a.type === type && a.ref === email && a.at >= since) return true;
	return false;
}

/** The A/B tests and splits of an automation, in flow order. */
export function variantTestsOf(e: Engine, def: AutomationDef, runs: readonly RunFacts[], messages: readonly Effect[]): VariantTest[] {
	const sends = sendsByStep(messages, def.id);
	const hasGoals = def.steps.some((s) => s.kind === 'goal');
	const runOf = new Map(runs.map((r) => [r.run, r]));
	const out: VariantTest[] = [];
	for (const s of flowOrder(def)) {
		if (s.kind === 'email.send' && s.abTest) out.push(emailTest(e, def.id, s as EmailStep, sends.get(s.id) ?? [], runOf, hasGoals));
		else if (s.kind === 'split') out.push(splitTest(e, def.id, s as SplitStep, runs, messages, hasGoals));
	}
	return out;
}

type EmailStep = { id: string; kind: 'email.send'; label?: string; email: string; abTest: { variants: string[]; winnerBy?: 'opens' | 'clicks'; decideAfter: Duration } };

function emailTest(e: Engine, automation: string, s: EmailStep, sends: Effect[], runOf: Map<number, RunFacts>, hasGoals: boolean): VariantTest {
	const ids = [s.email, ...s.abTest.variants];
	const rows: VariantRow[] = ids.map((email, i) => ({
		key: LABELS[i],
		label: LABELS[i],
		email,
		emailName: e.world.catalog.emails.get(email)?.name ?? email,
		samples: { opens: { n: 0, x: 0 }, clicks: { n: 0, x: 0 }, ...(hasGoals ? { goal: { n: 0, x: 0 } } : {}) }
	}));
	const goalRuns = rows.map(() => new Set<number>());
	const sentRuns = rows.map(() => new Set<number>());
	for (const m of sends) {
		const i = LABELS.indexOf(String(m.payload.variant ?? 'A'));
		const row = rows[i];
		if (!row) continue;
		const c = e.world.contact(m.contact);
		const email = String(m.payload.email ?? row.email);
		row.samples.opens!.n++;
		row.samples.clicks!.n++;
		if (engaged(c, 'opened', email, m.at)) row.samples.opens!.x++;
		if (engaged(c, 'clicked', email, m.at)) row.samples.clicks!.x++;
		if (hasGoals && !sentRuns[i].has(m.run)) {
			sentRuns[i].add(m.run);
			if (runOf.get(m.run)?.goals.some((g) => g.at >= m.at)) goalRuns[i].add(m.run);
		}
	}
	if (hasGoals) rows.forEach((row, i) => (row.samples.goal = { n: sentRuns[i].size, x: goalRuns[i].size }));
	const primary = s.abTest.winnerBy === 'clicks' ? 'clicks' : 'opens';
	const metrics: Metric[] = [primary, primary === 'opens' ? 'clicks' : 'opens', ...(hasGoals ? (['goal'] as const) : [])];
	const st = e.stepState.get(`${automation}/${s.id}`) as AbState | undefined;
	const winner = st && st.winner >= 0 ? { key: LABELS[st.winner], at: st.startedAt + durationMs(s.abTest.decideAfter) } : null;
	return { step: s.id, ...stepNaming(s, e.world.catalog), stepKind: s.kind, kind: 'email', metrics, winner, variants: rows, comparisons: comparisons(rows, metrics) };
}

type SplitStep = { id: string; kind: 'split'; label?: string; mode: string; paths: { label: string }[]; winner?: { conditions: Condition } };

function splitTest(e: Engine, automation: string, s: SplitStep, runs: readonly RunFacts[], messages: readonly Effect[], hasGoals: boolean): VariantTest {
	const rows: VariantRow[] = s.paths.map((p, i) => ({ key: `path${i}`, label: p.label, samples: {} }));
	const members = rows.map(() => [] as { run: RunFacts; at: number }[]);
	for (const r of runs) {
		const b = r.branches.find((x) => x.step === s.id);
		if (b && members[b.path]) members[b.path].push({ run: r, at: b.at });
	}
	// Emails sent to each run after it passed the split.
	const byRun = new Map<number, Effect[]>();
	for (const m of messages) {
		if (m.automation !== automation || m.kind !== 'email.send') continue;
		const list = byRun.get(m.run);
		if (list) list.push(m);
		else byRun.set(m.run, [m]);
	}
	const winCond = s.mode === 'test' && s.winner ? compileCondition(s.winner.conditions) : null;
	let anyEmail = false;
	rows.forEach((row, i) => {
		const list = members[i];
		row.samples.completed = { n: list.length, x: list.filter((m) => m.run.end?.status === 'completed').length };
		if (hasGoals) row.samples.goal = { n: list.length, x: list.filter((m) => m.run.goals.some((g) => g.at >= m.at)).length };
		if (winCond) {
			const contacts = [...new Set(list.map((m) => m.run.contact))];
			row.samples.winning = { n: contacts.length, x: contacts.filter((ci) => winCond.test(e, e.world.contacts[ci], null, null)).length };
		}
		const opens = { n: 0, x: 0 };
		const clicks = { n: 0, x: 0 };
		for (const m of list) {
			const after = (byRun.get(m.run.run) ?? []).filter((x) => x.at >= m.at);
			if (!after.length) continue;
			anyEmail = true;
			const c = e.world.contacts[m.run.contact];
			opens.n++;
			clicks.n++;
			if (after.some((x) => engaged(c, 'opened', String(x.payload.email ?? ''), x.at))) opens.x++;
			if (after.some((x) => engaged(c, 'clicked', String(x.payload.email ?? ''), x.at))) clicks.x++;
		}
		row.samples.opens = opens;
		row.samples.clicks = clicks;
	});
	if (!anyEmail) for (const row of rows) delete row.samples.opens, delete row.samples.clicks;
	const metrics: Metric[] = [
		...(winCond ? (['winning'] as const) : []),
		...(hasGoals ? (['goal'] as const) : []),
		...(anyEmail ? (['opens', 'clicks'] as const) : []),
		'completed'
	];
	const st = e.stepState.get(`${automation}/${s.id}`) as SplitState | undefined;
	const winner = s.mode === 'test' && st && st.decided >= 0 ? { key: `path${st.decided}`, at: st.decidedAt } : null;
	return { step: s.id, ...stepNaming(s, e.world.catalog), stepKind: s.kind, kind: 'split', mode: s.mode, metrics, winner, variants: rows, comparisons: comparisons(rows, metrics) };
}

function comparisons(rows: readonly VariantRow[], metrics: readonly Metric[]): Partial<Record<Metric, Comparison>> {
	const out: Partial<Record<Metric, Comparison>> = {};
	for (const m of metrics) out[m] = compare(rows.map((r) => ({ key: r.key, n: r.samples[m]?.n ?? 0, x: r.samples[m]?.x ?? 0 })));
	return out;
}
