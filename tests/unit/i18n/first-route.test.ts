/**
 * The first screen of a visit renders with only its own dictionary areas loaded (the rest load
 * after it). Every message key written in the code that screen runs (the layout, the overview and
 * everything they import) must therefore live in those areas, or the screen shows a raw key until
 * the background load lands.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { areasFor } from '$lib/i18n';

const ROOT = 'src/lib/i18n';
type Tree = { [k: string]: string | Tree };

function keysOf(t: Tree, prefix = '', out = new Set<string>()): Set<string> {
	for (const [k, v] of Object.entries(t)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (typeof v === 'string') out.add(key);
		else keysOf(v, key, out);
	}
	return out;
}

function areaKeys(area: string): Set<string> {
	return keysOf(JSON.parse(readFileSync(join(ROOT, area, 'en.json'), 'utf8')) as Tree);
}

/** Resolves an import specifier of `from` to a source file, or null for packages. */
function resolveImport(spec: string, from: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = resolve('src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/** Every source file the entry files import, transitively (static imports; type-only skipped). */
function closure(entries: string[]): string[] {
	const seen = new Set<string>();
	const queue = entries.map((e) => resolve(e));
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const src = readFileSync(file, 'utf8');
		for (const m of src.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
			const target = resolveImport(m[1], file);
			if (target && !seen.has(target)) queue.push(target);
		}
	}
	return [...seen];
}

describe('first route dictionaries', () => {
	it('the layout and the overview use only keys of the areas loaded first', () => {
		const all = new Set<string>();
		const areas = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory());
		for (const a of areas) for (const k of areaKeys(a)) all.add(k);
		const first = new Set<string>();
		for (const a of areasFor('/')) for (const k of areaKeys(a)) first.add(k);

		const files = closure(['src/routes/+layout.svelte', 'src/routes/+page.svelte']);
		expect(files.length).toBeGreaterThan(5);
		const late: string[] = [];
		for (const file of files) {
			const src = readFileSync(file, 'utf8');
			for (const m of src.matchAll(/['"`]([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)['"`]/g)) {
				if (all.has(m[1]) && !first.has(m[1])) late.push(`${file.replace(resolve('.') + '/', '')}: ${m[1]}`);
			}
		}
		expect(late).toEqual([]);
	});
});
