/**
 * The funnel of an automation: entries, then each step of the current version in flow order
 * (depth from the start, then definition order) with the entries that reached it, then the goal
 * (entries that achieved any goal) or, without goals, the entries that completed.
 */
import type { AutomationDef } from '../engine/schema/automation';
import { depths } from '../engine/graph';
import { stepKinds } from '../engine/steps/registry';
import { durationMs, type Duration } from '../engine/core/time';
import type { Catalog } from '../engine/world';
import type { RunFacts } from './trace';

/**
 * How to name a step on screen: its own label when it has one (`named`), else its kind (the UI
 * translates it) with a hint from its settings: the email, tag or list it uses, or a wait's length.
 */
export interface StepNaming {
	/** The step's label, else its kind's title (English). */
	label: string;
	named: boolean;
	hint?: string;
	waitMs?: number;
}

/** The naming of a step definition in a workspace. */
export function stepNaming(s: { kind: string; label?: string } & Record<string, unknown>, cat: Catalog): StepNaming {
	const out: StepNaming = { label: stepLabel(s), named: !!s.label };
	if (out.named) return out;
	const str = (k: string) => (typeof s[k] === 'string' ? (s[k] as string) : undefined);
	switch (s.kind) {
		case 'email.send': {
			const id = str('email');
			if (id) out.hint = cat.emails.get(id)?.name ?? id;
			break;
		}
		case 'tag.add':
		case 'tag.remove':
			out.hint = str('tag');
			break;
		case 'list.subscribe':
		case 'list.unsubscribe': {
			const id = str('list');
			if (id) out.hint = cat.lists.get(id)?.name ?? id;
			break;
		}
		case 'wait': {
			const w = s.wait as { mode?: string; for?: Duration } | undefined;
			if (w?.mode === 'period' && w.for) out.waitMs = durationMs(w.for);
			break;
		}
	}
	return out;
}

export interface FunnelRow {
	/** "entered", "goal", "completed", or "step:<id>". */
	key: string;
	kind: 'entered' | 'step' | 'goal' | 'completed';
	/** Step id for step rows. */
	step?: string;
	/** The step's label, else its kind's title (English; the UI translates kinds). */
	label: string;
	/** Whether `label` is the step's own label (else the UI shows its kind, translated). */
	named?: boolean;
	hint?: string;
	waitMs?: number;
	stepKind?: string;
	/** Entries that got there. */
	count: number;
	/** count / entries (0 when nobody entered). */
	rate: number;
}

/** Steps of a definition in flow order. */
export function flowOrder(def: AutomationDef): AutomationDef['steps'] {
	const depth = depths(def);
	return def.steps
		.map((s, i) => ({ s, i, d: depth.get(s.id) ?? Number.MAX_SAFE_INTEGER }))
		.sort((a, b) => a.d - b.d || a.i - b.i)
		.map((x) => x.s);
}

/** A step's display label: its own label, else its kind's title. */
export function stepLabel(s: { kind: string; label?: string }): string {
	return s.label || stepKinds.get(s.kind)?.title || s.kind;
}

/** The funnel rows of an automation from its run facts. */
export function funnelOf(def: AutomationDef, runs: readonly RunFacts[], cat: Catalog): FunnelRow[] {
	const entered = runs.length;
	const rate = (n: number) => (entered ? n / entered : 0);
	const rows: FunnelRow[] = [{ key: 'entered', kind: 'entered', label: 'Entered', count: entered, rate: entered ? 1 : 0 }];
	for (const s of flowOrder(def)) {
		let n = 0;
		for (const r of runs) if (r.reached.has(s.id)) n++;
		rows.push({ key: `step:${s.id}`, kind: 'step', step: s.id, ...stepNaming(s, cat), stepKind: s.kind, count: n, rate: rate(n) });
	}
	const hasGoals = def.steps.some((s) => s.kind === 'goal');
	const last = hasGoals ? runs.filter((r) => r.goals.length > 0).length : runs.filter((r) => r.end?.status === 'completed').length;
	rows.push({ key: hasGoals ? 'goal' : 'completed', kind: hasGoals ? 'goal' : 'completed', label: hasGoals ? 'Goal achieved' : 'Completed', count: last, rate: rate(last) });
	return rows;
}
