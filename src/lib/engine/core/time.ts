/** Virtual time helpers. All instants are epoch milliseconds (UTC) on the virtual clock. */

/** Epoch milliseconds on the virtual clock. */
export type Millis = number;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** A length of time written by people: any combination of units. */
export interface Duration {
	weeks?: number;
	days?: number;
	hours?: number;
	minutes?: number;
	seconds?: number;
}

/** Fixed-length milliseconds of a duration (a day is 24 hours, a week 7 days). */
export function durationMs(d: Duration): number {
	return (
		(d.weeks ?? 0) * WEEK +
		(d.days ?? 0) * DAY +
		(d.hours ?? 0) * HOUR +
		(d.minutes ?? 0) * MINUTE +
		(d.seconds ?? 0) * 1000
	);
}

/** Human text for a duration, e.g. "2 days 3 hours". */
export function formatDuration(d: Duration): string {
	const parts: string[] = [];
	for (const unit of ['weeks', 'days', 'hours', 'minutes', 'seconds'] as const) {
		const n = d[unit];
		if (n) parts.push(`${n} ${n === 1 ? unit.slice(0, -1) : unit}`);
	}
	return parts.length ? parts.join(' ') : '0 minutes';
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses an ISO-8601 instant ("2026-03-01T09:00:00Z", offset required when a time is given) or a
 * date ("2026-03-01", meaning midnight UTC). Returns NaN when the text is not such an instant.
 */
export function parseInstant(text: string): Millis {
	if (typeof text !== 'string' || !ISO_RE.test(text)) return NaN;
	const [y, m, d] = text.slice(0, 10).split('-').map(Number);
	// Date.parse rolls impossible dates over ("02-30" → March): refuse them instead.
	const day = new Date(Date.UTC(y, m - 1, d));
	if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return NaN;
	return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** ISO-8601 UTC text of an instant, e.g. "2026-03-01T09:00:00.000Z". */
export function formatInstant(t: Millis): string {
	return new Date(t).toISOString();
}

const REL_RE = /^\+?\s*(\d+(?:\.\d+)?)\s*(w|d|h|m|s|ms)$/;

/**
 * Parses a relative offset such as "+2d", "3h", "90m", "+1w 2d" into milliseconds.
 * Returns NaN on malformed text.
 */
export function parseOffset(text: string): number {
	const parts = text.trim().replace(/^\+/, '').split(/\s+/);
	let total = 0;
	for (const part of parts) {
		const m = REL_RE.exec(part);
		if (!m) return NaN;
		const n = Number(m[1]);
		const unit = m[2];
		total +=
			unit === 'w'
				? n * WEEK
				: unit === 'd'
					? n * DAY
					: unit === 'h'
						? n * HOUR
						: unit === 'm'
							? n * MINUTE
							: unit === 's'
								? n * 1000
								: n;
	}
	return total;
}
