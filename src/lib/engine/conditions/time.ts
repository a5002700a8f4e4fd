/** Condition family on the current time in the contact's zone. An hour holds for the whole hour. */
import type { z } from 'zod';
import type { TimeCondition } from '../schema/conditions';
import { localParts } from '../core/zones';
import { cmp } from './contact';
import { type Pred, zoneOf } from './types';

/** Current date / time / hour / day of week / day of month / month against a value. */
export function timePred(l: z.infer<typeof TimeCondition>): Pred {
	const what = `current ${l.part}`;
	return (env, c, seen) => {
		const p = localParts(env.now, zoneOf(env, c, l.zone));
		let actual: number | string;
		switch (l.part) {
			case 'date':
				actual = p.date;
				break;
			case 'time':
				actual = p.time;
				break;
			case 'hour':
				actual = p.hour;
				break;
			case 'day_of_week':
				actual = p.weekday;
				break;
			case 'day_of_month':
				actual = p.day;
				break;
			case 'month':
				actual = p.month;
				break;
		}
		let ok: boolean;
		if (l.op === 'in') ok = Array.isArray(l.value) && (l.value as unknown[]).includes(actual);
		else if (typeof actual === 'number') ok = cmp(l.op, actual, Number(l.value));
		else {
			const v = String(l.value);
			const d = actual < v ? -1 : actual > v ? 1 : 0;
			ok = cmp(l.op, d, 0);
		}
		if (seen) seen.push({ what, value: actual, ok });
		return ok;
	};
}
