/**
 * Coercion of values written into typed fields (Update contact, Format data, CRM field updates):
 * numbers, dates "YYYY-MM-DD", date-times as ISO instants, checkboxes as booleans, dropdowns as
 * one of their options, multi-selects as string arrays. A value that does not fit gives a reason.
 */
import type { FieldValue } from '../core/values';
import { formatInstant, parseInstant } from '../core/time';
import { atLocal, dateOf } from '../core/zones';
import { isValidZone } from '../schema/common';
import type { FieldType } from '../schema/workspace';

/** What a field holds: its type, options, and the rule of a standard property. */
export interface FieldSpec {
	type: FieldType;
	options?: readonly string[];
	/** Standard properties with their own rules. */
	special?: 'email' | 'zone' | 'currency' | 'required' | 'user' | 'stage';
}

/** A coerced value, or why the value does not fit the field. */
export type Coerced = { ok: true; value: FieldValue } | { ok: false; reason: string };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE_WORDS = ['true', 'yes', 'on', '1', 'checked', 'oui', 'vrai'];
const FALSE_WORDS = ['false', 'no', 'off', '0', 'unchecked', 'non', 'faux'];

/** Whether text is a real calendar date "YYYY-MM-DD". */
export function isCalendarDate(text: string): boolean {
	if (!DATE_RE.test(text)) return false;
	const t = Date.parse(`${text}T00:00:00Z`);
	return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** Whether text is a syntactically valid email address. */
export function isEmailAddress(text: string): boolean {
	return EMAIL_RE.test(text);
}

/**
 * Coerces `raw` to what the field holds. Empty values (null, "", []) clear the field, except for
 * required properties. `zone` places dates and date-times in the contact's calendar.
 */
export function coerceValue(spec: FieldSpec, raw: FieldValue, zone: string): Coerced {
	if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
		if (spec.special === 'required' || spec.special === 'currency' || spec.special === 'stage') return { ok: false, reason: 'required' };
		return { ok: true, value: null };
	}
	switch (spec.type) {
		case 'number': {
			const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
			return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, reason: 'not_a_number' };
		}
		case 'date': {
			if (typeof raw !== 'string') return { ok: false, reason: 'not_a_date' };
			const text = raw.trim();
			if (isCalendarDate(text)) return { ok: true, value: text };
			const d = Number.isNaN(instant(text)) ? null : dateOf(text, zone);
			return d ? { ok: true, value: d } : { ok: false, reason: 'not_a_date' };
		}
		case 'datetime': {
			if (typeof raw !== 'string') return { ok: false, reason: 'not_a_datetime' };
			const text = raw.trim();
			const t = isCalendarDate(text) ? atLocal(text, '00:00', zone) : instant(text);
			return Number.isNaN(t) ? { ok: false, reason: 'not_a_datetime' } : { ok: true, value: formatInstant(t) };
		}
		case 'checkbox': {
			if (typeof raw === 'boolean') return { ok: true, value: raw };
			const word = String(raw).trim().toLowerCase();
			if (TRUE_WORDS.includes(word)) return { ok: true, value: true };
			if (FALSE_WORDS.includes(word)) return { ok: true, value: false };
			return { ok: false, reason: 'not_a_boolean' };
		}
		case 'dropdown': {
			if (Array.isArray(raw) || typeof raw === 'boolean') return { ok: false, reason: 'not_an_option' };
			const v = option(spec.options, String(raw).trim());
			return v === null ? { ok: false, reason: 'not_an_option' } : { ok: true, value: v };
		}
		case 'multiselect': {
			if (typeof raw === 'boolean') return { ok: false, reason: 'not_an_option' };
			const items = Array.isArray(raw) ? raw : String(raw).split(',');
			const out: string[] = [];
			for (const item of items) {
				const text = item.trim();
				if (!text) continue;
				const v = option(spec.options, text);
				if (v === null) return { ok: false, reason: 'not_an_option' };
				if (!out.includes(v)) out.push(v);
			}
			return { ok: true, value: out.length ? out : null };
		}
		default:
			return text(spec, Array.isArray(raw) ? raw.join(', ') : String(raw));
	}
}

/** An ISO instant with a time part and a real calendar date ("2026-02-30T…" is refused), or NaN. */
function instant(text: string): number {
	return text.length > 10 && isCalendarDate(text.slice(0, 10)) ? parseInstant(text) : NaN;
}

/** Text fields and the rules of standard text properties. */
function text(spec: FieldSpec, value: string): Coerced {
	switch (spec.special) {
		case 'email': {
			const v = value.trim();
			return isEmailAddress(v) ? { ok: true, value: v } : { ok: false, reason: 'invalid_email' };
		}
		case 'zone': {
			const v = value.trim();
			return isValidZone(v) ? { ok: true, value: v } : { ok: false, reason: 'invalid_time_zone' };
		}
		case 'currency': {
			const v = value.trim().toUpperCase();
			return /^[A-Z]{3}$/.test(v) ? { ok: true, value: v } : { ok: false, reason: 'invalid_currency' };
		}
		case 'required':
			return value.trim() ? { ok: true, value } : { ok: false, reason: 'required' };
	}
	return { ok: true, value };
}

/** The option matching `text` (exactly, else ignoring case), or null; any text when there are no options. */
function option(options: readonly string[] | undefined, text: string): string | null {
	if (!options || options.length === 0) return text;
	if (options.includes(text)) return text;
	const low = text.toLowerCase();
	return options.find((o) => o.toLowerCase() === low) ?? null;
}

/** Human text of a coercion failure reason, for validation messages. */
export const COERCE_REASONS: Record<string, string> = {
	not_a_number: 'is not a number',
	not_a_date: 'is not a date "YYYY-MM-DD"',
	not_a_datetime: 'is not an ISO date-time',
	not_a_boolean: 'is not yes/no',
	not_an_option: 'is not one of the field\'s options',
	invalid_email: 'is not an email address',
	invalid_time_zone: 'is not an IANA time zone',
	invalid_currency: 'is not a 3-letter currency code',
	required: 'cannot be empty'
};
