/**
 * Benchmark runner: `npm run bench [-- --only engine[,other]] [-- --quick]`.
 * Runs every suite in bench/suites/*.ts (each exports `{ name, run }`, see lib/suite.ts), prints
 * one table per suite with its targets, and writes bench/results/latest.json. Misses are printed,
 * never turned into a failing exit code; a wrong result (a contestant that fails its check) is.
 *
 * The npm script starts Node with:
 *   --expose-gc               so that suites can force a full GC between runs and before heap
 *                             readings (lib/measure.ts falls back to enabling it at runtime);
 *   --max-semi-space-size=64  a 64 MB young generation, so that the short-lived objects of a
 *                             100k-contact run die young instead of being promoted mid-run: less
 *                             GC noise between repetitions, the same setting for every contestant.
 */
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus, loadavg } from 'node:os';
import type { Row, Suite } from './lib/suite';
import { renderTable, renderTargets } from './lib/table';

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv: string[]): { only: string[] | null; quick: boolean } {
	let only: string[] | null = null;
	let quick = false;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--quick') quick = true;
		else if (a === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
		else if (a.startsWith('--only=')) only = a.slice(7).split(',').filter(Boolean);
		else throw new Error(`Unknown option "${a}". Use --only <suite[,suite]> and/or --quick.`);
	}
	return { only, quick };
}

async function loadSuites(): Promise<Suite[]> {
	const dir = join(here, 'suites');
	const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
	const out: Suite[] = [];
	for (const f of files) {
		const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
		const s = [mod.default, mod.suite, ...Object.values(mod)].find(isSuite);
		if (!s) throw new Error(`bench/suites/${f} exports no suite ({ name, run }).`);
		out.push(s);
	}
	return out;
}

function isSuite(x: unknown): x is Suite {
	return typeof x === 'object' && x !== null && typeof (x as Suite).name === 'string' && typeof (x as Suite).run === 'function';
}

async function main(): Promise<void> {
	const opts = parseArgs(process.argv.slice(2));
	const all = await loadSuites();
	const unknown = (opts.only ?? []).filter((n) => !all.some((s) => s.name === n));
	if (unknown.length) throw new Error(`No suite named ${unknown.join(', ')}. Suites: ${all.map((s) => s.name).join(', ')}.`);
	const suites = opts.only ? all.filter((s) => opts.only!.includes(s.name)) : all;
	const results: { name: string; title?: string; ms: number; load: string; rows: Row[] }[] = [];
	// Other processes inflate wall times (not CPU times): the load average says how busy the machine was.
	const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
	const loadBefore = load();
	console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, load ${loadBefore}, flags: ${process.execArgv.join(' ') || 'none'}${opts.quick ? ', --quick' : ''}`);
	for (const s of suites) {
		const t0 = performance.now();
		const rows = await s.run({ quick: opts.quick });
		const ms = performance.now() - t0;
		results.push({ name: s.name, title: s.title, ms, load: load(), rows });
		console.log(`\n■ ${s.name}${s.title ? ` — ${s.title}` : ''}  (${(ms / 1000).toFixed(1)} s, load after ${load()})\n`);
		console.log(renderTable(rows));
		const targets = renderTargets(rows);
		if (targets) console.log('\n' + targets);
	}
	const file = join(here, 'results', 'latest.json');
	mkdirSync(dirname(file), { recursive: true });
	const report = {
		at: new Date().toISOString(),
		node: process.version,
		cpu: cpus()[0]?.model ?? null,
		cpus: cpus().length,
		load: loadBefore,
		flags: process.execArgv,
		options: opts,
		suites: results
	};
	writeFileSync(file, JSON.stringify(report, null, '\t') + '\n');
	console.log(`\nwrote ${file.slice(process.cwd().length + 1) || file}`);
}

main().catch((err) => {
	console.error(err instanceof Error ? (err.stack ?? err.message) : err);
	process.exit(1);
});
