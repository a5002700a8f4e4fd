/** Typed custom field values: parsing text, checking and converting stored values. */
import { describe, expect, it } from 'vitest';
import { convertValue, fitsType, parseDate, parseDateTime, parseFieldText, parseNumber } from '../../../src/lib/engine/field-values';

describe('parseNumber', () => {
	it.each([
		['12', 12],
		['-3.5', -3.5],
		['12,5', 12.5],
		['1,234', 1234],
		['1 234,50', 1234.5],
		['1.234,5', 1234.5],
		['1,234.5', 1234.5],
		['1.000.000', 1000000]
	])('%s → %s', (t, n) => expect(parseNumber(t)).toBe(n));
	it.each(['abc', '12a', '', '--1', '1e5x'])('%s is not a number', (t) => expect(parseNumber(t)).toBeNull());
});

describe('dates', () => {
	it('reads ISO and ordered dates and refuses impossible ones', () => {
		expect(parseDate('2026-02-28')).toBe('2026-02-28');
		expect(parseDate('2026/2/3')).toBe('2026-02-03');
		expect(parseDate('2026-02-30')).toBeNull();
		expect(parseDate('03/02/2026')).toBeNull();
		expect(parseDate('03/02/2026', 'dmy')).toBe('2026-02-03');
		expect(parseDate('03/02/2026', 'mdy')).toBe('2026-03-02');
		expect(parseDate('2024-02-29')).toBe('2024-02-29');
		expect(parseDate('2025-02-29')).toBeNull();
	});
	it('reads date-times as UTC instants', () => {
		expect(parseDateTime('2026-03-01T09:30:00+01:00')).toBe('2026-03-01T08:30:00.000Z');
		expect(parseDateTime('2026-03-01 09:30')).toBe('2026-03-01T09:30:00.000Z');
		expect(parseDateTime('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
		expect(parseDateTime('2026-03-01 25:00')).toBeNull();
	});
});

describe('parseFieldText', () => {
	const plan = { type: 'dropdown' as const, options: ['Free', 'Pro'] };
	const tags = { type: 'multiselect' as const, options: ['Tea', 'Coffee'] };
	it('matches options case-insensitively and keeps their spelling', () => {
		expect(parseFieldText(plan, 'pro')).toEqual({ ok: true, value: 'Pro' });
		expect(parseFieldText(plan, 'Team')).toEqual({ ok: false, reason: 'not_an_option' });
		expect(parseFieldText(tags, 'coffee; tea|Coffee')).toEqual({ ok: true, value: ['Coffee', 'Tea'] });
		expect(parseFieldText(tags, 'Milk')).toEqual({ ok: false, reason: 'not_an_option' });
	});
	it('reads checkboxes in English and French', () => {
		for (const t of ['yes', 'Oui', 'TRUE', '1', 'x']) expect(parseFieldText({ type: 'checkbox' }, t)).toEqual({ ok: true, value: true });
		for (const t of ['no', 'Non', 'false', '0', '']) expect(parseFieldText({ type: 'checkbox' }, t)).toEqual({ ok: true, value: false });
		expect(parseFieldText({ type: 'checkbox' }, 'maybe').ok).toBe(false);
	});
	it('treats empty text as no value', () => {
		expect(parseFieldText({ type: 'number' }, '  ')).toEqual({ ok: true, value: null });
		expect(parseFieldText({ type: 'text' }, '  x ')).toEqual({ ok: true, value: 'x' });
	});
});

describe('fitsType / convertValue', () => {
	it('checks stored values', () => {
		expect(fitsType({ type: 'number' }, 3)).toBe(true);
		expect(fitsType({ type: 'number' }, '3')).toBe(false);
		expect(fitsType({ type: 'date' }, '2026-01-01')).toBe(true);
		expect(fitsType({ type: 'datetime' }, '2026-01-01T00:00:00.000Z')).toBe(true);
		expect(fitsType({ type: 'checkbox' }, 'yes')).toBe(false);
		expect(fitsType({ type: 'multiselect', options: ['a'] }, ['a'])).toBe(true);
		expect(fitsType({ type: 'text' }, null)).toBe(true);
	});
	it('converts between types when it can', () => {
		expect(convertValue({ type: 'text' }, 12)).toEqual({ ok: true, value: '12' });
		expect(convertValue({ type: 'text' }, ['a', 'b'])).toEqual({ ok: true, value: 'a, b' });
		expect(convertValue({ type: 'number' }, '12,5')).toEqual({ ok: true, value: 12.5 });
		expect(convertValue({ type: 'multiselect', options: ['A', 'B'] }, 'a')).toEqual({ ok: true, value: ['A'] });
		expect(convertValue({ type: 'dropdown', options: ['A'] }, ['A'])).toEqual({ ok: true, value: 'A' });
		expect(convertValue({ type: 'checkbox' }, 'Paris').ok).toBe(false);
	});
});
