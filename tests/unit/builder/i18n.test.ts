/** The builder's dictionaries: same keys in English and French, valid ICU messages, every key the code uses present. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../../../src/lib/i18n/builder/en.json';
import fr from '../../../src/lib/i18n/builder/fr.json';

function flat(o: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
	for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (v && typeof v === 'object') flat(v, key, out);
		else out[key] = String(v);
	}
	return out;
}

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : /\.(svelte|ts)$/.test(f) ? [p] : [];
	});
}

describe('builder dictionaries', () => {
	const E = flat(en);
	const F = flat(fr);

	it('have the same keys', () => {
		expect(Object.keys(F).sort()).toEqual(Object.keys(E).sort());
	});

	it('are valid ICU messages that format', () => {
		for (const [dict, locale] of [
			[E, 'en'],
			[F, 'fr']
		] as const)
			for (const [k, m] of Object.entries(dict)) {
				const values = Object.fromEntries([...m.matchAll(/\{(\w+)/g)].map((x) => [x[1], 2]));
				expect(() => new IntlMessageFormat(m, locale).format(values), `${locale} ${k}`).not.toThrow();
			}
	});

	it('contain every literal key the builder code uses', () => {
		const used = new Set<string>();
		for (const f of [...files('src/lib/components/builder'), ...files('src/routes/automations')])
			for (const m of readFileSync(f, 'utf8').matchAll(/['"](builder\.[A-Za-z0-9_.]+)['"]/g)) used.add(m[1]);
		const missing = [...used].filter((k) => !(k in E) && !Object.keys(E).some((x) => x.startsWith(k + '.')));
		expect(missing).toEqual([]);
	});
});
