/**
 * Time zones and DST: waits "until a day/time", "until a date field", date-based triggers and
 * fixed-length period waits. Expected instants are written in UTC next to their local meaning.
 */
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, WEEK, parseInstant } from '../../../src/lib/engine/core/time';
import { atLocal, nextLocalTime } from '../../../src/lib/engine/core/zones';
import type { Engine } from '../../../src/lib/engine/engine';
import { engineWith, must, whereIs } from './helpers';

const I = parseInstant;
const iso = (t: number) => (Number.isNaN(t) ? 'NaN' : new Date(t).toISOString().replace('.000', ''));

/** The latest run of a contact in an automation. */
function runOf(e: Engine, contact: string, automation: string): number {
	const c = e.world.contact(contact)!;
	for (let r = c.firstRun; r >= 0; r = e.runs.nextOfContact[r]) if (e.autos[e.runs.auto[r]].id === automation) return r;
	return -1;
}

/** Instants at which a contact entered an automation, as ISO text. */
function entries(e: Engine, contact: string, automation: string): string[] {
	const c = e.world.contact(contact)!;
	const out: string[] = [];
	for (let r = c.firstRun; r >= 0; r = e.runs.nextOfContact[r]) if (e.autos[e.runs.auto[r]].id === automation) out.push(iso(e.runs.entered[r]));
	return out.reverse();
}

const waitAuto = (wait: Record<string, unknown>) => ({
	id: 'a',
	name: 'A',
	status: 'active',
	triggers: [{ id: 'm', kind: 'manual', runs: 'every' }],
	steps: [
		{ id: 'w', kind: 'wait', wait },
		{ id: 'done', kind: 'tag.add', tag: 'done' }
	].map((s, i, all) => (i < all.length - 1 ? { ...s, next: all[i + 1].id } : s))
});

