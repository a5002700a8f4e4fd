/** Chart colours from the app's theme tokens (light or dark), read when a chart is drawn. */

export interface ChartTheme {
	dark: boolean;
	text: string;
	muted: string;
	grid: string;
	surface: string;
	/** Categorical series colours, readable on the theme's surface. */
	series: string[];
	font: string;
}

const LIGHT_EXTRA = ['#c2410c', '#7c3aed', '#0e7490', '#be185d', '#4d7c0f', '#a16207'];
const DARK_EXTRA = ['#fb923c', '#c4b5fd', '#67e8f9', '#f9a8d4', '#bef264', '#fde047'];

/** The current theme's chart colours. */
export function chartTheme(): ChartTheme {
	const root = document.documentElement;
	const css = getComputedStyle(root);
	const v = (name: string) => css.getPropertyValue(name).trim();
	const dark = root.dataset.theme === 'dark';
	return {
		dark,
		text: v('--text'),
		muted: v('--muted'),
		grid: v('--border'),
		surface: v('--surface'),
		series: [v('--accent'), v('--ok'), ...(dark ? DARK_EXTRA : LIGHT_EXTRA), v('--warn'), v('--danger')],
		font: v('--font') || 'system-ui, sans-serif'
	};
}

/** Calls `fn` whenever the theme changes (the root's data-theme attribute); returns the stop function. */
export function onThemeChange(fn: () => void): () => void {
	const obs = new MutationObserver(fn);
	obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
	return () => obs.disconnect();
}

/** A colour with an alpha channel (for fills), from "#rrggbb". */
export function withAlpha(color: string, alpha: number): string {
	const m = /^#([0-9a-f]{6})$/i.exec(color);
	if (!m) return color;
	const n = parseInt(m[1], 16);
	return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
