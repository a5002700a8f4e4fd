/** Formatting for the reports: percentages, p-values, sample instants and step names. */
import { get } from 'svelte/store';
import { _, locale } from 'svelte-i18n';

/** A rate as a percentage ("42.5 %"). */
export function pct(rate: number, locale: string, digits = 1): string {
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(rate);
}

/** A p-value as people read it ("p = 0.004", "p < 0.001"). */
export function pValue(p: number, locale: string): string {
	if (p < 0.001) return `p < ${new Intl.NumberFormat(locale).format(0.001)}`;
	return `p = ${new Intl.NumberFormat(locale, { maximumFractionDigits: 3, minimumFractionDigits: 3 }).format(p)}`;
}

/** A sample instant of a time series, by the series' unit. */
export function sampleLabel(t: number, unit: 'hour' | 'day' | 'week', locale: string, zone: string): string {
	const opts: Intl.DateTimeFormatOptions = unit === 'hour' ? { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone } : { day: 'numeric', month: 'short', timeZone: zone };
	return new Intl.DateTimeFormat(locale, opts).format(t);
}

/** An instant as day, month and time (the "now" sample of day series). */
export function dayTimeLabel(t: number, locale: string, zone: string): string {
	return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(t);
}

/** A local "YYYY-MM-DD" day as a short date. */
export function dayLabel(day: string, locale: string): string {
	return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
}

/** A step's name: its own label, else its kind translated with the hint (email, tag, list) or the wait's length. */
export function stepName(s: { label: string; named?: boolean; hint?: string; waitMs?: number; stepKind?: string; kind?: string }): string {
	if (s.named) return s.label;
	const kind = s.stepKind ?? s.kind ?? '';
	const t = get(_);
	const key = `reports.kinds.${kind.replace(/\./g, '_')}`;
	const text = t(key, { default: '' });
	const base = text && text !== key ? text : s.label;
	if (s.hint) return `${base} · ${s.hint}`;
	if (s.waitMs) return `${base} ${duration(s.waitMs, get(locale) ?? 'en')}`;
	return base;
}

/** A length of time in its largest whole unit ("2 days", "36 hours"). */
export function duration(ms: number, loc: string): string {
	const units: [Intl.NumberFormatOptions['unit'], number][] = [
		['week', 604_800_000],
		['day', 86_400_000],
		['hour', 3_600_000],
		['minute', 60_000],
		['second', 1000]
	];
	for (const [unit, size] of units) if (ms % size === 0 || unit === 'second') return new Intl.NumberFormat(loc, { style: 'unit', unit, unitDisplay: 'long' }).format(ms / size);
	return '';
}
