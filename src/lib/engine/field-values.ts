/**
 * Typed values of custom fields: whether a stored value fits a field type, and conversion of a
 * value (or of raw text typed by a person or read from a CSV file) to a type. Pure; shared by the
 * engine (field definitions), the worker (imports, contact edits) and the page (forms).
 */
import type { FieldValue } from './core/values';
import type { FieldDef, FieldType } from './schema/workspace';

/** Outcome of a conversion: the value, or a stable reason code with the offending text. */
export type Converted = { ok: true; value: FieldValue } | { ok: false; reason: ConvertReason };

/** Why a value does not fit a type (stable codes; the page words them). */
export type ConvertReason = 'not_a_number' | 'not_a_date' | 'not_a_datetime' | 'not_an_option' | 'not_a_boolean';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const TRUE_WORDS = ['true', 'yes', 'y', '1', 'x', 'oui', 'o', 'vrai', 'on', 'checked'];
const FALSE_WORDS = ['false', 'no', 'n', '0', 'non', 'faux', 'off', ''];

/** Whether `v` is a stored value of `type` (null always fits: it means "no value"). */
export function fitsType(def: Pick<FieldDef, 'type' | 'options'>, v: FieldValue): boolean {
	if (v === null || v === undefined) return true;
	switch (def.type) {
		case 'text':
		case 'textarea':
			return typeof v === 'string';
		case 'number':
			return typeof v === 'number' && Number.isFinite(v);
		case 'date':
			return typeof v === 'string' && validDate(v);
		case 'datetime':
			return typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v));
		case 'dropdown':
			return typeof v === 'string' && (def.options ?? []).includes(v);
		case 'multiselect':
			return Array.isArray(v) && v.every((x) => (def.options ?? []).includes(x));
		case 'checkbox':
			return typeof v === 'boolean';
	}
}

/** Converts any stored value to `type` (used when a field changes type). */
export function convertValue(def: Pick<FieldDef, 'type' | 'options'>, v: FieldValue): Converted {
	if (v === null || v === undefined) return { ok: true, value: null };
	if (fitsType(def, v)) return { ok: true, value: v };
	if (def.type === 'text' || def.type === 'textarea') return { ok: true, value: Array.isArray(v) ? v.join(', ') : String(v) };
	if (Array.isArray(v)) {
		if (def.type === 'dropdown' && v.length <= 1) return parseFieldText(def, v[0] ?? '');
		return parseFieldText(def, v.join(';'));
	}
	return parseFieldText(def, String(v));
}

/**
 * Reads text (a form input, a CSV cell) as a value of the field's type. Empty text is `null`.
 * Numbers accept a decimal point or comma and spaces as thousands separators; dates accept
 * "YYYY-MM-DD" (or `dateOrder` "dmy" / "mdy" with "/", "." or "-"); date-times accept an ISO
 * instant or "YYYY-MM-DD HH:MM" read in UTC; options match case-insensitively; multi-select
 * values are separated by ";", "," or "|"; checkboxes accept yes/no words in English and French.
 */
export function parseFieldText(def: Pick<FieldDef, 'type' | 'options'>, raw: string, dateOrder: DateOrder = 'iso'): Converted {
	const text = raw.trim();
	if (text === '' && def.type !== 'checkbox') return { ok: true, value: null };
	switch (def.type) {
		case 'text':
		case 'textarea':
			return { ok: true, value: def.type === 'text' ? text : raw };
		case 'number': {
			const n = parseNumber(text);
			return n === null ? { ok: false, reason: 'not_a_number' } : { ok: true, value: n };
		}
		case 'date': {
			const d = parseDate(text, dateOrder);
			return d === null ? { ok: false, reason: 'not_a_date' } : { ok: true, value: d };
		}
		case 'datetime': {
			const t = parseDateTime(text, dateOrder);
			return t === null ? { ok: false, reason: 'not_a_datetime' } : { ok: true, value: t };
		}
		case 'dropdown': {
			const o = matchOption(def.options ?? [], text);
			return o === null ? { ok: false, reason: 'not_an_option' } : { ok: true, value: o };
		}
		case 'multiselect': {
			const parts = text.split(/[;,|]/).map((s) => s.trim()).filter(Boolean);
			const out: string[] = [];
			for (const p of parts) {
				const o = matchOption(def.options ?? [], p);
				if (o === null) return { ok: false, reason: 'not_an_option' };
				if (!out.includes(o)) out.push(o);
			}
			return { ok: true, value: out.length ? out : null };
		}
		case 'checkbox': {
			const low = text.toLowerCase();
			if (TRUE_WORDS.includes(low)) return { ok: true, value: true };
			if (FALSE_WORDS.includes(low)) return { ok: true, value: false };
			return { ok: false, reason: 'not_a_boolean' };
		}
	}
}

/** How to read dates written with separators. */
export type DateOrder = 'iso' | 'dmy' | 'mdy';

/** A number from text such as "1 234,5", "1,234.5", "-12" (null when it is not one). */
export function parseNumber(text: string): number | null {
	let t = text.replace(/[\s\u00a0\u202f']/g, '');
	if (!/^[+-]?[\d.,]+$/.test(t)) return null;
	const lastDot = t.lastIndexOf('.');
	const lastComma = t.lastIndexOf(',');
	if (lastDot >= 0 && lastComma >= 0) {
		// The later separator is the decimal one.
		t = lastDot > lastComma ? t.replace(/,/g, '') : t.replace(/\./g, '').replace(',', '.');
	} else if (lastComma >= 0) {
		// "1,234" (thousands) vs "12,5" (decimal): groups of exactly three digits are thousands.
		t = /^[+-]?\d{1,3}(,\d{3})+$/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
	} else if ((t.match(/\./g) ?? []).length > 1) t = t.replace(/\./g, '');
	const n = Number(t);
	return Number.isFinite(n) && t !== '' ? n : null;
}

/** "YYYY-MM-DD" from a date in text (null when it is not a real date). */
export function parseDate(text: string, order: DateOrder = 'iso'): string | null {
	const t = text.trim();
	let y: number, m: number, d: number;
	const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})-(\d{2})-(\d{2})T/.exec(t);
	if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else {
		const sep = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
		if (!sep || order === 'iso') return null;
		const [a, b] = [Number(sep[1]), Number(sep[2])];
		y = Number(sep[3]);
		[d, m] = order === 'dmy' ? [a, b] : [b, a];
	}
	const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	return validDate(s) ? s : null;
}

/** An ISO instant from text (null when it is not one). Without an offset the time is read in UTC. */
export function parseDateTime(text: string, order: DateOrder = 'iso'): string | null {
	const t = text.trim();
	if (INSTANT.test(t)) {
		const ms = Date.parse(t);
		return Number.isNaN(ms) ? null : new Date(ms).toISOString();
	}
	const m = /^(.+?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
	const day = parseDate(m ? m[1] : t, order);
	if (!day) return null;
	const [hh, mm, ss] = m ? [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : [0, 0, 0];
	if (hh > 23 || mm > 59 || ss > 59) return null;
	return `${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}.000Z`;
}

function validDate(s: string): boolean {
	const m = DATE.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (mo < 1 || mo > 12 || d < 1) return false;
	return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function matchOption(options: readonly string[], text: string): string | null {
	if (options.includes(text)) return text;
	const low = text.toLowerCase();
	return options.find((o) => o.toLowerCase() === low) ?? null;
}

/** Field types as the portable format names them. */
export type { FieldType };
