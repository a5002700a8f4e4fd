// Every message key the CRM, reports and facilitator screens use exists in English and French,
// and both dictionaries have the same keys.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const AREAS = ['crm', 'reports'];
const SOURCES = ['src/lib/components/crm', 'src/routes/crm', 'src/lib/components/reports', 'src/lib/components/charts', 'src/routes/reports', 'src/routes/workshop'];

function files(dir: string): string[] {
	let out: string[] = [];
	let names: string[];
	try {
		names = readdirSync(join(ROOT, dir));
	} catch {
		return out;
	}
	for (const n of names) {
		const p = join(dir, n);
		if (statSync(join(ROOT, p)).isDirectory()) out = out.concat(files(p));
		else if (/\.(svelte|ts)$/.test(n)) out.push(p);
	}
	return out;
}

function flatten(d: Record<string, unknown>, prefix = ''): string[] {
	return Object.entries(d).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const dict = (area: string, lang: string) => JSON.parse(readFileSync(join(ROOT, `src/lib/i18n/${area}/${lang}.json`), 'utf8'));
const en = new Set(AREAS.flatMap((a) => flatten(dict(a, 'en'))));
const fr = new Set(AREAS.flatMap((a) => flatten(dict(a, 'fr'))));

describe('i18n of the CRM, reports and facilitator screens', () => {
	it('English and French have the same keys', () => {
		expect([...en].filter((k) => !fr.has(k))).toEqual([]);
		expect([...fr].filter((k) => !en.has(k))).toEqual([]);
	});

	it('every literal key used in the code exists', () => {
		const used = new Set<string>();
		for (const f of SOURCES.flatMap(files)) {
			const text = readFileSync(join(ROOT, f), 'utf8');
			for (const m of text.matchAll(/\$_\(\s*'((?:crm|reports|facilitator)\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]);
		}
		expect(used.size).toBeGreaterThan(50);
		expect([...used].filter((k) => !en.has(k))).toEqual([]);
	});
});
