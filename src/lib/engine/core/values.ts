/** Field values as the engine stores them. */

/** Text, number, boolean, multi-select (string array) or empty. Dates are "YYYY-MM-DD" strings. */
export type FieldValue = string | number | boolean | string[] | null;

/** Whether a value counts as empty (null, "", []). */
export function isEmpty(v: FieldValue | undefined): boolean {
	return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Text form of a value for personalization and text operators. */
export function valueText(v: FieldValue | undefined): string {
	if (v === null || v === undefined) return '';
	if (Array.isArray(v)) return v.join(', ');
	return String(v);
}

/** Numeric form of a value, or NaN. */
export function valueNumber(v: FieldValue | undefined): number {
	if (typeof v === 'number') return v;
	if (typeof v === 'string' && v.trim() !== '') return Number(v);
	if (typeof v === 'boolean') return v ? 1 : 0;
	return NaN;
}
