/**
 * Date-based trigger: on a contact's date field, N days/weeks before or after, once, yearly or
 * monthly, at a time of day in the contact's zone (or a chosen zone). The engine keeps one
 * scheduled instant per contact and recomputes it when the field changes.
 */
import { z } from 'zod';
import { TimeOfDay, ZoneRef } from '../schema/common';
import { addDays, atLocal, dateOf, localParts } from '../core/zones';
import { defineTrigger, triggerBase } from './kind';

const schema = z
	.object({
		...triggerBase,
		kind: z.literal('date.based'),
		field: z.string().min(1),
		when: z.enum(['on', 'before', 'after']).default('on'),
		amount: z.number().int().min(0).default(0),
		unit: z.enum(['days', 'weeks']).default('days'),
		recurrence: z.enum(['none', 'yearly', 'monthly']).default('yearly'),
		time: TimeOfDay.default('09:00'),
		zone: ZoneRef.default('contact')
	})
	.strict();
export type DateTriggerDef = z.infer<typeof schema>;

export const dateBased = defineTrigger({
	kind: 'date.based',
	group: 'date',
	title: 'Date based',
	summary: 'On a date field (birthday, renewal…), optionally days or weeks before/after, once or every year/month, at a time of day.',
	schema,
	source: { scheduled: true },
	validate: (d, v) => v.field(d.field, ['field'], ['date', 'datetime'])
});

/** The first firing instant strictly after `after` for a field value, or NaN when none. */
export function nextDateFire(d: DateTriggerDef, value: unknown, after: number, zone: string): number {
	const base = dateOf(value, zone);
	if (!base) return NaN;
	const shift = (d.when === 'before' ? -1 : d.when === 'after' ? 1 : 0) * d.amount * (d.unit === 'weeks' ? 7 : 1);
	const fire = (date: string) => atLocal(addDays(date, shift), d.time, zone);
	if (d.recurrence === 'none') {
		const t = fire(base);
		return t > after ? t : NaN;
	}
	const [, bm, bd] = base.split('-').map(Number);
	const now = localParts(after, zone);
	// Look from a little before `after` (a negative shift can bring next period's anniversary back).
	if (d.recurrence === 'yearly') {
		for (let y = now.year - 1; y <= now.year + 2; y++) {
			const t = fire(clampDate(y, bm, bd));
			if (t > after) return t;
		}
	} else {
		for (let k = -2; k <= 3; k++) {
			const m0 = now.month - 1 + k;
			const y = now.year + Math.floor(m0 / 12);
			const m = ((m0 % 12) + 12) % 12 + 1;
			const t = fire(clampDate(y, m, bd));
			if (t > after) return t;
		}
	}
	return NaN;
}

/** "YYYY-MM-DD" for a day clamped to the month's length (Feb 29 → Feb 28 in common years). */
function clampDate(y: number, m: number, d: number): string {
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
