import { describe, expect, it } from 'vitest';
import { coerceValue, isCalendarDate } from '../../../../src/lib/engine/steps/coerce';

describe('coerceValue', () => {
	it('coerces numbers, dates, date-times and checkboxes', () => {
		expect(coerceValue({ type: 'number' }, ' 3.5 ', 'UTC')).toEqual({ ok: true, value: 3.5 });
		expect(coerceValue({ type: 'number' }, true, 'UTC')).toEqual({ ok: false, reason: 'not_a_number' });
		expect(coerceValue({ type: 'date' }, '2026-02-30', 'UTC')).toEqual({ ok: false, reason: 'not_a_date' });
		expect(coerceValue({ type: 'date' }, '2026-03-01T23:30:00Z', 'Europe/Paris')).toEqual({ ok: true, value: '2026-03-02' });
		expect(coerceValue({ type: 'datetime' }, '2026-03-01', 'Europe/Paris')).toEqual({ ok: true, value: '2026-02-28T23:00:00.000Z' });
		expect(coerceValue({ type: 'datetime' }, 'tomorrow', 'UTC')).toEqual({ ok: false, reason: 'not_a_datetime' });
		expect(coerceValue({ type: 'checkbox' }, 'No', 'UTC')).toEqual({ ok: true, value: false });
		expect(coerceValue({ type: 'checkbox' }, 'maybe', 'UTC')).toEqual({ ok: false, reason: 'not_a_boolean' });
	});

	it('matches dropdown and multi-select options ignoring case', () => {
		const spec = { type: 'multiselect' as const, options: ['Red', 'Blue'] };
		expect(coerceValue(spec, ['red', 'BLUE', 'red'], 'UTC')).toEqual({ ok: true, value: ['Red', 'Blue'] });
		expect(coerceValue(spec, 'red, green', 'UTC')).toEqual({ ok: false, reason: 'not_an_option' });
		expect(coerceValue({ type: 'dropdown', options: ['A'] }, 'a', 'UTC')).toEqual({ ok: true, value: 'A' });
		expect(coerceValue({ type: 'dropdown' }, 'anything', 'UTC')).toEqual({ ok: true, value: 'anything' });
	});

	it('clears on empty values, except required properties', () => {
		expect(coerceValue({ type: 'number' }, '', 'UTC')).toEqual({ ok: true, value: null });
		expect(coerceValue({ type: 'text', special: 'required' }, '', 'UTC')).toEqual({ ok: false, reason: 'required' });
		expect(coerceValue({ type: 'text', special: 'currency' }, 'eur', 'UTC')).toEqual({ ok: true, value: 'EUR' });
		expect(coerceValue({ type: 'text', special: 'zone' }, 'Mars/Base', 'UTC')).toEqual({ ok: false, reason: 'invalid_time_zone' });
		expect(coerceValue({ type: 'text' }, ['a', 'b'], 'UTC')).toEqual({ ok: true, value: 'a, b' });
	});

	it('knows real calendar dates', () => {
		expect(isCalendarDate('2024-02-29')).toBe(true);
		expect(isCalendarDate('2025-02-29')).toBe(false);
		expect(isCalendarDate('2025-2-1')).toBe(false);
	});
});
