// The "say" function of the condition reader, formatting the real dictionaries with ICU.
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../../../src/lib/i18n/inspector/en.json';
import fr from '../../../src/lib/i18n/inspector/fr.json';
import type { Say } from '../../../src/lib/components/conditions/describe';

/** Formats "inspector.cond.say.<key>" of a dictionary. */
export function sayIn(lang: 'en' | 'fr'): Say {
	const root = (lang === 'en' ? en : fr).inspector.cond.say as unknown as Record<string, unknown>;
	return (key, values) => {
		let node: unknown = root;
		for (const part of key.split('.')) node = (node as Record<string, unknown>)?.[part];
		if (typeof node !== 'string') throw new Error(`missing message ${key} (${lang})`);
		return String(new IntlMessageFormat(node, lang).format(values));
	};
}
