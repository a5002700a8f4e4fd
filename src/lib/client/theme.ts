/** Light / dark theme: the saved choice, else the system preference. */
const KEY = 'journey-studio:theme';

export type Theme = 'light' | 'dark' | 'system';

/** The saved theme choice. */
export function savedTheme(): Theme {
	const t = localStorage.getItem(KEY);
	return t === 'light' || t === 'dark' ? t : 'system';
}

/** Applies a theme (and remembers it when given). */
export function applyTheme(choice?: Theme): void {
	if (choice) localStorage.setItem(KEY, choice);
	const t = choice ?? savedTheme();
	const dark = t === 'dark' || (t === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
	document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}
