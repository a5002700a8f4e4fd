/**
 * Interface languages (svelte-i18n with ICU messages, so plurals and grammar are in the
 * dictionaries, not in code). Each locale's messages are a separate chunk loaded on demand.
 */
import { get } from 'svelte/store';
import { addMessages, getLocaleFromNavigator, init, locale } from 'svelte-i18n';

export const LOCALES = [
	{ code: 'en', name: 'English' },
	{ code: 'fr', name: 'Français' }
] as const;
export type LocaleCode = (typeof LOCALES)[number]['code'];

const KEY = 'journey-studio:locale';

/**
 * Dictionaries live per feature area: `./<area>/<locale>.json` (shell, builder, contacts…), each a
 * lazily loaded chunk merged into svelte-i18n. Only the messages of the chosen language are
 * loaded, and the first screen loads only the areas it shows (the rest follow in the background
 * and before any other route renders), so the first visit stays small whatever the languages.
 */
const dictionaries = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json');
const AREAS = [...new Set(Object.keys(dictionaries).map((p) => p.split('/')[1]))];
/** The areas the overview (the first route of a visit) shows. */
const OVERVIEW_AREAS = ['shell', 'kinds'];
const loaded = new Set<string>();

/** The dictionary areas a route needs before it renders. */
export function areasFor(pathname: string): string[] {
	return pathname === '/' || pathname === '' ? OVERVIEW_AREAS : AREAS;
}

/** Loads (once) the messages of `areas` in `code`. */
export async function loadAreas(areas: readonly string[], code: LocaleCode = current()): Promise<void> {
	await Promise.all(
		areas.map(async (area) => {
			const key = `${code}/${area}`;
			if (loaded.has(key)) return;
			const load = dictionaries[`./${area}/${code}.json`];
			if (!load) return;
			addMessages(code, (await load()).default as never);
			loaded.add(key);
		})
	);
}

/** Loads every area's messages in the current language (after the first screen). */
export function loadAllAreas(): Promise<void> {
	return loadAreas(AREAS);
}

/** Whether every area of `areas` is loaded in the current language. */
export function areasLoaded(areas: readonly string[]): boolean {
	const code = current();
	return areas.every((a) => loaded.has(`${code}/${a}`));
}

function current(): LocaleCode {
	const l = (get(locale) ?? 'en').slice(0, 2);
	return (LOCALES.find((x) => x.code === l)?.code ?? 'en') as LocaleCode;
}

/** The saved locale, else the browser's language if supported, else English. */
export function preferredLocale(): LocaleCode {
	const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
	if (saved && LOCALES.some((l) => l.code === saved)) return saved as LocaleCode;
	const nav = (getLocaleFromNavigator() ?? 'en').slice(0, 2);
	return (LOCALES.find((l) => l.code === nav)?.code ?? 'en') as LocaleCode;
}

/** Initialises i18n with the messages the first route needs (`areas`) in the chosen locale. */
export async function setupI18n(areas: readonly string[] = AREAS): Promise<void> {
	const initial = preferredLocale();
	await loadAreas(areas, initial);
	// Every key exists in every language (tests/unit/i18n/keys.test.ts), so no other locale is a
	// fallback: a first visit in French loads the French messages only.
	init({ fallbackLocale: initial, initialLocale: initial });
	document.documentElement.lang = initial;
}

/** Switches the interface language and remembers it. */
export async function setLocale(code: LocaleCode): Promise<void> {
	localStorage.setItem(KEY, code);
	await loadAreas(AREAS, code);
	document.documentElement.lang = code;
	await locale.set(code);
}
