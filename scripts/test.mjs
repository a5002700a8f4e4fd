// `npm test`: unit tests (vitest) then e2e tests (Playwright against build/).
// Builds the app first when build/ is missing or older than its sources.
// Flags: --unit / --e2e (run only that suite), --build (force a rebuild).
// Exits non-zero if any step fails.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bin, buildApp, ensureDependencies, run } from './start.mjs';
import { repoRoot } from './serve.mjs';

/** Inputs whose changes make build/ stale. */
const BUILD_INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

/** Newest mtime (ms) of a file or, recursively, of a directory's files; 0 if missing. */
function newestMtime(path) {
	let st;
	try {
		st = statSync(path);
	} catch {
		return 0;
	}
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
	return newest;
}

/** True when build/index.html is missing or older than any build input. */
function buildIsStale() {
	const built = newestMtime(join(repoRoot, 'build', 'index.html'));
	if (!built) return true;
	return BUILD_INPUTS.some((p) => newestMtime(join(repoRoot, p)) > built);
}

/** Runs one named step, timing it; returns { name, status, seconds }. */
async function step(name, fn) {
	const t0 = Date.now();
	let status;
	try {
		status = (await fn()) ?? 'pass';
	} catch (err) {
		console.error(`\n[test] ${name}: ${err instanceof Error ? err.message : err}`);
		status = 'FAIL';
	}
	return { name, status, seconds: (Date.now() - t0) / 1000 };
}

/** Throws (marking the step FAIL) when a child exited non-zero. */
function check(code, what) {
	if (code !== 0) throw new Error(`${what} exited with code ${code}`);
}

const argv = process.argv.slice(2);
const only = argv.includes('--unit') ? 'unit' : argv.includes('--e2e') ? 'e2e' : null;
const results = [];

await ensureDependencies().catch((err) => {
	console.error(`[test] ${err.message}`);
	process.exit(1);
});

if (only !== 'e2e') {
	console.log('\n> vitest run\n');
	results.push(
		await step('unit (vitest)', async () =>
			check(await run(bin('vitest'), ['run', '--passWithNoTests']), 'vitest')
		)
	);
}

if (only !== 'unit') {
	const build = await step('build (vite)', async () => {
		if (!argv.includes('--build') && !buildIsStale()) return 'up to date';
		await buildApp();
	});
	results.push(build);
	if (build.status === 'FAIL') {
		results.push({ name: 'e2e (playwright)', status: 'skipped', seconds: 0 });
	} else {
		console.log('\n> playwright test\n');
		results.push(
			await step('e2e (playwright)', async () =>
				check(await run(bin('playwright'), ['test']), 'playwright')
			)
		);
	}
}

const failed = results.some((r) => r.status === 'FAIL' || r.status === 'skipped');
console.log('\n──── test summary ────');
for (const r of results) {
	console.log(`  ${r.name.padEnd(18)} ${r.status.padEnd(10)} ${r.seconds.toFixed(1)}s`);
}
console.log(failed ? '  RESULT: FAILED\n' : '  RESULT: passed\n');
process.exit(failed ? 1 : 0);
