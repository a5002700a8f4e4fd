/**
 * Time conditions: the current hour / time / date / weekday / day of month / month in the contact's
 * zone (or an explicit zone). An hour holds for the whole local hour; weekdays run 1 (Monday) to 7.
 */
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../../src/lib/engine/core/time';
import { holds, table, worldAt } from './harness';

// Workspace zone New York; c1 Paris, c2 the workspace zone, c3 Kolkata (+05:30).
const ws = { timeZone: 'America/New_York', contacts: [{ id: 'c1', timeZone: 'Europe/Paris' }, { id: 'c2' }, { id: 'c3', timeZone: 'Asia/Kolkata' }] };
const time = (part: string, op: string, value: unknown, zone?: string) => ({ kind: 'time', part, op, value, ...(zone ? { zone } : {}) });
const at = (iso: string) => () => worldAt(ws, [], parseInstant(iso));

describe('time conditions at Wednesday 2026-03-04 10:30 UTC', () => {
	// Paris 11:30 Wed, New York 05:30 Wed, Kolkata 16:00 Wed.
	table(at('2026-03-04T10:30:00Z'), [
		['hour in the contact zone', time('hour', 'eq', 11), { c1: true, c2: false, c3: false }],
		['contacts without a zone use the workspace zone', time('hour', 'eq', 5), { c1: false, c2: true, c3: false }],
		['half-hour zones', time('hour', 'eq', 16), { c1: false, c2: false, c3: true }],
		['an explicit zone overrides the contact zone', time('hour', 'eq', 16, 'Asia/Kolkata'), { c1: true, c2: true, c3: true }],
		['hour in a list', time('hour', 'in', [9, 10, 11]), { c1: true, c2: false, c3: false }],
		['business hours with gte/lt', { all: [time('hour', 'gte', 9), time('hour', 'lt', 17)] }, { c1: true, c2: false, c3: true }],
		['time of day compares "HH:MM"', time('time', 'gte', '11:30'), { c1: true, c2: false, c3: true }],
		['time of day lt', time('time', 'lt', '11:30'), { c1: false, c2: true, c3: false }],
		['Wednesday is 3', time('day_of_week', 'eq', 3), { c1: true, c2: true, c3: true }],
		['weekend', time('day_of_week', 'in', [6, 7]), { c1: false, c2: false, c3: false }],
		['date', time('date', 'eq', '2026-03-04'), { c1: true, c2: true, c3: true }],
		['date after', time('date', 'gt', '2026-03-03'), { c1: true, c2: true, c3: true }],
		['day of month', time('day_of_month', 'eq', 4), { c1: true, c2: true, c3: true }],
		['month', time('month', 'eq', 3), { c1: true, c2: true, c3: true }]
	]);
});

describe('weekday and date change at local midnight (Sunday 2026-03-08 23:30 UTC)', () => {
	// Paris 00:30 Monday, New York 19:30 Sunday (EDT since that morning), Kolkata 05:00 Monday.
	table(at('2026-03-08T23:30:00Z'), [
		['Monday is 1', time('day_of_week', 'eq', 1), { c1: true, c2: false, c3: true }],
		['Sunday is 7', time('day_of_week', 'eq', 7), { c1: false, c2: true, c3: false }],
		['the local date', time('date', 'eq', '2026-03-09'), { c1: true, c2: false, c3: true }],
		['New York is already on summer time', time('hour', 'eq', 19), { c1: false, c2: true, c3: false }],
		['day of week in an explicit zone', time('day_of_week', 'eq', 7, 'UTC'), { c1: true, c2: true, c3: true }]
	]);
});

describe('an hour holds for the whole local hour', () => {
	const cases: [string, boolean][] = [
		['2026-03-04T09:59:59Z', false], // 10:59:59 Paris
		['2026-03-04T10:00:00Z', true], // 11:00
		['2026-03-04T10:30:00Z', true],
		['2026-03-04T10:59:59Z', true], // 11:59:59
		['2026-03-04T11:00:00Z', false], // 12:00
		// Summer time: 11:00 in Paris is 09:00 UTC.
		['2026-03-29T08:59:00Z', false],
		['2026-03-29T09:00:00Z', true],
		['2026-03-29T09:59:00Z', true],
		['2026-03-29T10:00:00Z', false]
	];
	for (const [iso, expected] of cases)
		it(`hour = 11 in Paris at ${iso} → ${expected}`, () => {
			expect(holds(at(iso)(), time('hour', 'eq', 11))).toBe(expected);
		});

	it('Kolkata hour 16 is 10:30–11:29 UTC', () => {
		expect(holds(at('2026-03-04T10:29:00Z')(), time('hour', 'eq', 16), 'c3')).toBe(false);
		expect(holds(at('2026-03-04T10:30:00Z')(), time('hour', 'eq', 16), 'c3')).toBe(true);
		expect(holds(at('2026-03-04T11:29:59Z')(), time('hour', 'eq', 16), 'c3')).toBe(true);
		expect(holds(at('2026-03-04T11:30:00Z')(), time('hour', 'eq', 16), 'c3')).toBe(false);
	});

	it('follows a change of the contact zone', () => {
		const e = at('2026-03-04T10:30:00Z')();
		expect(holds(e, time('hour', 'eq', 11), 'c2')).toBe(false);
		e.apply({ type: 'field.changed', at: e.now, contact: 'c2', field: 'timeZone', value: 'Europe/Paris' });
		expect(holds(e, time('hour', 'eq', 11), 'c2')).toBe(true);
	});
});
