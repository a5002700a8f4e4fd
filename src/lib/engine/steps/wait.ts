/**
 * Wait: for a period; until a day/time of day in the contact's zone (or a chosen zone); until a
 * date field matches (N days/weeks before or after, at a time of day); or until conditions are met,
 * with an optional time limit. Conditional waits are re-evaluated when the contact's data changes.
 */
import { z } from 'zod';
import { Duration, TimeOfDay, ZoneRef } from '../schema/common';
import { Condition } from '../schema/conditions';
import { durationMs, formatInstant } from '../core/time';
import { addDays, atLocal, dateOf, nextLocalTime } from '../core/zones';
import { compileCondition } from '../conditions/compile';
import type { CompiledCondition } from '../conditions/types';
import { TraceCode } from '../core/trace';
import { dealField, accountField } from '../conditions/crm';
import { defineStep, STAY } from './kind';
import { linear, next, stepBase } from './base';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';

const Period = z.object({ mode: z.literal('period'), for: Duration }).strict();
const UntilTime = z
	.object({
		mode: z.literal('until_time'),
		time: TimeOfDay,
		/** Allowed weekdays 1 (Monday) to 7; empty or absent = any day. */
		days: z.array(z.number().int().min(1).max(7)).optional(),
		/** A specific date instead of the next matching day. */
		date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"').optional(),
		zone: ZoneRef.default('contact')
	})
	.strict();
const UntilDateField = z
	.object({
		mode: z.literal('until_date_field'),
		source: z.enum(['contact', 'deal', 'account']).default('contact'),
		field: z.string().min(1),
		when: z.enum(['on', 'before', 'after']).default('on'),
		amount: z.number().int().min(0).default(0),
		unit: z.enum(['days', 'weeks']).default('days'),
		time: TimeOfDay.default('09:00'),
		zone: ZoneRef.default('contact')
	})
	.strict();
const UntilConditions = z
	.object({ mode: z.literal('until_conditions'), conditions: Condition, timeLimit: Duration.optional() })
	.strict();

