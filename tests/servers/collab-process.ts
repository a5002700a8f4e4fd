/** Starts scripts/collab-server.mjs as a real process on loopback with a free port (unit and e2e tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface CollabServer {
	url: string;
	process: ChildProcess;
	stop(): Promise<void>;
}

/** Spawns the collab server on 127.0.0.1 with `--port 0` and resolves once it prints its URL. */
export function startCollabServer(): Promise<CollabServer> {
	const script = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../scripts/collab-server.mjs');
	const child = spawn(process.execPath, [script, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((ok, fail) => {
		let out = '';
		const timer = setTimeout(() => fail(new Error(`collab server did not start: ${out}`)), 10_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /listening on (ws:\/\/\S+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				ok({
					url: m[1],
					process: child,
					stop: () =>
						new Promise<void>((done) => {
							if (child.exitCode !== null) return done();
							child.once('exit', () => done());
							child.kill('SIGTERM');
						})
				});
			}
		});
		child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`collab server exited (${code}): ${out}`));
		});
	});
}
