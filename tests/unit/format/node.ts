/**
 * The few Node built-ins the format tests use, typed here: the project has no @types/node, and
 * the specifiers are plain strings so that type-checking does not look for Node's declarations.
 */
interface Fs {
	readFileSync(path: string, encoding: 'utf8'): string;
	writeFileSync(path: string, data: string): void;
	existsSync(path: string): boolean;
	readdirSync(path: string): string[];
	mkdtempSync(prefix: string): string;
	rmSync(path: string, opts: { recursive: boolean; force: boolean }): void;
}
interface ChildProcess {
	spawnSync(
		cmd: string,
		args: string[],
		opts: { cwd?: string; encoding: 'utf8'; env?: Record<string, string | undefined>; timeout?: number }
	): { status: number | null; stdout: string; stderr: string; error?: Error };
}
interface Os {
	tmpdir(): string;
}
interface Proc {
	cwd(): string;
	execPath: string;
	env: Record<string, string | undefined>;
}

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);

export const fs = (await load('node:fs')) as Fs;
export const cp = (await load('node:child_process')) as ChildProcess;
export const os = (await load('node:os')) as Os;
export const proc = (globalThis as unknown as { process: Proc }).process;

/** Repository root (tests run from it). */
export const ROOT = proc.cwd();

/** Reads a file under the repository root. */
export function readText(rel: string): string {
	return fs.readFileSync(`${ROOT}/${rel}`, 'utf8');
}

/** Runs `node --import tsx scripts/simulate.ts …args` and returns its exit code and output. */
export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
	const r = cp.spawnSync(proc.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...proc.env, NODE_OPTIONS: '' } });
	if (r.error) throw r.error;
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