describe('core zone maths', () => {
	const rows: [string, string, string, string][] = [
		// date, time, zone, expected UTC
		['2026-03-03', '09:00', 'Europe/Paris', '2026-03-03T08:00:00Z'],
		['2026-07-03', '09:00', 'Europe/Paris', '2026-07-03T07:00:00Z'],
		['2026-03-03', '09:00', 'Asia/Kolkata', '2026-03-03T03:30:00Z'],
		['2026-03-03', '09:00', 'Asia/Kathmandu', '2026-03-03T03:15:00Z'],
		// Spring forward: 02:00–02:59 does not exist in Paris on 2026-03-29; the first valid instant is 03:00 CEST.
		['2026-03-29', '02:30', 'Europe/Paris', '2026-03-29T01:00:00Z'],
		['2026-03-29', '02:00', 'Europe/Paris', '2026-03-29T01:00:00Z'],
		['2026-03-29', '03:00', 'Europe/Paris', '2026-03-29T01:00:00Z'],
		['2026-03-29', '01:59', 'Europe/Paris', '2026-03-29T00:59:00Z'],
		['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:00:00Z'],
		// Lord Howe moves by half an hour: 02:00–02:29 does not exist on 2026-10-04.
		['2026-10-04', '02:15', 'Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
		['2026-10-04', '02:30', 'Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
		// Fall back: the repeated hour takes its earlier instant (summer time).
		['2026-10-25', '02:30', 'Europe/Paris', '2026-10-25T00:30:00Z'],
		['2026-10-25', '03:00', 'Europe/Paris', '2026-10-25T02:00:00Z'],
		['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00Z'],
		['2026-04-05', '01:45', 'Australia/Lord_Howe', '2026-04-04T14:45:00Z'],
		['2026-04-05', '01:15', 'Australia/Lord_Howe', '2026-04-04T14:15:00Z']
	];
	for (const [date, time, zone, want] of rows)
		it(`atLocal ${date} ${time} ${zone} = ${want}`, () => {
			expect(iso(atLocal(date, time, zone))).toBe(want);
		});

	it('nextLocalTime is strictly after and honours weekdays', () => {
		const t = I('2026-03-03T08:00:00Z'); // Tuesday 09:00 Paris
		expect(iso(nextLocalTime(t - 1, '09:00', 'Europe/Paris', [2]))).toBe('2026-03-03T08:00:00Z');
		expect(iso(nextLocalTime(t, '09:00', 'Europe/Paris', [2]))).toBe('2026-03-10T08:00:00Z');
		expect(iso(nextLocalTime(t, '09:00', 'Europe/Paris', [6, 7]))).toBe('2026-03-07T08:00:00Z');
	});
});

describe('wait until a day and time', () => {
	type Row = { name: string; zone?: string; enter: string; wait: Record<string, unknown>; until: string | 'now' };
	const tue9 = { mode: 'until_time', time: '09:00', days: [2] };
	const rows: Row[] = [
		{ name: 'next Tuesday 09:00 Paris', zone: 'Europe/Paris', enter: '2026-03-02T10:00:00Z', wait: tue9, until: '2026-03-03T08:00:00Z' },
		{ name: 'same Tuesday when before 09:00', zone: 'Europe/Paris', enter: '2026-03-03T07:59:00Z', wait: tue9, until: '2026-03-03T08:00:00Z' },
		{ name: 'exactly Tuesday 09:00 goes on at once', zone: 'Europe/Paris', enter: '2026-03-03T08:00:00Z', wait: tue9, until: 'now' },
		{ name: 'just after Tuesday 09:00 waits a week', zone: 'Europe/Paris', enter: '2026-03-03T08:01:00Z', wait: tue9, until: '2026-03-10T08:00:00Z' },
		{ name: 'across the March DST change (Paris)', zone: 'Europe/Paris', enter: '2026-03-27T12:00:00Z', wait: tue9, until: '2026-03-31T07:00:00Z' },
		{ name: 'across the October DST change (Paris)', zone: 'Europe/Paris', enter: '2026-10-23T12:00:00Z', wait: tue9, until: '2026-10-27T08:00:00Z' },
		{ name: 'across the March DST change (New York)', zone: 'America/New_York', enter: '2026-03-06T15:00:00Z', wait: tue9, until: '2026-03-10T13:00:00Z' },
		{ name: 'across the November DST change (New York)', zone: 'America/New_York', enter: '2026-10-30T15:00:00Z', wait: tue9, until: '2026-11-03T14:00:00Z' },
		{ name: 'Kolkata (+05:30, no DST), any day', zone: 'Asia/Kolkata', enter: '2026-03-02T04:00:00Z', wait: { mode: 'until_time', time: '09:00' }, until: '2026-03-03T03:30:00Z' },
		{ name: 'Lord Howe half-hour DST start', zone: 'Australia/Lord_Howe', enter: '2026-10-02T00:00:00Z', wait: tue9, until: '2026-10-05T22:00:00Z' },
		{ name: 'Lord Howe half-hour DST end', zone: 'Australia/Lord_Howe', enter: '2026-04-03T00:00:00Z', wait: tue9, until: '2026-04-06T22:30:00Z' },
		{ name: 'nonexistent 02:30 on spring-forward day → 03:00 CEST', zone: 'Europe/Paris', enter: '2026-03-28T12:00:00Z', wait: { mode: 'until_time', time: '02:30' }, until: '2026-03-29T01:00:00Z' },
		{ name: 'nonexistent 02:30 on a given date', zone: 'Europe/Paris', enter: '2026-03-20T12:00:00Z', wait: { mode: 'until_time', time: '02:30', date: '2026-03-29' }, until: '2026-03-29T01:00:00Z' },
		{ name: 'repeated 02:30 on fall-back day → the first one', zone: 'Europe/Paris', enter: '2026-10-24T12:00:00Z', wait: { mode: 'until_time', time: '02:30' }, until: '2026-10-25T00:30:00Z' },
		{ name: 'the day after spring forward is back to normal', zone: 'Europe/Paris', enter: '2026-03-29T12:00:00Z', wait: { mode: 'until_time', time: '02:30' }, until: '2026-03-30T00:30:00Z' },
		{ name: 'an explicit zone beats the contact zone', zone: 'Europe/Paris', enter: '2026-03-02T10:00:00Z', wait: { ...tue9, zone: 'Asia/Tokyo' }, until: '2026-03-03T00:00:00Z' },
		{ name: 'no contact zone: the workspace zone', enter: '2026-03-02T10:00:00Z', wait: tue9, until: '2026-03-03T14:00:00Z' },
		{ name: 'several allowed weekdays', zone: 'Europe/Paris', enter: '2026-03-03T10:00:00Z', wait: { mode: 'until_time', time: '09:00', days: [1, 3, 5] }, until: '2026-03-04T08:00:00Z' },
		{ name: 'a given date already past goes on at once', zone: 'Europe/Paris', enter: '2026-03-03T10:00:00Z', wait: { mode: 'until_time', time: '09:00', date: '2026-03-01' }, until: 'now' }
	];
	for (const row of rows)
		it(row.name, () => {
			const start = I(row.enter);
			const e = engineWith({ timeZone: 'America/New_York', contacts: [{ id: 'c1', ...(row.zone ? { timeZone: row.zone } : {}) }], automations: [waitAuto(row.wait)] }, { start });
			must(e, { type: 'contacts.added', at: start, automation: 'a', contacts: ['c1'] });
			if (row.until === 'now') {
				expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
				return;
			}
			const until = I(row.until);
			expect(iso(e.runs.wake[runOf(e, 'c1', 'a')])).toBe(iso(until));
			e.advanceTo(until - 1);
			expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
			e.advanceTo(until);
			expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
		});
});

describe('wait until a date field matches', () => {
	const fields = [
		{ key: 'renewal', label: 'Renewal', type: 'date' },
		{ key: 'appointment', label: 'Appointment', type: 'datetime' }
	];
	type Row = { name: string; zone: string; value: string; wait: Record<string, unknown>; until: string | 'now' };
	const rows: Row[] = [
		{ name: 'on the date at 09:00', zone: 'Europe/Paris', value: '2026-03-20', wait: { when: 'on' }, until: '2026-03-20T08:00:00Z' },
		{ name: '3 days before at 09:00', zone: 'Europe/Paris', value: '2026-03-20', wait: { when: 'before', amount: 3 }, until: '2026-03-17T08:00:00Z' },
		{ name: '2 days after at 10:00', zone: 'Europe/Paris', value: '2026-03-20', wait: { when: 'after', amount: 2, time: '10:00' }, until: '2026-03-22T09:00:00Z' },
		{ name: '1 week before', zone: 'Europe/Paris', value: '2026-04-02', wait: { when: 'before', amount: 1, unit: 'weeks' }, until: '2026-03-26T08:00:00Z' },
		{ name: 'after the DST change keeps 09:00 local', zone: 'Europe/Paris', value: '2026-03-27', wait: { when: 'after', amount: 3 }, until: '2026-03-30T07:00:00Z' },
		{ name: 'a date-time value is read on the local date', zone: 'Europe/Paris', value: '2026-03-28T23:30:00Z', wait: { field: 'appointment' }, until: '2026-03-29T07:00:00Z' },
		{ name: 'New York crossing DST', zone: 'America/New_York', value: '2026-03-10', wait: {}, until: '2026-03-10T13:00:00Z' },
		{ name: 'an explicit zone', zone: 'America/New_York', value: '2026-03-10', wait: { zone: 'Asia/Kolkata' }, until: '2026-03-10T03:30:00Z' },
		{ name: 'a date already past goes on at once', zone: 'Europe/Paris', value: '2026-02-20', wait: {}, until: 'now' },
		{ name: 'the matching day, after the time, goes on at once', zone: 'Europe/Paris', value: '2026-03-02', wait: {}, until: 'now' }
	];
	for (const row of rows)
		it(row.name, () => {
			const field = (row.wait.field as string) ?? 'renewal';
			const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: row.zone, fields: { [field]: row.value } }], automations: [waitAuto({ mode: 'until_date_field', field: 'renewal', ...row.wait })] });
			must(e, { type: 'contacts.added', at: e.now, automation: 'a', contacts: ['c1'] });
			if (row.until === 'now') {
				expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
				return;
			}
			const until = I(row.until);
			expect(iso(e.runs.wake[runOf(e, 'c1', 'a')])).toBe(iso(until));
			e.advanceTo(until - 1);
			expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
			e.advanceTo(until);
			expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
		});

	it('an empty field waits for a value; a changed value moves the end', () => {
		const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: 'Europe/Paris' }], automations: [waitAuto({ mode: 'until_date_field', field: 'renewal' })] });
		must(e, { type: 'contacts.added', at: e.now, automation: 'a', contacts: ['c1'] });
		const r = runOf(e, 'c1', 'a');
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		expect(e.runs.wake[r]).toBeNaN();
		must(e, { type: 'field.changed', at: e.now + HOUR, contact: 'c1', field: 'renewal', value: '2026-03-20' });
		expect(iso(e.runs.wake[r])).toBe('2026-03-20T08:00:00Z');
		must(e, { type: 'field.changed', at: e.now + HOUR, contact: 'c1', field: 'renewal', value: '2026-03-10' });
		expect(iso(e.runs.wake[r])).toBe('2026-03-10T08:00:00Z');
		e.advanceTo(I('2026-03-10T08:00:00Z'));
		expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
		// The stale timer of the first value does nothing.
		e.advanceTo(I('2026-03-21T00:00:00Z'));
		expect(e.world.contact('c1')!.tags).toEqual(['done']);
	});

	it('a date moved into the past releases the contact at once', () => {
		const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: 'Europe/Paris', fields: { renewal: '2026-03-20' } }], automations: [waitAuto({ mode: 'until_date_field', field: 'renewal' })] });
		must(e, { type: 'contacts.added', at: e.now, automation: 'a', contacts: ['c1'] });
		must(e, { type: 'field.changed', at: e.now + HOUR, contact: 'c1', field: 'renewal', value: '2026-03-01' });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
	});

	it('reads deal and account date fields', () => {
		const e = engineWith({
			pipelines: [{ id: 'p', name: 'P', stages: [{ id: 's', name: 'S' }] }],
			dealFields: [{ key: 'close', label: 'Close', type: 'date' }],
			accountFields: [{ key: 'renews', label: 'Renews', type: 'date' }],
			accounts: [{ id: 'acme', name: 'Acme', fields: { renews: '2026-04-01' } }],
			contacts: [{ id: 'c1', timeZone: 'Europe/Paris', account: 'acme' }],
			deals: [{ id: 'd1', contact: 'c1', pipeline: 'p', stage: 's', title: 'D', fields: { close: '2026-03-15' } }],
			automations: [
				{ ...waitAuto({ mode: 'until_date_field', source: 'deal', field: 'close', when: 'before', amount: 1 }), id: 'deal' },
				{ ...waitAuto({ mode: 'until_date_field', source: 'account', field: 'renews', time: '08:30' }), id: 'account' }
			]
		});
		must(e, { type: 'contacts.added', at: e.now, automation: 'deal', contacts: ['c1'] });
		must(e, { type: 'contacts.added', at: e.now, automation: 'account', contacts: ['c1'] });
		expect(iso(e.runs.wake[runOf(e, 'c1', 'deal')])).toBe('2026-03-14T08:00:00Z');
		expect(iso(e.runs.wake[runOf(e, 'c1', 'account')])).toBe('2026-04-01T06:30:00Z');
	});
});

