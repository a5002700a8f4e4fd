/**
 * Interface languages (svelte-i18n with ICU messages, so plurals and grammar are in the
 * dictionaries, not in code). Each locale's messages are a separate chunk loaded on demand.
 */
import { getLocaleFromNavigator, init, locale, register, waitLocale } from 'svelte-i18n';

export const LOCALES = [
	{ code: 'en', name: 'English' },
	{ code: 'fr', name: 'Français' }
] as const;
export type LocaleCode = (typeof LOCALES)[number]['code'];

const KEY = 'journey-studio:locale';

/**
 * Dictionaries live per feature area: `./<area>/<locale>.json` (shell, builder, contacts…).
 * Each is a lazily loaded chunk; svelte-i18n merges the areas of a locale.
 */
const dictionaries = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json');
for (const [path, load] of Object.entries(dictionaries)) {
	const code = path.split('/').pop()!.replace('.json', '');
	if (LOCALES.some((l) => l.code === code)) register(code, load);
}

/** The saved locale, else the browser's language if supported, else English. */
export function preferredLocale(): LocaleCode {
	const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
	if (saved && LOCALES.some((l) => l.code === saved)) return saved as LocaleCode;
	const nav = (getLocaleFromNavigator() ?? 'en').slice(0, 2);
	return (LOCALES.find((l) => l.code === nav)?.code ?? 'en') as LocaleCode;
}

/** Initialises i18n and waits for the messages of the chosen locale. */
export async function setupI18n(): Promise<void> {
	const initial = preferredLocale();
	init({ fallbackLocale: 'en', initialLocale: initial });
	document.documentElement.lang = initial;
	await waitLocale(initial);
}

/** Switches the interface language and remembers it. */
export async function setLocale(code: LocaleCode): Promise<void> {
	localStorage.setItem(KEY, code);
	document.documentElement.lang = code;
	await locale.set(code);
}
