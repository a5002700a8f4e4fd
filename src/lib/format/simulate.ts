/** One call from scenario text to report, and a short human summary of a report. */
import type { FileDiagnostic } from './diagnostics';
import { parseScenario } from './parse';
import type { Report } from './report';
import { runScenario, type RunOptions } from './run';

/** Outcome of `simulate`: the report, or the diagnostics that stopped it (bad input). */
export type Simulation = { ok: true; report: Report; diagnostics: FileDiagnostic[] } | { ok: false; diagnostics: FileDiagnostic[] };

/** Parses and runs a scenario (JSON text or object). Never throws for bad input. */
export function simulate(input: string | unknown, opts: RunOptions = {}): Simulation {
	const parsed = parseScenario(input);
	if (!parsed.ok) return parsed;
	const run = runScenario(parsed.value, opts);
	if (!run.ok) return { ok: false, diagnostics: [...parsed.diagnostics, ...run.diagnostics] };
	return { ok: true, report: run.report, diagnostics: parsed.diagnostics };
}

/** A few lines for people: what ran, totals, per automation, and the failed expectations. */
export function summarize(r: Report): string[] {
	const t = r.totals;
	const lines = [
		`${r.scenario}: ${r.start} → ${r.end} (seed ${r.seed})`,
		`  ${t.contacts} contact${t.contacts === 1 ? '' : 's'}, ${t.entered} entr${t.entered === 1 ? 'y' : 'ies'}: ${t.completed} completed, ${t.exited} exited, ${t.waiting} waiting; ${t.outbox} outbox item${t.outbox === 1 ? '' : 's'}, ${t.trace} trace entr${t.trace === 1 ? 'y' : 'ies'}`
	];
	for (const a of r.automations) lines.push(`  ${a.id} (${a.status}): ${a.entered} entered, ${a.completed} completed, ${a.exited} exited, ${a.waiting} waiting`);
	const n = r.expectations.length;
	lines.push(`  expectations: ${t.expectations.passed}/${n} passed`);
	for (const x of r.expectations) if (!x.passed) lines.push(`  ✗ expect[${x.index}] ${x.expected}: ${x.message}`);
	return lines;
}
