/** Field operators shared by the field, deal, account and event-value families. */
import type { FieldOp } from '../schema/conditions';
import { type FieldValue, isEmpty, valueNumber, valueText } from '../core/values';
import { addDays, dateOf, localParts } from '../core/zones';

/** Compares a stored value with an operand using a segment-builder operator. */
export function compareValue(
	op: FieldOp,
	actual: FieldValue | undefined,
	operand: FieldValue | undefined,
	days: number | undefined,
	now: number,
	zone: string
): boolean {
	switch (op) {
		case 'empty':
			return isEmpty(actual);
		case 'not_empty':
			return !isEmpty(actual);
		case 'eq':
			return equals(actual, operand);
		case 'neq':
			return !equals(actual, operand);
		case 'contains':
			return lower(actual).includes(lower(operand));
		case 'not_contains':
			return !lower(actual).includes(lower(operand));
		case 'starts_with':
			return lower(actual).startsWith(lower(operand));
		case 'ends_with':
			return lower(actual).endsWith(lower(operand));
		case 'gt':
		case 'gte':
		case 'lt':
		case 'lte':
			return ordered(op, actual, operand);
		case 'includes':
			return includes(actual, operand);
		case 'excludes':
			return !includes(actual, operand);
		case 'before':
		case 'after':
		case 'on': {
			const a = dateOf(actual, zone);
			const b = operandDate(operand, now, zone);
			if (!a || !b) return false;
			return op === 'before' ? a < b : op === 'after' ? a > b : a === b;
		}
		case 'within_last':
		case 'within_next': {
			const a = dateOf(actual, zone);
			if (!a) return false;
			const today = localParts(now, zone).date;
			const n = days ?? valueNumber(operand ?? null);
			if (!(n >= 0)) return false;
			return op === 'within_last' ? a <= today && a >= addDays(today, -n) : a >= today && a <= addDays(today, n);
		}
	}
}

/** Whether an operator depends on the current date. */
export function opIsTimeRelative(op: FieldOp, operand: FieldValue | undefined): boolean {
	return op === 'within_last' || op === 'within_next' || (typeof operand === 'string' && operand.startsWith('today'));
}

function lower(v: FieldValue | undefined): string {
	return valueText(v).toLowerCase();
}

function equals(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
	if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
	if (Array.isArray(a) || Array.isArray(b)) {
		const x = Array.isArray(a) ? a : [valueText(a)];
		const y = Array.isArray(b) ? b : [valueText(b)];
		return x.length === y.length && x.every((v) => y.some((w) => w.toLowerCase() === v.toLowerCase()));
	}
	if (typeof a === 'number' || typeof b === 'number') {
		const x = valueNumber(a ?? null), y = valueNumber(b ?? null);
		if (!Number.isNaN(x) && !Number.isNaN(y)) return x === y;
	}
	if (typeof a === 'boolean' || typeof b === 'boolean') return truthy(a) === truthy(b);
	return lower(a) === lower(b);
}

function truthy(v: FieldValue | undefined): boolean {
	if (typeof v === 'string') return ['true', 'yes', '1', 'on'].includes(v.toLowerCase());
	return Boolean(v);
}

function ordered(op: 'gt' | 'gte' | 'lt' | 'lte', a: FieldValue | undefined, b: FieldValue | undefined): boolean {
	if (isEmpty(a)) return false;
	const x = valueNumber(a ?? null), y = valueNumber(b ?? null);
	let cmp: number;
	if (!Number.isNaN(x) && !Number.isNaN(y)) cmp = x - y;
	else {
		const s = valueText(a), t = valueText(b);
		cmp = s < t ? -1 : s > t ? 1 : 0;
	}
	return op === 'gt' ? cmp > 0 : op === 'gte' ? cmp >= 0 : op === 'lt' ? cmp < 0 : cmp <= 0;
}

function includes(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
	const have = Array.isArray(a) ? a : isEmpty(a) ? [] : [valueText(a)];
	const want = Array.isArray(b) ? b : isEmpty(b) ? [] : [valueText(b)];
	return want.some((w) => have.some((h) => h.toLowerCase() === w.toLowerCase()));
}

/** Resolves "today", "today+3", "today-7" or a date/date-time operand to "YYYY-MM-DD". */
function operandDate(v: FieldValue | undefined, now: number, zone: string): string | null {
	if (typeof v === 'string') {
		const m = /^today(?:\s*([+-])\s*(\d+))?$/.exec(v.trim());
		if (m) {
			const today = localParts(now, zone).date;
			return m[1] ? addDays(today, (m[1] === '-' ? -1 : 1) * Number(m[2])) : today;
		}
	}
	return dateOf(v, zone);
}
