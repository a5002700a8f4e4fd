/** Shared pieces of the Format data steps: a source field, an output field, one transformation. */
import type { FieldValue } from '../core/values';
import { isEmpty } from '../core/values';
import { TraceCode } from '../core/trace';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';
import type { FieldType } from '../schema/workspace';
import type { ValidateCtx } from './kind';
import { checkFieldRef, readField, writeField, FieldRef } from './fields';

/** Schema fields of every Format data step. */
export const formatFields = { from: FieldRef, to: FieldRef };

/** A transformed value, or why the source value cannot be transformed. */
export type Transformed = { ok: true; value: FieldValue } | { ok: false; reason: string };

/** Validates the source and output fields (optionally restricting their types). */
export function checkFormat(d: { from: FieldRef; to: FieldRef }, v: ValidateCtx, fromTypes?: FieldType[], toTypes?: FieldType[]): void {
	checkFieldRef(v, d.from, ['from'], fromTypes);
	checkFieldRef(v, d.to, ['to'], toTypes);
}

/**
 * Reads the source field, transforms it and writes the output field; logs step_done with the
 * value written, or step_skipped with a reason (no deal/account, empty source, bad value).
 * An empty source is passed to `transform` only when `empty` is "pass" (copy clears the output).
 */
export function runFormat(
	e: Engine,
	r: number,
	s: CompiledStep<{ id: string; kind: string; from: FieldRef; to: FieldRef }, unknown>,
	transform: (value: FieldValue) => Transformed,
	empty: 'skip' | 'pass' = 'skip'
): number {
	const src = readField(e, r, s.def.from);
	if (!src.ok) {
		e.log(r, s, TraceCode.step_skipped, { reason: src.reason });
		return s.out[0];
	}
	if (empty === 'skip' && isEmpty(src.value)) {
		e.log(r, s, TraceCode.step_skipped, { reason: 'source_empty', field: s.def.from.field });
		return s.out[0];
	}
	const out = transform(src.value);
	if (!out.ok) {
		e.log(r, s, TraceCode.step_skipped, { reason: out.reason, value: src.value });
		return s.out[0];
	}
	const res = writeField(e, r, s.def.to, out.value);
	if (!res.ok) e.log(r, s, TraceCode.step_skipped, { reason: res.reason, value: out.value });
	else e.log(r, s, TraceCode.step_done, { value: res.value, changed: res.changed });
	return s.out[0];
}
