/** Locale-aware formatting (Intl) of virtual times, numbers and currencies. */

/** Date and time of a virtual instant, in the workspace zone. */
export function formatDateTime(t: number, locale: string, zone = 'UTC'): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(t);
}

/** Date of a virtual instant. */
export function formatDate(t: number, locale: string, zone = 'UTC'): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(t);
}

/** Weekday + date + time, for the clock. */
export function formatClock(t: number, locale: string, zone = 'UTC'): string {
	return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(t);
}

/** A number with grouping. */
export function formatNumber(n: number, locale: string): string {
	return new Intl.NumberFormat(locale).format(n);
}

/** A money amount. */
export function formatMoney(n: number, currency: string, locale: string): string {
	return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);
}

/** A relative duration such as "in 2 days" / "3 hours ago". */
export function formatRelative(ms: number, locale: string): string {
	const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	const abs = Math.abs(ms);
	const units: [Intl.RelativeTimeFormatUnit, number][] = [
		['week', 604_800_000],
		['day', 86_400_000],
		['hour', 3_600_000],
		['minute', 60_000]
	];
	for (const [u, size] of units) if (abs >= size) return rtf.format(Math.round(ms / size), u);
	return rtf.format(Math.round(ms / 1000), 'second');
}
