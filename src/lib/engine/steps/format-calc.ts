/**
 * Format data: add or subtract time to a date field, and perform math on a numeric field. Both
 * read a contact, deal or account field and write the result into an output field.
 */
import { z } from 'zod';
import { DateTime } from 'luxon';
import { valueNumber, type FieldValue } from '../core/values';
import { formatInstant, parseInstant } from '../core/time';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { isCalendarDate } from './coerce';
import { checkFieldRef, fieldSpec, FieldRef, readField, zoneOfRun } from './fields';
import { checkFormat, formatFields, runFormat, type Transformed } from './format';

const TimeUnit = z.enum(['minutes', 'hours', 'days', 'weeks', 'months']);
type TimeUnit = z.infer<typeof TimeUnit>;

const dateSchema = z
	.object({
		...stepBase,
		kind: z.literal('format.date_shift'),
		op: z.enum(['add', 'subtract']),
		amount: z.number().int('must be a whole number').min(0),
		unit: TimeUnit,
		...formatFields,
		...next
	})
	.strict();
type DateDef = z.infer<typeof dateSchema>;

/**
 * Shifts a date ("YYYY-MM-DD") or an ISO instant by a signed amount of a unit, in calendar terms in
 * `zone` (a day is a calendar day across DST; months clamp to the month's length). Returns the result
 * as a date or an instant (`as`; "same" keeps the input's form), or null when `value` is neither.
 */
export function shiftDate(value: string, amount: number, unit: TimeUnit, zone: string, as: 'date' | 'datetime' | 'same' = 'same'): string | null {
	const text = value.trim();
	const isDate = isCalendarDate(text);
	let dt: DateTime;
	if (isDate) dt = DateTime.fromISO(text, { zone });
	else {
		const t = parseInstant(text);
		if (Number.isNaN(t)) return null;
		dt = DateTime.fromMillis(t, { zone });
	}
	if (!dt.isValid) return null;
	dt = dt.plus({ [unit]: amount });
	const form = as === 'same' ? (isDate ? 'date' : 'datetime') : as;
	return form === 'date' ? dt.toFormat('yyyy-MM-dd') : formatInstant(dt.toMillis());
}

export const formatDateShift = defineStep<DateDef>({
	kind: 'format.date_shift',
	group: 'format',
	title: 'Format data: add/subtract time to a date field',
	summary: 'Adds or subtracts minutes, hours, days, weeks or months to a date or date-time field into an output field.',
	plans: { from: 'professional' },
	schema: dateSchema,
	outputs: linear,
	validate(d, v) {
		checkFormat(d, v, ['date', 'datetime', 'text'], ['date', 'datetime', 'text', 'textarea']);
		if (d.amount === 0) v.report('format.zero_shift', 'The date is shifted by 0: the output is a plain copy.', 'Set how much time to add or subtract.', ['amount'], 'warning');
	},
	enter(e, r, s) {
		const out = fieldSpec(e.world.catalog, s.def.to.source, s.def.to.field)?.type;
		const as = out === 'date' || out === 'datetime' ? out : 'same';
		const amount = s.def.op === 'subtract' ? -s.def.amount : s.def.amount;
		const zone = zoneOfRun(e, r);
		return runFormat(e, r, s, (value): Transformed => {
			const res = typeof value === 'string' ? shiftDate(value, amount, s.def.unit, zone, as) : null;
			return res ? { ok: true, value: res } : { ok: false, reason: 'not_a_date' };
		});
	}
});

const Operand = z.union([z.object({ value: z.number().finite() }).strict(), z.object({ field: FieldRef }).strict()]);

const mathSchema = z
	.object({
		...stepBase,
		kind: z.literal('format.math'),
		op: z.enum(['add', 'subtract', 'multiply', 'divide']),
		operand: Operand,
		/** Decimal places to round the result to (absent: no rounding). */
		round: z.number().int().min(0).max(10).optional(),
		...formatFields,
		...next
	})
	.strict();
type MathDef = z.infer<typeof mathSchema>;

/** `a op b`, rounded to `round` decimals (else cleaned of binary noise), or a reason. */
export function calculate(a: number, op: MathDef['op'], b: number, round?: number): Transformed {
	let x: number;
	switch (op) {
		case 'add':
			x = a + b;
			break;
		case 'subtract':
			x = a - b;
			break;
		case 'multiply':
			x = a * b;
			break;
		case 'divide':
			if (b === 0) return { ok: false, reason: 'division_by_zero' };
			x = a / b;
			break;
	}
	if (!Number.isFinite(x)) return { ok: false, reason: 'not_a_number' };
	x = round === undefined ? Number(x.toPrecision(15)) : Number(`${Math.round(Number(`${x}e${round}`))}e-${round}`);
	return { ok: true, value: Number.isFinite(x) ? x : 0 };
}

export const formatMath = defineStep<MathDef>({
	kind: 'format.math',
	group: 'format',
	title: 'Format data: perform math',
	summary: 'Adds, subtracts, multiplies or divides a numeric field by a number or another field into an output field.',
	plans: { from: 'professional' },
	schema: mathSchema,
	outputs: linear,
	validate(d, v) {
		checkFormat(d, v, undefined, ['number', 'text', 'textarea']);
		if ('field' in d.operand) checkFieldRef(v, d.operand.field, ['operand', 'field']);
		else if (d.op === 'divide' && d.operand.value === 0)
			v.report('format.divide_by_zero', 'This step divides by zero.', 'Divide by another number.', ['operand', 'value']);
	},
	enter(e, r, s) {
		const operand = s.def.operand;
		let b = NaN;
		let missing = 'operand_not_a_number';
		if ('field' in operand) {
			const read = readField(e, r, operand.field);
			if (read.ok) b = valueNumber(read.value);
			else missing = `operand_${read.reason}`;
		} else b = operand.value;
		return runFormat(e, r, s, (value: FieldValue): Transformed => {
			const a = valueNumber(value);
			if (Number.isNaN(a)) return { ok: false, reason: 'not_a_number' };
			if (Number.isNaN(b)) return { ok: false, reason: missing };
			return calculate(a, s.def.op, b, s.def.round);
		});
	}
});
