/** Starts the reference relay as a child process (`node relay/server.mjs`), as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RelayProcess {
	url: string;
	token: string;
	dataDir: string;
	child: ChildProcess;
	output: string[];
	/** Stops the relay (SIGTERM) and removes its data unless `keepData`. */
	stop(keepData?: boolean): Promise<void>;
}

const SERVER = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../relay/server.mjs');

export async function startRelay(opts: { port: number; token?: string; smtp?: string; origins?: string; dataDir?: string; extraArgs?: string[]; env?: Record<string, string> }): Promise<RelayProcess> {
	const token = opts.token ?? 'test-relay-token';
	const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'relay-'));
	const args = [SERVER, '--port', String(opts.port), '--host', '127.0.0.1', '--token', token, '--data', dataDir, '--quiet', '--origins', opts.origins ?? '*', ...(opts.smtp ? ['--smtp', opts.smtp] : []), ...(opts.extraArgs ?? [])];
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(opts.env ?? {}) } });
	const output: string[] = [];
	const url = await new Promise<string>((ok, fail) => {
		const timer = setTimeout(() => fail(new Error('relay did not start:\n' + output.join(''))), 10_000);
		child.stdout!.on('data', (d: Buffer) => {
			output.push(d.toString());
			const m = /READY (\S+)/.exec(output.join(''));
			if (m) {
				clearTimeout(timer);
				ok(m[1]);
			}
		});
		child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
		child.on('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`relay exited with ${code}:\n${output.join('')}`));
		});
	});
	return {
		url,
		token,
		dataDir,
		child,
		output,
		async stop(keepData = false) {
			if (child.exitCode === null) {
				const exited = new Promise<void>((r) => child.once('exit', () => r()));
				child.kill('SIGTERM');
				await exited;
			}
			if (!keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