const schema = z
	.object({
		...stepBase,
		kind: z.literal('wait'),
		wait: z.discriminatedUnion('mode', [Period, UntilTime, UntilDateField, UntilConditions]),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;
type Data = { ms: number; cond: CompiledCondition | null; limit: number };
type S = CompiledStep<Def, Data>;

function zoneFor(e: Engine, r: number, zone: string): string {
	return zone === 'contact' ? e.contactOf(r).timeZone || e.defaultZone : zone;
}

/** The instant the wait ends for this run (NaN: no fixed end). */
function target(e: Engine, r: number, s: S): number {
	const w = s.def.wait;
	const since = e.runs.since[r];
	switch (w.mode) {
		case 'period':
			return since + s.data.ms;
		case 'until_time': {
			const zone = zoneFor(e, r, w.zone);
			if (w.date) return atLocal(w.date, w.time, zone);
			return nextLocalTime(since - 1, w.time, zone, w.days ?? []);
		}
		case 'until_date_field': {
			const zone = zoneFor(e, r, w.zone);
			let value: unknown = null;
			if (w.source === 'contact') value = e.world.getField(e.contactOf(r), w.field);
			else if (w.source === 'deal') {
				const d = e.deal(r);
				value = d ? dealField(d, w.field) : null;
			} else {
				const c = e.contactOf(r);
				const a = c.account ? e.world.accounts.get(c.account) : undefined;
				value = a ? accountField(a, w.field) : null;
			}
			const base = dateOf(value, zone);
			if (!base) return NaN;
			const shift = (w.when === 'before' ? -1 : w.when === 'after' ? 1 : 0) * w.amount * (w.unit === 'weeks' ? 7 : 1);
			return atLocal(addDays(base, shift), w.time, zone);
		}
		case 'until_conditions':
			return s.data.limit > 0 ? since + s.data.limit : NaN;
	}
}

/** Arms or ends the wait from the time already spent. */
function arm(e: Engine, r: number, s: S, arriving: boolean): number {
	const w = s.def.wait;
	if (w.mode === 'until_conditions') {
		const { ok, seen } = e.test(s.data.cond!, r);
		if (ok) {
			e.log(r, s, arriving ? TraceCode.step_done : TraceCode.wait_ended, { reason: 'conditions_met', seen });
			return s.out[0];
		}
		const end = target(e, r, s);
		if (end <= e.now) {
			e.log(r, s, TraceCode.wait_ended, { reason: 'time_limit', seen });
			return s.out[0];
		}
		if (arriving) e.log(r, s, TraceCode.wait_started, { until: Number.isNaN(end) ? null : end, conditions: true, seen });
		const recheck = s.data.cond!.timeDependent ? e.nextRecheck() : NaN;
		return e.holdUntil(r, Number.isNaN(end) ? recheck : Number.isNaN(recheck) ? end : Math.min(end, recheck));
	}
	const end = target(e, r, s);
	if (Number.isNaN(end)) {
		if (w.mode === 'until_date_field') {
			// No date yet: wait for the field to be filled (re-evaluated on data change).
			if (arriving) e.log(r, s, TraceCode.wait_started, { until: null, reason: 'field_empty' });
			return e.holdUntil(r, NaN);
		}
		e.log(r, s, TraceCode.step_skipped, { reason: 'no_such_time' });
		return s.out[0];
	}
	if (end <= e.now) {
		e.log(r, s, arriving ? TraceCode.step_done : TraceCode.wait_ended, { reason: arriving ? 'already_passed' : 'elapsed', until: end });
		return s.out[0];
	}
	if (arriving) e.log(r, s, TraceCode.wait_started, { until: end });
	return e.holdUntil(r, end);
}

export const wait = defineStep<Def, Data>({
	kind: 'wait',
	group: 'workflow',
	title: 'Wait',
	summary: 'Holds the contact for a period, until a day and time, until a date field matches, or until conditions are met.',
	plans: { from: 'starter' },
	schema,
	holds: true,
	outputs: linear,
	reacts: (d) => d.wait.mode === 'until_conditions' || d.wait.mode === 'until_date_field',
	validate(d, v) {
		const w = d.wait;
		if (w.mode === 'period' && durationMs(w.for) <= 0)
			v.report('wait.zero', 'The wait period is zero.', 'Set a duration of at least one minute, or remove the wait.', ['wait', 'for']);
		if (w.mode === 'until_conditions') {
			v.condition(w.conditions, ['wait', 'conditions']);
			if (!w.timeLimit)
				v.report('wait.no_time_limit', 'This conditional wait has no time limit: contacts who never meet the conditions wait forever.', 'Set a time limit after which contacts move on.', ['wait', 'timeLimit'], 'warning');
		}
		if (w.mode === 'until_date_field') {
			if (w.source === 'contact') v.field(w.field, ['wait', 'field'], ['date', 'datetime']);
			else {
				const defs = w.source === 'deal' ? v.catalog.dealFields : v.catalog.accountFields;
				const f = defs.get(w.field);
				if (!f) v.report('ref.field', `${w.source === 'deal' ? 'Deal' : 'Account'} field "${w.field}" does not exist.`, 'Pick an existing date field.', ['wait', 'field']);
				else if (f.type !== 'date' && f.type !== 'datetime')
					v.report('ref.field_type', `Field "${f.label}" is not a date field.`, 'Pick a date or date-time field.', ['wait', 'field']);
			}
		}
	},
	compile(d) {
		const w = d.wait;
		return {
			ms: w.mode === 'period' ? durationMs(w.for) : 0,
			cond: w.mode === 'until_conditions' ? compileCondition(w.conditions) : null,
			limit: w.mode === 'until_conditions' && w.timeLimit ? durationMs(w.timeLimit) : 0
		};
	},
	enter(e, r, s) {
		if (s.def.wait.mode === 'period') {
			// Hot path: no zone maths, no conditions.
			const end = e.now + s.data.ms;
			e.logValue(r, s, TraceCode.wait_started, end);
			return e.holdUntil(r, end);
		}
		return arm(e, r, s, true);
	},
	wake(e, r, s) {
		const w = s.def.wait;
		if (w.mode === 'period') {
			e.log(r, s, TraceCode.wait_ended);
			return s.out[0];
		}
		if (w.mode === 'until_conditions') {
			const end = target(e, r, s);
			const { ok, seen } = e.test(s.data.cond!, r);
			if (ok) {
				e.log(r, s, TraceCode.wait_ended, { reason: 'conditions_met', seen });
				return s.out[0];
			}
			if (end <= e.now) {
				e.log(r, s, TraceCode.wait_ended, { reason: 'time_limit', seen });
				return s.out[0];
			}
			const recheck = s.data.cond!.timeDependent ? e.nextRecheck() : NaN;
			return e.holdUntil(r, Number.isNaN(end) ? recheck : Number.isNaN(recheck) ? end : Math.min(end, recheck));
		}
		return arm(e, r, s, false);
	},
	recheck(e, r, s) {
		const w = s.def.wait;
		if (w.mode === 'until_conditions') {
			const { ok, seen } = e.test(s.data.cond!, r);
			if (!ok) return STAY;
			e.log(r, s, TraceCode.wait_ended, { reason: 'conditions_met', seen });
			return s.out[0];
		}
		if (w.mode === 'until_date_field') {
			// The date may have changed: move the end accordingly.
			const end = target(e, r, s);
			if (end === e.runs.wake[r] || (Number.isNaN(end) && Number.isNaN(e.runs.wake[r]))) return STAY;
			return arm(e, r, s, false);
		}
		return STAY;
	},
	rearm(e, r, s) {
		return arm(e, r, s, false);
	}
});

/** ISO text of a wait's end, for summaries. */
export function waitEndText(t: number | null): string {
	return t === null ? 'until conditions are met' : formatInstant(t);
}
