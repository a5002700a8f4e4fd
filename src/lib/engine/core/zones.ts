/**
 * Calendar maths in IANA time zones (luxon), correct across DST changes: local wall-clock times
 * that do not exist (spring forward) move forward to the first valid instant; ambiguous ones
 * (fall back) take the earlier instant.
 */
import { DateTime, IANAZone } from 'luxon';

/** Local calendar parts of an instant in a zone. `weekday` is 1 (Monday) to 7 (Sunday). */
export interface LocalParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	weekday: number;
	/** "YYYY-MM-DD" */
	date: string;
	/** "HH:MM" */
	time: string;
}

const partsCache = new Map<string, { at: number; parts: LocalParts }>();

/** Local parts of instant `t` in `zone`. */
export function localParts(t: number, zone: string): LocalParts {
	const key = zone;
	const hit = partsCache.get(key);
	if (hit && hit.at === t) return hit.parts;
	const d = DateTime.fromMillis(t, { zone });
	const parts: LocalParts = {
		year: d.year,
		month: d.month,
		day: d.day,
		hour: d.hour,
		minute: d.minute,
		weekday: d.weekday,
		date: d.toFormat('yyyy-MM-dd'),
		time: d.toFormat('HH:mm')
	};
	partsCache.set(key, { at: t, parts });
	return parts;
}

/**
 * The instant of local date "YYYY-MM-DD" at "HH:MM" in `zone`. A wall time skipped by a DST change
 * gives the first valid instant after the gap; a repeated one gives its earlier instant.
 */
export function atLocal(date: string, time: string, zone: string): number {
	const [y, mo, d] = date.split('-').map(Number);
	const [h, mi] = time.split(':').map(Number);
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	// Luxon resolves gaps by the gap's length and overlaps differently per zone: resolve them here.
	const z = zoneOf(zone);
	const before = z.offset(wall - DAY_MS);
	const after = z.offset(wall + DAY_MS);
	const t1 = wall - before * MINUTE_MS;
	if (before === after) return t1;
	const t2 = wall - after * MINUTE_MS;
	const ok1 = z.offset(t1) === before;
	const ok2 = z.offset(t2) === after;
	if (ok1 && ok2) return Math.min(t1, t2);
	if (ok1) return t1;
	if (ok2) return t2;
	// In the gap: the transition lies in (t2, t1]; find its minute.
	let lo = t2, hi = t1;
	while (hi - lo > MINUTE_MS) {
		const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
		if (z.offset(mid) === after) hi = mid;
		else lo = mid;
	}
	return hi;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const zones = new Map<string, IANAZone>();

function zoneOf(name: string): IANAZone {
	let z = zones.get(name);
	if (!z) zones.set(name, (z = IANAZone.create(name)));
	return z;
}

/** "YYYY-MM-DD" shifted by `days` calendar days. */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const t = Date.UTC(y, m - 1, d + days);
	return new Date(t).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" shifted by `months` calendar months (day clamped to the month's length). */
export function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + months, 1));
	const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	first.setUTCDate(Math.min(d, last));
	return first.toISOString().slice(0, 10);
}

/**
 * The first instant strictly after `after` whose local time in `zone` is `time` on one of
 * `weekdays` (1-7; empty = any day).
 */
export function nextLocalTime(after: number, time: string, zone: string, weekdays: readonly number[] = []): number {
	const today = localParts(after, zone).date;
	for (let i = 0; i < 15; i++) {
		const date = addDays(today, i);
		const t = atLocal(date, time, zone);
		if (t <= after) continue;
		if (weekdays.length && !weekdays.includes(localParts(t, zone).weekday)) continue;
		return t;
	}
	return NaN;
}

/** Start of the next local hour after `t` (used to re-check hour-based conditions). */
export function nextHourBoundary(t: number): number {
	// Every IANA zone offset in use is a multiple of 15 minutes, so hours start on UTC quarter hours.
	const q = 15 * 60_000;
	return Math.floor(t / q) * q + q;
}

/** The date part ("YYYY-MM-DD") of a date or date-time value as seen in `zone`, or null. */
export function dateOf(value: unknown, zone: string): string | null {
	if (typeof value !== 'string' || value.length < 10) return null;
	if (value.length === 10) return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
	const t = Date.parse(value);
	if (Number.isNaN(t)) return null;
	return localParts(t, zone).date;
}
