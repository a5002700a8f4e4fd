// `npm start`: install deps if missing, `vite build`, then serve build/ on 127.0.0.1.
// Env: PORT (default 4173, next free port if busy), HOST (default 127.0.0.1).
// Flags: --no-build (serve the existing build/), --strict-port (fail if PORT is busy).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeOnSignals, repoRoot, startServer } from './serve.mjs';

const isWindows = process.platform === 'win32';

/** Runs a command with inherited stdio from the repo root; resolves to its exit code. */
export function run(cmd, args, { env } = {}) {
	return new Promise((ok) => {
		const child = spawn(cmd, args, {
			cwd: repoRoot,
			stdio: 'inherit',
			env: { ...process.env, ...env },
			shell: isWindows
		});
		child.on('error', (err) => {
			console.error(`[run] ${cmd}: ${err.message}`);
			ok(127);
		});
		child.on('exit', (code, signal) => ok(code ?? (signal ? 128 : 1)));
	});
}

/** Path of a locally installed CLI (node_modules/.bin/<name>). */
export function bin(name) {
	return join(repoRoot, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);
}

/** Installs dependencies (`npm ci` when package-lock.json exists) if node_modules is missing. */
export async function ensureDependencies() {
	if (existsSync(join(repoRoot, 'node_modules', '.bin', 'vite'))) return;
	const useCi = existsSync(join(repoRoot, 'package-lock.json'));
	console.log(`\n> node_modules missing: running npm ${useCi ? 'ci' : 'install'}\n`);
	const code = await run('npm', [useCi ? 'ci' : 'install', '--no-audit', '--no-fund']);
	if (code !== 0) throw new Error(`npm ${useCi ? 'ci' : 'install'} failed (exit ${code})`);
}

/** Runs `vite build` (output: build/, SPA fallback index.html); throws on failure. */
export async function buildApp() {
	console.log('\n> vite build\n');
	const code = await run(bin('vite'), ['build']);
	if (code !== 0) throw new Error(`vite build failed (exit ${code})`);
}

/** Entry point of `npm start`. */
async function main() {
	const argv = process.argv.slice(2);
	await ensureDependencies();
	if (!argv.includes('--no-build')) await buildApp();
	const srv = await startServer({
		root: resolve(repoRoot, 'build'),
		port: Number(process.env.PORT || 4173),
		host: process.env.HOST || '127.0.0.1',
		strictPort: argv.includes('--strict-port')
	});
	console.log(`\n  Journey Studio is running at:  ${srv.url}/\n  (Ctrl+C to stop)\n`);
	closeOnSignals(srv);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main().catch((err) => {
		console.error(`\n[start] ${err instanceof Error ? err.message : err}`);
		process.exit(1);
	});
}
