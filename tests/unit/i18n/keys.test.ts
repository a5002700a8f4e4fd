/**
 * Dictionaries: every key exists in every language, and every message is valid ICU with the same
 * placeholders in each language (so switching language never shows a raw key or breaks a plural).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

const ROOT = 'src/lib/i18n';
const LANGS = ['en', 'fr'];

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
	for (const [k, v] of Object.entries(t)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (typeof v === 'string') out.set(key, v);
		else flatten(v, key, out);
	}
	return out;
}

/** Argument names used by a message (placeholders, plurals, selects). */
function argsOf(message: string, locale: string): string[] {
	const ast = new IntlMessageFormat(message, locale).getAst();
	const names = new Set<string>();
	const walk = (nodes: unknown[]) => {
		for (const n of nodes as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
			if (n.type !== 0 && typeof n.value === 'string') names.add(n.value);
			if (n.options) for (const o of Object.values(n.options)) walk(o.value);
		}
	};
	walk(ast);
	return [...names].sort();
}

/**
 * Translations of the engine's own diagnostics (whose English is the engine's message itself):
 * they exist only outside English.
 */
const ENGINE_ENGLISH = /^inspector\.diag\./;

const areas = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory());

describe('i18n dictionaries', () => {
	it('has areas', () => expect(areas.length).toBeGreaterThan(0));
	for (const area of areas) {
		it(`${area}: same keys and placeholders in every language, valid ICU`, () => {
			const dicts = LANGS.map((l) => flatten(JSON.parse(readFileSync(join(ROOT, area, `${l}.json`), 'utf8')) as Tree));
			const [en, ...others] = dicts;
			for (const [i, other] of others.entries()) {
				const lang = LANGS[i + 1];
				expect([...en.keys()].filter((k) => !other.has(k)), `keys missing in ${area}/${lang}.json`).toEqual([]);
				expect([...other.keys()].filter((k) => !en.has(k) && !ENGINE_ENGLISH.test(k)), `keys only in ${area}/${lang}.json`).toEqual([]);
				for (const [k, msg] of en) {
					expect(argsOf(other.get(k)!, lang), `${area}: placeholders of "${k}" in ${lang}`).toEqual(argsOf(msg, 'en'));
				}
			}
			for (const d of dicts) for (const v of d.values()) expect(v.trim(), 'empty message').not.toBe('');
		});
	}
});
