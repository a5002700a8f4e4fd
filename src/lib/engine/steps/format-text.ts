/**
 * Format data: copy a field's value, extract a phone number (E.164) or a URL from a field, or
 * write a field's text capitalized. Each reads a contact, deal or account field and writes another.
 */
import { z } from 'zod';
import { findPhoneNumbersInText, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { valueText, type FieldValue } from '../core/values';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { checkFormat, formatFields, runFormat, type Transformed } from './format';

const copySchema = z.object({ ...stepBase, kind: z.literal('format.copy'), ...formatFields, ...next }).strict();

export const formatCopy = defineStep<z.infer<typeof copySchema>>({
	kind: 'format.copy',
	group: 'format',
	title: 'Format data: copy field values',
	summary: 'Copies one field\'s value into another (contact, deal or account field).',
	plans: { from: 'plus' },
	schema: copySchema,
	outputs: linear,
	validate: (d, v) => checkFormat(d, v),
	enter: (e, r, s) => runFormat(e, r, s, (value) => ({ ok: true, value }), 'pass')
});

const extractSchema = z
	.object({
		...stepBase,
		kind: z.literal('format.extract'),
		what: z.enum(['phone', 'url']),
		/** Country of numbers written without an international prefix (ISO code such as "FR"). */
		country: z.string().regex(/^[A-Z]{2}$/, 'must be a 2-letter country code such as "FR"').optional(),
		...formatFields,
		...next
	})
	.strict();

/** The first valid phone number in `text`, in E.164 form, or "" when none. */
export function extractPhone(text: string, country?: string): string {
	const defaultCountry = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
	for (const m of findPhoneNumbersInText(text, { defaultCountry })) if (m.number.isValid()) return m.number.number;
	const p = parsePhoneNumberFromString(text, defaultCountry);
	return p && p.isValid() ? p.number : '';
}

/** Top-level domains recognised in bare host names ("example.com/offer" without a scheme). */
const COMMON_TLDS = new Set(['com', 'org', 'net', 'io', 'co', 'app', 'dev', 'info', 'biz', 'shop', 'store', 'eu', 'fr', 'de', 'uk', 'es', 'it', 'nl', 'be', 'ch', 'ca', 'us', 'au', 'br', 'jp', 'in']);
const HOST_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.([a-z]{2,24})(?::\d+)?(?:[/?#].*)?$/i;

/**
 * The first URL in `text`, normalised by the URL class, or "". Recognises "http(s)://…", "www.…"
 * and bare host names with a path or a common top-level domain; email addresses are not URLs.
 */
export function extractUrl(text: string): string {
	for (const token of text.split(/[\s<>"'`]+/)) {
		const raw = token.replace(/^[([{]+/, '').replace(/[.,;:!?)\]}]+$/, '');
		if (!raw || (raw.includes('@') && !/^https?:\/\//i.test(raw))) continue;
		let candidate = '';
		if (/^https?:\/\/./i.test(raw)) candidate = raw;
		else if (/^www\./i.test(raw)) candidate = `https://${raw}`;
		else {
			const m = HOST_RE.exec(raw);
			if (m && (COMMON_TLDS.has(m[1].toLowerCase()) || /[/?#]/.test(raw))) candidate = `https://${raw}`;
		}
		if (!candidate) continue;
		try {
			const u = new URL(candidate);
			if (u.hostname.includes('.') || u.hostname === 'localhost') return u.href;
		} catch {
			// not a URL after all: keep looking
		}
	}
	return '';
}

export const formatExtract = defineStep<z.infer<typeof extractSchema>>({
	kind: 'format.extract',
	group: 'format',
	title: 'Format data: extract phone numbers or URLs',
	summary: 'Extracts a phone number (E.164) or a URL from a field and writes it formatted.',
	plans: { from: 'plus' },
	schema: extractSchema,
	outputs: linear,
	validate(d, v) {
		checkFormat(d, v, undefined, ['text', 'textarea']);
		if (d.country && !isSupportedCountry(d.country))
			v.report('format.country', `Country "${d.country}" is not a known phone numbering country.`, 'Use a 2-letter ISO country code such as "FR" or "US".', ['country']);
		if (d.what === 'url' && d.country)
			v.report('format.country_unused', 'The default country only applies to phone numbers.', 'Remove the country, or extract phone numbers instead.', ['country'], 'warning');
	},
	enter: (e, r, s) =>
		runFormat(e, r, s, (value): Transformed => {
			const text = valueText(value);
			const found = s.def.what === 'phone' ? extractPhone(text, s.def.country) : extractUrl(text);
			return found ? { ok: true, value: found } : { ok: false, reason: s.def.what === 'phone' ? 'no_phone_found' : 'no_url_found' };
		})
});

const capitalizeSchema = z
	.object({ ...stepBase, kind: z.literal('format.capitalize'), style: z.enum(['first', 'words', 'upper', 'lower']), ...formatFields, ...next })
	.strict();

/** Text capitalized: first letter (rest lower), each word (also after "-"), all caps or all lower. */
export function capitalize(text: string, style: 'first' | 'words' | 'upper' | 'lower'): string {
	switch (style) {
		case 'upper':
			return text.toUpperCase();
		case 'lower':
			return text.toLowerCase();
		case 'first': {
			const low = text.toLowerCase();
			const i = low.search(/\p{L}/u);
			return i < 0 ? low : low.slice(0, i) + low[i].toUpperCase() + low.slice(i + 1);
		}
		case 'words':
			return text.toLowerCase().replace(/(^|[\s\-/(])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
	}
}

export const formatCapitalize = defineStep<z.infer<typeof capitalizeSchema>>({
	kind: 'format.capitalize',
	group: 'format',
	title: 'Format data: capitalize a field',
	summary: 'Writes a field\'s text capitalized: first letter, each word, all caps or all lower case.',
	plans: { from: 'plus' },
	schema: capitalizeSchema,
	outputs: linear,
	validate: (d, v) => checkFormat(d, v, ['text', 'textarea', 'dropdown'], ['text', 'textarea', 'dropdown']),
	enter: (e, r, s) => runFormat(e, r, s, (value: FieldValue) => ({ ok: true, value: capitalize(valueText(value), s.def.style) }))
});
