/**
 * Steps whose effect result feeds back (AI prompt, Salesforce): the step emits an awaited effect
 * and holds the contact until the host resolves it or the timeout passes. A result applies its
 * value and continues; an error or a timeout takes the failure path: continue, or exit the
 * automation ("result_failed"), as the step's `onFailure` says.
 */
import { z } from 'zod';
import { Duration } from '../schema/common';
import { durationMs } from '../core/time';
import { TraceCode } from '../core/trace';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';
import type { EffectKind, EffectResult } from '../effects';
import type { StepKind, ValidateCtx } from './kind';

/** Schema fields of awaiting steps. */
export const awaitFields = {
	/** How long to wait for the result. */
	timeout: Duration.default({ minutes: 1 }),
	/** What happens when the result fails or times out. */
	onFailure: z.enum(['continue', 'exit']).default('continue')
};

/** Settings every awaiting step has. */
export type AwaitDef = {
	id: string;
	kind: string;
	timeout: z.infer<typeof Duration>;
	onFailure: 'continue' | 'exit';
};

/** Applying a result value: ok (with trace detail), or why the value cannot be used. */
export type Applied = { ok: true; detail?: Record<string, unknown> } | { ok: false; reason: string };

/** Reports a zero timeout. */
export function checkTimeout(d: AwaitDef, v: ValidateCtx): void {
	if (durationMs(d.timeout) <= 0) v.report('await.timeout', 'The time to wait for the result is zero.', 'Set a timeout of at least a few seconds, e.g. 1 minute.', ['timeout']);
}

/** Emits the awaited effect and holds the run until the result or the deadline. Returns STAY. */
export function awaitEffect(e: Engine, r: number, s: CompiledStep<AwaitDef, unknown>, kind: EffectKind, payload: Record<string, unknown>): number {
	const deadline = e.now + durationMs(s.def.timeout);
	const eff = e.emit(r, s, kind, payload, { awaitUntil: deadline });
	e.log(r, s, TraceCode.effect_emitted, { key: eff.key, until: deadline });
	return e.holdUntil(r, deadline);
}

/** The failure path: log why, then continue or exit. */
function fail(e: Engine, r: number, s: CompiledStep<AwaitDef, unknown>, detail: Record<string, unknown>): number {
	e.log(r, s, TraceCode.result_failed, detail);
	if (s.def.onFailure === 'exit') return e.exit(r, 'result_failed', { step: s.id });
	return s.out[0];
}

/**
 * The `result`, `wake` (timeout) and `rearm` handlers of an awaiting step; `apply` uses the result
 * value (writes the output field, saves the record id).
 */
export function awaitHandlers<D extends AwaitDef, C>(
	apply: (e: Engine, r: number, s: CompiledStep<D, C>, value: string) => Applied
): Pick<StepKind<D, C>, 'result' | 'wake' | 'rearm' | 'holds'> {
	const timeout = (e: Engine, r: number, s: CompiledStep<D, C>) => {
		e.clearAwait(r);
		return fail(e, r, s, { reason: 'timeout' });
	};
	return {
		holds: true,
		result(e, r, s, res: EffectResult) {
			if (!res.ok) return fail(e, r, s, { reason: 'error', error: res.error ?? null });
			const out = apply(e, r, s, res.value ?? '');
			if (!out.ok) return fail(e, r, s, { reason: out.reason, value: res.value ?? null });
			e.log(r, s, TraceCode.result_received, { key: res.key, ...out.detail });
			return s.out[0];
		},
		wake: timeout,
		rearm(e, r, s) {
			// Settings changed while waiting: keep waiting with the new timeout from the time already spent.
			if (!e.runs.extra[r]?.awaiting) return s.out[0];
			const deadline = e.runs.since[r] + durationMs(s.def.timeout);
			if (deadline <= e.now) return timeout(e, r, s);
			return e.holdUntil(r, deadline);
		}
	};
}
