/** Checks a scenario's expectations against the engine after the run; each failure says why. */
import type { Engine } from '../engine/engine';
import type { Expectation } from '../engine/schema/file';
import { sameValue } from '../engine/world';
import type { FieldValue } from '../engine/core/values';
import { latestRun } from './inspect';
import type { ExpectationResult, SentEffect } from './report';

const q = (v: unknown) => JSON.stringify(v);

/** Results of every expectation, in file order. */
export function checkExpectations(list: readonly Expectation[], e: Engine, outbox: readonly SentEffect[]): ExpectationResult[] {
	return list.map((x, index) => {
		const checks = 'contact' in x ? contactChecks(x, e, outbox) : 'step' in x ? stepChecks(x, e) : outboxChecks(x, outbox);
		const failures = checks.filter((c) => c.fail !== null).map((c) => c.fail!);
		const res: ExpectationResult = { index, expected: checks.map((c) => c.what).join('; '), passed: failures.length === 0 };
		if (failures.length) res.message = failures.join('; ');
		return res;
	});
}

interface Check {
	what: string;
	/** Why it failed, or null. */
	fail: string | null;
}

type ContactExpectation = Extract<Expectation, { contact: string }>;
type StepExpectation = Extract<Expectation, { step: string }>;
type OutboxExpectation = Extract<Expectation, { outbox: unknown }>;

function contactChecks(x: ContactExpectation, e: Engine, outbox: readonly SentEffect[]): Check[] {
	const id = x.contact;
	const c = e.world.contact(id);
	const out: Check[] = [];
	const check = (what: string, fail: string | null) => out.push({ what: `${id} ${what}`, fail: fail && `contact "${id}" ${fail}` });
	if (!c || c.deleted) {
		check('exists', c ? 'was deleted' : 'does not exist');
		return out;
	}
	if (x.hasTag !== undefined) check(`has tag ${q(x.hasTag)}`, c.tags.includes(x.hasTag) ? null : `lacks tag ${q(x.hasTag)} (tags: ${q(c.tags)})`);
	if (x.lacksTag !== undefined) check(`lacks tag ${q(x.lacksTag)}`, c.tags.includes(x.lacksTag) ? `has tag ${q(x.lacksTag)}` : null);
	if (x.field) {
		const v = e.world.getField(c, x.field.name);
		check(`field ${x.field.name} = ${q(x.field.equals)}`, equal(v, x.field.equals as FieldValue) ? null : `has ${x.field.name} = ${q(v)}, expected ${q(x.field.equals)}`);
	}
	if (x.list) {
		const st = c.lists[x.list.id] ?? null;
		const what = x.list.status === null ? `is not on list ${q(x.list.id)}` : `is ${x.list.status} on list ${q(x.list.id)}`;
		check(what, st === x.list.status ? null : `has status ${q(st)} on list ${q(x.list.id)}, expected ${q(x.list.status)}`);
	}
	if (x.score) {
		const v = c.scores[x.score.model] ?? 0;
		check(`score ${x.score.model} = ${x.score.equals}`, v === x.score.equals ? null : `has score ${x.score.model} = ${v}, expected ${x.score.equals}`);
	}
	if (x.waitingAt) {
		const { automation, step } = x.waitingAt;
		const run = latestRun(e, c, automation);
		const where = run ? `is ${run.status} at ${q(run.step)}` : 'never entered it';
		check(`waits at ${automation}/${step}`, run && run.status === 'waiting' && run.step === step ? null : `in automation ${q(automation)} ${where}, expected waiting at ${q(step)}`);
	}
	if (x.status) {
		const { automation, is } = x.status;
		const run = latestRun(e, c, automation);
		const st = !run ? 'never_entered' : run.status === 'active' ? 'waiting' : run.status;
		const detail = run ? ` (at ${q(run.step)}${run.exitReason ? `, reason ${run.exitReason}` : ''})` : '';
		check(`is ${is} in ${automation}`, st === is ? null : `is ${st} in automation ${q(automation)}${detail}, expected ${is}`);
	}
	if (x.received) {
		const { kind, count } = x.received;
		const got = outbox.filter((s) => s.effect.contact === id && (!kind || s.effect.kind === kind)).length;
		const what = `received ${count} ${kind ?? 'message'}${count === 1 ? '' : 's'}`;
		check(what, got === count ? null : `received ${got} ${kind ?? 'message'}${got === 1 ? '' : 's'}, expected ${count}`);
	}
	if (!out.length) check('exists', null);
	return out;
}

function stepChecks(x: StepExpectation, e: Engine): Check[] {
	const st = e.stepStats.get(x.step) ?? { entered: 0, waiting: 0, completed: 0 };
	const out: Check[] = [];
	for (const k of ['entered', 'waiting', 'completed'] as const) {
		const want = x[k];
		if (want === undefined) continue;
		out.push({ what: `${x.step} ${k} = ${want}`, fail: st[k] === want ? null : `step "${x.step}": ${k} is ${st[k]}, expected ${want}` });
	}
	if (!out.length) out.push({ what: `${x.step} exists`, fail: null });
	return out;
}

function outboxChecks(x: OutboxExpectation, outbox: readonly SentEffect[]): Check[] {
	const { kind, to, step, count } = x.outbox;
	const matches = outbox.filter((s) => {
		const f = s.effect;
		if (kind && f.kind !== kind) return false;
		if (to !== undefined && recipient(f.payload) !== to) return false;
		if (step && (step.includes('/') ? `${f.automation}/${f.step}` !== step : f.step !== step)) return false;
		return true;
	});
	const filters = [kind && `kind ${kind}`, to !== undefined && `to ${q(to)}`, step && `step ${step}`].filter(Boolean).join(', ');
	const what = `outbox has ${count} item${count === 1 ? '' : 's'}${filters ? ` with ${filters}` : ''}`;
	return [{ what, fail: matches.length === count ? null : `outbox has ${matches.length} item${matches.length === 1 ? '' : 's'}${filters ? ` with ${filters}` : ''}, expected ${count}` }];
}

/** The recipient of an effect's payload: address, phone number or URL. */
export function recipient(p: Record<string, unknown>): string {
	return typeof p.to === 'string' ? p.to : typeof p.url === 'string' ? p.url : '';
}

function equal(a: FieldValue, b: FieldValue): boolean {
	if (typeof a === 'number' || typeof b === 'number') return a === b;
	return sameValue(a, b);
}