describe('a period wait is a fixed duration', () => {
	const rows: [string, Record<string, number>, string, string][] = [
		['1 day across spring forward is 24 h (13:00 CET → 14:00 CEST)', { days: 1 }, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'],
		['1 day across fall back is 24 h', { days: 1 }, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z'],
		['1 week across a DST change is 168 h', { weeks: 1 }, '2026-10-20T12:00:00Z', '2026-10-27T12:00:00Z'],
		['hours and minutes add up', { hours: 2, minutes: 30 }, '2026-03-29T00:30:00Z', '2026-03-29T03:00:00Z']
	];
	for (const [name, dur, enter, until] of rows)
		it(name, () => {
			const e = engineWith({ contacts: [{ id: 'c1', timeZone: 'Europe/Paris' }], automations: [waitAuto({ mode: 'period', for: dur })] }, { start: I(enter) });
			must(e, { type: 'contacts.added', at: I(enter), automation: 'a', contacts: ['c1'] });
			expect(iso(e.runs.wake[runOf(e, 'c1', 'a')])).toBe(iso(I(until)));
			expect(I(until) - I(enter)).toBe((dur.weeks ?? 0) * WEEK + (dur.days ?? 0) * DAY + (dur.hours ?? 0) * HOUR + (dur.minutes ?? 0) * 60_000);
		});
});

describe('date-based trigger', () => {
	const fields = [
		{ key: 'birthday', label: 'Birthday', type: 'date' },
		{ key: 'renewal', label: 'Renewal', type: 'date' }
	];
	const dateAuto = (trigger: Record<string, unknown>) => ({
		id: 'd',
		name: 'Dates',
		status: 'active',
		triggers: [{ id: 't', kind: 'date.based', runs: 'every', field: 'birthday', ...trigger }],
		steps: [{ id: 'tag', kind: 'tag.add', tag: 'fired' }]
	});
	type Row = { name: string; zone?: string; value: string; trigger: Record<string, unknown>; until: string; want: string[] };
	const rows: Row[] = [
		{ name: 'yearly birthday at 09:00 in the contact zone', zone: 'Europe/Paris', value: '1990-03-10', trigger: {}, until: '2027-12-31', want: ['2026-03-10T08:00:00Z', '2027-03-10T08:00:00Z'] },
		{ name: 'yearly on Feb 29: Feb 28 in common years, Feb 29 in leap years', zone: 'Europe/Paris', value: '2000-02-29', trigger: {}, until: '2028-12-31', want: ['2027-02-28T08:00:00Z', '2028-02-29T08:00:00Z'] },
		{ name: 'yearly in summer time', zone: 'Europe/Paris', value: '1985-07-14', trigger: { time: '08:00' }, until: '2026-12-31', want: ['2026-07-14T06:00:00Z'] },
		{ name: 'monthly, day clamped to short months', zone: 'UTC', value: '2026-01-31', trigger: { recurrence: 'monthly' }, until: '2026-06-15', want: ['2026-03-31T09:00:00Z', '2026-04-30T09:00:00Z', '2026-05-31T09:00:00Z'] },
		{ name: 'N days before, once', zone: 'Europe/Paris', value: '2026-04-10', trigger: { field: 'renewal', when: 'before', amount: 7, recurrence: 'none' }, until: '2027-12-31', want: ['2026-04-03T07:00:00Z'] },
		{ name: '2 weeks after, once', zone: 'America/New_York', value: '2026-03-01', trigger: { field: 'renewal', when: 'after', amount: 2, unit: 'weeks', recurrence: 'none', time: '07:30' }, until: '2026-12-31', want: ['2026-03-15T11:30:00Z'] },
		{ name: 'once, date in the past: never', zone: 'Europe/Paris', value: '2026-02-01', trigger: { field: 'renewal', recurrence: 'none' }, until: '2027-12-31', want: [] },
		{ name: 'yearly N days before wraps into the previous year', zone: 'UTC', value: '1990-01-03', trigger: { when: 'before', amount: 5 }, until: '2027-12-31', want: ['2026-12-29T09:00:00Z', '2027-12-29T09:00:00Z'] },
		{ name: 'an explicit trigger zone', zone: 'Europe/Paris', value: '1990-03-10', trigger: { zone: 'Asia/Kolkata' }, until: '2026-12-31', want: ['2026-03-10T03:30:00Z'] }
	];
	for (const row of rows)
		it(row.name, () => {
			const field = (row.trigger.field as string) ?? 'birthday';
			const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: row.zone, fields: { [field]: row.value } }], automations: [dateAuto(row.trigger)] });
			e.advanceTo(I(row.until));
			expect(entries(e, 'c1', 'd')).toEqual(row.want.map((w) => iso(I(w))));
		});

	it('a changed date reschedules (the old instant does not fire)', () => {
		const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: 'UTC', fields: { birthday: '1990-03-10' } }], automations: [dateAuto({})] });
		must(e, { type: 'field.changed', at: I('2026-03-05T00:00:00Z'), contact: 'c1', field: 'birthday', value: '1990-03-20' });
		e.advanceTo(I('2026-12-31T00:00:00Z'));
		expect(entries(e, 'c1', 'd')).toEqual(['2026-03-20T09:00:00Z']);
	});

	it('follows a change of the contact time zone', () => {
		const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: 'Europe/Paris', fields: { birthday: '1990-03-10' } }], automations: [dateAuto({})] });
		must(e, { type: 'field.changed', at: I('2026-03-05T00:00:00Z'), contact: 'c1', field: 'timeZone', value: 'America/New_York' });
		e.advanceTo(I('2026-12-31T00:00:00Z'));
		expect(entries(e, 'c1', 'd')).toEqual(['2026-03-10T13:00:00Z']);
	});

	it('one occurrence fires once, even when a zone change moves it later', () => {
		const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: 'Europe/Paris', fields: { birthday: '1990-03-10' } }], automations: [dateAuto({})] });
		e.advanceTo(I('2026-03-10T10:00:00Z')); // fired at 09:00 Paris; it is 06:00 in New York
		must(e, { type: 'field.changed', at: e.now, contact: 'c1', field: 'timeZone', value: 'America/New_York' });
		e.advanceTo(I('2027-12-31T00:00:00Z'));
		expect(entries(e, 'c1', 'd')).toEqual(['2026-03-10T08:00:00Z', '2027-03-10T14:00:00Z']);
	});

	it('contacts created later are scheduled, and a cleared date unschedules', () => {
		const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: 'UTC', fields: { birthday: '1990-03-10' } }], automations: [dateAuto({})] });
		must(e, { type: 'contact.upserted', at: I('2026-03-03T00:00:00Z'), contact: { id: 'c2', fields: { birthday: '1990-03-12' } } });
		must(e, { type: 'field.changed', at: I('2026-03-04T00:00:00Z'), contact: 'c1', field: 'birthday', value: null });
		e.advanceTo(I('2026-12-31T00:00:00Z'));
		expect(entries(e, 'c1', 'd')).toEqual([]);
		expect(entries(e, 'c2', 'd')).toEqual(['2026-03-12T09:00:00Z']);
	});

	it('runs once: the yearly trigger enters only the first year', () => {
		const e = engineWith({ fields, contacts: [{ id: 'c1', timeZone: 'UTC', fields: { birthday: '1990-03-10' } }], automations: [{ ...dateAuto({}), triggers: [{ id: 't', kind: 'date.based', runs: 'once', field: 'birthday' }] }] });
		e.advanceTo(I('2028-12-31T00:00:00Z'));
		expect(entries(e, 'c1', 'd')).toEqual(['2026-03-10T09:00:00Z']);
		const refused = e.trace.indicesOfContact(0).map((i) => e.trace.entry(i)).filter((x) => x.code === 'entry_refused');
		expect(refused.map((x) => x.detail?.reason)).toEqual(['trigger_runs_once', 'trigger_runs_once']);
	});
});
