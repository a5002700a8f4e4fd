/**
 * npm run simulate -- <scenario.json> [--out report.json] [--trace|--no-trace] [--summary]
 *
 * Runs a scenario file on the virtual clock and prints the JSON report (or writes it to --out and
 * prints a short summary on stderr). Exit codes: 0 all expectations pass; 1 some fail (listed on
 * stderr); 2 bad input (diagnostics as "path: message (help)"); 3 internal error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatDiagnostic, type FileDiagnostic } from '../src/lib/format/diagnostics';
import { simulate, summarize } from '../src/lib/format/simulate';

const USAGE = 'usage: npm run simulate -- <scenario.json> [--out report.json] [--trace|--no-trace] [--summary]';

interface Args {
	file: string;
	out?: string;
	trace?: boolean;
	summary: boolean;
}

function parseArgs(argv: string[]): Args | string {
	let file: string | undefined;
	const args: Partial<Args> = { summary: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--out' || a === '-o') {
			const v = argv[++i];
			if (!v) return '--out needs a file name';
			args.out = v;
		} else if (a.startsWith('--out=')) args.out = a.slice(6);
		else if (a === '--trace') args.trace = true;
		else if (a === '--no-trace') args.trace = false;
		else if (a === '--summary') args.summary = true;
		else if (a === '--help' || a === '-h') return 'help';
		else if (a.startsWith('-')) return `unknown option ${a}`;
		else if (file) return `only one scenario file, got "${file}" and "${a}"`;
		else file = a;
	}
	if (!file) return 'no scenario file given';
	return { ...args, file } as Args;
}

function printDiagnostics(ds: FileDiagnostic[], file: string): void {
	for (const d of ds) process.stderr.write(`${d.severity === 'warning' ? 'warning: ' : ''}${file}: ${formatDiagnostic(d)}\n`);
}

function main(): number {
	const args = parseArgs(process.argv.slice(2));
	if (typeof args === 'string') {
		if (args === 'help') {
			process.stdout.write(USAGE + '\n');
			return 0;
		}
		process.stderr.write(`${args}\n${USAGE}\n`);
		return 2;
	}
	let text: string;
	try {
		text = readFileSync(args.file, 'utf8');
	} catch (err) {
		const code = (err as { code?: string }).code;
		process.stderr.write(`${args.file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? (err as Error).message)})\n`);
		return 2;
	}
	const sim = simulate(text, args.trace === undefined ? {} : { trace: args.trace });
	if (!sim.ok) {
		const bug = sim.diagnostics.find((d) => d.code === 'internal');
		if (bug) {
			process.stderr.write(`internal error: ${bug.message}\n`);
			return 3;
		}
		const errors = sim.diagnostics.filter((d) => d.severity === 'error');
		process.stderr.write(`${args.file}: ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was run.\n`);
		printDiagnostics(sim.diagnostics, args.file);
		return 2;
	}
	printDiagnostics(sim.diagnostics, args.file);
	const json = JSON.stringify(sim.report, null, 2) + '\n';
	if (args.out) {
		try {
			writeFileSync(args.out, json);
		} catch (err) {
			process.stderr.write(`${args.out}: cannot write the report (${(err as { code?: string }).code ?? (err as Error).message})\n`);
			return 2;
		}
		process.stderr.write(summarize(sim.report).join('\n') + `\n  report written to ${args.out}\n`);
	} else {
		process.stdout.write(json);
		if (args.summary) process.stderr.write(summarize(sim.report).join('\n') + '\n');
	}
	const failed = sim.report.expectations.filter((x) => !x.passed);
	if (failed.length) {
		if (!args.out && !args.summary) {
			process.stderr.write(`${failed.length} expectation${failed.length === 1 ? '' : 's'} failed:\n`);
			for (const x of failed) process.stderr.write(`  ✗ expect[${x.index}] ${x.expected}: ${x.message}\n`);
		}
		return 1;
	}
	return 0;
}

function internal(err: unknown): never {
	process.stderr.write(`internal error: ${(err as Error)?.message ?? String(err)}\n`);
	process.exit(3);
}

process.on('uncaughtException', internal);
process.on('unhandledRejection', internal);
try {
	process.exitCode = main();
} catch (err) {
	internal(err);
}
