import { describe, expect, it } from 'vitest';
import { calculate, shiftDate } from '../../../../src/lib/engine/steps/format-calc';
import { codes, CRM, DEAL, diagnose, run, stepLogs } from './util';

const fields = [
	{ key: 'start', label: 'Start', type: 'date' },
	{ key: 'renewal', label: 'Renewal', type: 'date' },
	{ key: 'seen', label: 'Seen', type: 'datetime' },
	{ key: 'remind_at', label: 'Remind at', type: 'datetime' },
	{ key: 'price', label: 'Price', type: 'number' },
	{ key: 'qty', label: 'Quantity', type: 'text' },
	{ key: 'total', label: 'Total', type: 'number' },
	{ key: 'label', label: 'Label', type: 'text' }
];

describe('format.date_shift', () => {
	it('keeps dates as dates and instants as instants, in calendar terms', () => {
		expect(shiftDate('2026-01-31', 1, 'months', 'UTC')).toBe('2026-02-28');
		expect(shiftDate('2026-03-01', -2, 'weeks', 'UTC')).toBe('2026-02-15');
		expect(shiftDate('2026-03-01T09:00:00Z', 90, 'minutes', 'UTC')).toBe('2026-03-01T10:30:00.000Z');
		// A calendar day across the spring DST change keeps the local time.
		expect(shiftDate('2026-03-28T09:00:00+01:00', 1, 'days', 'Europe/Paris')).toBe('2026-03-29T07:00:00.000Z');
		expect(shiftDate('2026-03-01', 1, 'days', 'UTC', 'datetime')).toBe('2026-03-02T00:00:00.000Z');
		expect(shiftDate('soon', 1, 'days', 'UTC')).toBeNull();
	});

	it('writes the shifted value into the output field', () => {
		const e = run(
			[
				{ id: 'd', kind: 'format.date_shift', op: 'add', amount: 1, unit: 'months', from: { field: 'start' }, to: { field: 'renewal' }, next: 't' },
				{ id: 't', kind: 'format.date_shift', op: 'subtract', amount: 2, unit: 'hours', from: { field: 'seen' }, to: { field: 'remind_at' }, next: 'x' },
				{ id: 'x', kind: 'format.date_shift', op: 'add', amount: 3, unit: 'days', from: { field: 'start' }, to: { source: 'deal', field: 'close_date' }, next: 'bad' },
				{ id: 'bad', kind: 'format.date_shift', op: 'add', amount: 3, unit: 'days', from: { field: 'label' }, to: { field: 'renewal' } }
			],
			{ ...CRM, fields, contacts: [{ id: 'c1', fields: { start: '2026-01-31', seen: '2026-03-02T08:00:00Z', label: 'whenever' } }], deals: [DEAL] }
		);
		const c = e.world.contact('c1')!;
		expect(c.fields.renewal).toBe('2026-02-28');
		expect(c.fields.remind_at).toBe('2026-03-02T06:00:00.000Z');
		expect(e.world.deals.get('d1')!.fields.close_date).toBe('2026-02-03');
		expect(stepLogs(e, 'bad')).toEqual([{ code: 'step_skipped', detail: { reason: 'not_a_date', value: 'whenever' } }]);
	});

	it('validates field types', () => {
		expect(codes(diagnose([{ id: 'd', kind: 'format.date_shift', op: 'add', amount: 1, unit: 'days', from: { field: 'price' }, to: { field: 'total' } }], { fields }))).toEqual([
			'ref.field_type@error',
			'ref.field_type@error'
		]);
	});
});

describe('format.math', () => {
	it('calculates, rounds and refuses division by zero', () => {
		expect(calculate(0.1, 'add', 0.2)).toEqual({ ok: true, value: 0.3 });
		expect(calculate(10, 'divide', 3, 2)).toEqual({ ok: true, value: 3.33 });
		expect(calculate(1.005, 'multiply', 1, 2)).toEqual({ ok: true, value: 1.01 });
		expect(calculate(5, 'divide', 0)).toEqual({ ok: false, reason: 'division_by_zero' });
	});

	it('uses a number or another field as operand and writes the result', () => {
		const e = run(
			[
				{ id: 'm', kind: 'format.math', op: 'multiply', operand: { field: { field: 'qty' } }, from: { field: 'price' }, to: { field: 'total' }, next: 'tax' },
				{ id: 'tax', kind: 'format.math', op: 'multiply', operand: { value: 1.2 }, round: 2, from: { field: 'total' }, to: { source: 'deal', field: 'value' }, next: 'div' },
				{ id: 'div', kind: 'format.math', op: 'divide', operand: { field: { field: 'label' } }, from: { field: 'price' }, to: { field: 'total' }, next: 'nan' },
				{ id: 'nan', kind: 'format.math', op: 'add', operand: { value: 1 }, from: { field: 'label' }, to: { field: 'total' }, next: 'zero' },
				{ id: 'zero', kind: 'format.math', op: 'divide', operand: { field: { field: 'start' } }, from: { field: 'price' }, to: { field: 'total' } }
			],
			{ ...CRM, fields, contacts: [{ id: 'c1', fields: { price: 19.99, qty: '3', label: 'n/a', start: '0' } }], deals: [DEAL] }
		);
		expect(e.world.contact('c1')!.fields.total).toBe(59.97);
		expect(e.world.deals.get('d1')!.value).toBe(71.96);
		expect(stepLogs(e, 'div')).toEqual([{ code: 'step_skipped', detail: { reason: 'operand_not_a_number', value: 19.99 } }]);
		expect(stepLogs(e, 'nan')).toEqual([{ code: 'step_skipped', detail: { reason: 'not_a_number', value: 'n/a' } }]);
		expect(stepLogs(e, 'zero')).toEqual([{ code: 'step_skipped', detail: { reason: 'division_by_zero', value: 19.99 } }]);
	});

	it('says why an operand field cannot be read', () => {
		const e = run([{ id: 'm', kind: 'format.math', op: 'add', operand: { field: { source: 'deal', field: 'value' } }, from: { field: 'price' }, to: { field: 'total' } }], {
			fields,
			contacts: [{ id: 'c1', fields: { price: 2 } }]
		});
		expect(stepLogs(e, 'm')).toEqual([{ code: 'step_skipped', detail: { reason: 'operand_no_deal', value: 2 } }]);
	});

	it('validates operands and output type', () => {
		expect(
			codes(diagnose([{ id: 'm', kind: 'format.math', op: 'divide', operand: { value: 0 }, from: { field: 'price' }, to: { field: 'start' } }], { fields }))
		).toEqual(['ref.field_type@error', 'format.divide_by_zero@error']);
		expect(codes(diagnose([{ id: 'm', kind: 'format.math', op: 'add', operand: { field: { field: 'ghost' } }, from: { field: 'price' }, to: { field: 'total' } }], { fields }))).toEqual(['ref.field@error']);
	});
});
