/**
 * The scenario runner: builds an engine on the scenario's seed and start, loads the workspace,
 * applies the script in time order, answers awaited effects with the scenario's responders at
 * the right virtual time, runs the clock to `until`, checks the expectations and reports.
 *
 * Order at one instant: the engine's timers due then, then answers due then (in the order the
 * effects were produced), then scripted events (in file order).
 */
import { Engine } from '../engine/engine';
import { loadWorkspace } from '../engine/load';
import { parseInstant } from '../engine/core/time';
import type { Effect } from '../engine/effects';
import type { Responder, ScenarioFile } from '../engine/schema/file';
import { errorsOf, type FileDiagnostic } from './diagnostics';
import { checkExpectations } from './expect';
import { buildReport, type Report, type SentEffect } from './report';
import { orderedScript, toInput } from './script';
import { resolveDelay, resolveTime } from './time';

/** Options of a run. */
export interface RunOptions {
	/** Record the trace; default: the scenario's `trace` setting. */
	trace?: boolean;
}

/** Outcome of a run: the report (and the engine, for inspection), or why it could not run. */
export type ScenarioRun =
	| { ok: true; report: Report; engine: Engine; diagnostics: FileDiagnostic[] }
	| { ok: false; diagnostics: FileDiagnostic[] };

interface Pending {
	at: number;
	seq: number;
	sent: SentEffect;
}

/** Runs a parsed scenario (see `parseScenario`). Never throws for bad input. */
export function runScenario(sc: ScenarioFile, opts: RunOptions = {}): ScenarioRun {
	const start = parseInstant(sc.start);
	const e = new Engine({ seed: sc.seed, start, trace: opts.trace ?? sc.trace, defaultZone: sc.workspace.timeZone });
	const loaded = loadWorkspace(e, sc.workspace).map((d) => ({ ...d, path: ['workspace', ...(d.path ?? [])] }));
	if (errorsOf(loaded).length) return { ok: false, diagnostics: loaded };
	const diagnostics: FileDiagnostic[] = [...loaded];

	const script = orderedScript(sc);
	const last = script.length ? script[script.length - 1].at : start;
	const until = resolveTime(sc.until, last);
	const bad = script.find((t) => Number.isNaN(t.at) || t.at < start);
	if (bad || Number.isNaN(until) || until < last) {
		const path = bad ? ['script', bad.index, 'at'] : ['until'];
		return { ok: false, diagnostics: [{ code: 'scenario.time', severity: 'error', message: 'invalid time', help: 'Check the scenario with parseScenario first.', path }] };
	}

	const outbox: SentEffect[] = [];
	const answers: Pending[] = [];
	let seq = 0;
	const collect = () => {
		for (const effect of e.takeEffects()) {
			const sent: SentEffect = { effect };
			outbox.push(sent);
			if (effect.awaitUntil === null) continue;
			const answer = answerFor(sc.responders, effect);
			if (!answer) continue; // unanswered: the engine times it out at awaitUntil
			sent.answer = answer;
			insert(answers, { at: answer.at, seq: seq++, sent });
		}
	};
	/** Fires the engine's timers one instant at a time up to `t`, collecting effects after each. */
	const runTimersTo = (t: number) => {
		for (;;) {
			const next = e.nextTimerAt();
			const limit = Math.min(t, answers.length ? answers[0].at : Infinity);
			if (!(next <= limit)) break;
			e.advanceTo(Math.max(next, e.now));
			collect();
		}
	};

	collect();
	let k = 0;
	for (;;) {
		const nextScript = k < script.length ? script[k].at : Infinity;
		const nextAnswer = answers.length ? answers[0].at : Infinity;
		const t = Math.min(nextScript, nextAnswer, until);
		runTimersTo(t);
		// A timer may have produced an answer due earlier than t: loop to take it first.
		if (answers.length && answers[0].at < Math.min(nextScript, nextAnswer, until)) continue;
		if (answers.length && answers[0].at <= Math.min(nextScript, until)) {
			const { at, sent } = answers.shift()!;
			const a = sent.answer!;
			const res = e.apply({ type: 'effect.resolved', at, key: sent.effect.key, ok: a.ok, ...(a.ok ? { value: a.value } : { error: a.error }) });
			if (!res.ok) diagnostics.push(...res.diagnostics.map((d) => ({ ...d, path: ['responders'] })));
			collect();
			continue;
		}
		if (k < script.length && nextScript <= until) {
			const ev = script[k++];
			const res = e.apply(toInput(e, ev));
			if (!res.ok) diagnostics.push(...res.diagnostics.map((d) => ({ ...d, message: `${ev.event.event}: ${d.message}`, path: ['script', ev.index] })));
			collect();
			continue;
		}
		break;
	}
	e.advanceTo(until);
	collect();

	if (errorsOf(diagnostics).length) return { ok: false, diagnostics };
	const report = buildReport(e, {
		scenario: sc.name,
		description: sc.description,
		workspace: sc.workspace.name,
		seed: sc.seed,
		start,
		outbox,
		expectations: checkExpectations(sc.expect, e, outbox)
	});
	return { ok: true, report, engine: e, diagnostics };
}

/** How a scenario's responders answer an awaited effect (null: unanswered, it times out). */
export function answerFor(responders: readonly Responder[], effect: Effect): { at: number; ok: boolean; value?: string; error?: string } | null {
	const r = responderFor(responders, effect);
	if (!r) return null;
	const at = effect.at + resolveDelay(r.after);
	return r.ok ? { at, ok: true, value: fill(r.value ?? '', effect) } : { at, ok: false, error: fill(r.error ?? 'error', effect) };
}

/** The first responder (file order) for the effect's kind and, when it names one, its step. */
export function responderFor(responders: readonly Responder[], f: Effect): Responder | undefined {
	return responders.find((r) => r.kind === f.kind && (!r.step || r.step === f.step));
}

/** The effect's input text, for the "{input}" placeholder. */
export function inputText(f: Effect): string {
	const p = f.payload;
	for (const k of ['input', 'prompt', 'text', 'body']) if (typeof p[k] === 'string') return p[k] as string;
	return '';
}

function fill(template: string, f: Effect): string {
	return template.includes('{input}') ? template.split('{input}').join(inputText(f)) : template;
}

/** Inserts keeping (at, seq) order. */
function insert(list: Pending[], p: Pending): void {
	let i = list.length;
	while (i > 0 && (list[i - 1].at > p.at || (list[i - 1].at === p.at && list[i - 1].seq > p.seq))) i--;
	list.splice(i, 0, p);
}
