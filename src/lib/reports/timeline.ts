/**
 * Time series over virtual time: sends per day (in the workspace's time zone), and how many
 * contacts were waiting at each step at each hour or day, rebuilt from the holds in the trace.
 */
import type { Effect, EffectKind } from '../engine/effects';
import type { AutomationDef } from '../engine/schema/automation';
import { DAY, HOUR } from '../engine/core/time';
import { addDays, atLocal, localParts } from '../engine/core/zones';
import type { RunFacts } from './trace';
import type { Catalog } from '../engine/world';
import { flowOrder, stepNaming, type StepNaming } from './funnel';

/** Families of sends shown as series. */
export type SendFamily = 'email' | 'sms' | 'notification' | 'other';

const FAMILY: Record<EffectKind, SendFamily> = {
	'email.send': 'email',
	'email.one_to_one': 'email',
	'email.transactional': 'email',
	'email.internal': 'notification',
	'sms.send': 'sms',
	'webhook.post': 'other',
	'ai.prompt': 'other',
	'salesforce.create_contact': 'other',
	'salesforce.create_lead': 'other',
	'salesforce.add_to_campaign': 'other',
	'facebook.audience_add': 'other',
	'facebook.audience_remove': 'other',
	'app.call': 'other'
};
const FAMILIES: SendFamily[] = ['email', 'sms', 'notification', 'other'];

export interface SendsPerDay {
	/** Local dates "YYYY-MM-DD", consecutive. */
	days: string[];
	/** Series with at least one send, in a fixed order. */
	series: { family: SendFamily; counts: number[] }[];
	total: number;
}

/** Messages per local day from the first send to `now`, by family (all automations when `automation` is null). */
export function sendsPerDay(messages: readonly Effect[], automation: string | null, zone: string, now: number): SendsPerDay {
	const mine = messages.filter((m) => automation === null || m.automation === automation);
	if (!mine.length) return { days: [], series: [], total: 0 };
	let first = mine[0].at;
	for (const m of mine) if (m.at < first) first = m.at;
	const lastDay = localParts(Math.max(now, first), zone).date;
	const days: string[] = [];
	for (let d = localParts(first, zone).date; d <= lastDay && days.length < 3660; d = addDays(d, 1)) days.push(d);
	const index = new Map(days.map((d, i) => [d, i]));
	const counts = new Map<SendFamily, number[]>();
	for (const m of mine) {
		const fam = FAMILY[m.kind] ?? 'other';
		const i = index.get(localParts(m.at, zone).date);
		if (i === undefined) continue;
		let c = counts.get(fam);
		if (!c) counts.set(fam, (c = new Array(days.length).fill(0)));
		c[i]++;
	}
	return { days, series: FAMILIES.filter((f) => counts.has(f)).map((family) => ({ family, counts: counts.get(family)! })), total: mine.length };
}

export interface WaitingOverTime {
	unit: 'hour' | 'day' | 'week';
	/** Sample instants: each hour/day/week boundary (local midnight for days) from the first entry, then now. */
	times: number[];
	/** Steps where someone ever waited, in flow order, with the contacts waiting at each sample. */
	steps: (StepNaming & { step: string; stepKind: string; counts: number[]; peak: number })[];
}

/** Sample instants between `from` and `to` at a resolution that keeps the chart readable. */
export function sampleTimes(from: number, to: number, zone: string): { unit: WaitingOverTime['unit']; times: number[] } {
	const span = Math.max(0, to - from);
	const unit = span <= 3 * DAY ? 'hour' : span <= 180 * DAY ? 'day' : 'week';
	const times: number[] = [];
	if (unit === 'hour') for (let t = Math.floor(from / HOUR) * HOUR; t <= to; t += HOUR) times.push(t);
	else {
		const step = unit === 'day' ? 1 : 7;
		for (let d = localParts(from, zone).date; ; d = addDays(d, step)) {
			const t = atLocal(d, '00:00', zone);
			if (t > to) break;
			times.push(t);
		}
	}
	if (!times.length || times[times.length - 1] < to) times.push(to);
	return { unit, times };
}

/** Contacts waiting at each step at each sample instant, from the holds of the runs. */
export function waitingOverTime(def: AutomationDef, runs: readonly RunFacts[], zone: string, now: number, cat: Catalog): WaitingOverTime {
	let from = Infinity;
	for (const r of runs) for (const h of r.holds) if (h.from < from) from = h.from;
	if (!Number.isFinite(from)) return { unit: 'day', times: [], steps: [] };
	const { unit, times } = sampleTimes(from, now, zone);
	const diff = new Map<string, Int32Array>();
	// First sample index at or after t.
	const at = (t: number) => {
		let lo = 0, hi = times.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (times[mid] < t) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	for (const r of runs)
		for (const h of r.holds) {
			let d = diff.get(h.step);
			if (!d) diff.set(h.step, (d = new Int32Array(times.length + 1)));
			const a = at(h.from);
			const b = Number.isFinite(h.to) ? at(h.to) : times.length;
			if (b <= a) continue;
			d[a]++;
			d[b]--;
		}
	const steps: WaitingOverTime['steps'] = [];
	for (const s of flowOrder(def)) {
		const d = diff.get(s.id);
		if (!d) continue;
		const counts: number[] = new Array(times.length);
		let acc = 0;
		let peak = 0;
		for (let k = 0; k < times.length; k++) {
			acc += d[k];
			counts[k] = acc;
			if (acc > peak) peak = acc;
		}
		steps.push({ step: s.id, ...stepNaming(s, cat), stepKind: s.kind, counts, peak });
	}
	return { unit, times, steps };
}
