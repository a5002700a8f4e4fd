/** Phone numbers: parsing and E.164 formatting with libphonenumber-js. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** E.164 form ("+33612345678") of a phone number, or "" when it cannot be parsed. */
export function toE164(text: string, defaultCountry?: string): string {
	if (!text) return '';
	const p = parsePhoneNumberFromString(text, defaultCountry as CountryCode | undefined);
	return p && p.isValid() ? p.number : '';
}

/** Normalised phone key for suppression lookups (E.164 when parseable, else digits only). */
export function normalizePhone(text: string): string {
	if (!text) return '';
	return toE164(text) || text.replace(/[^\d+]/g, '');
}
