/**
 * Harness for the condition-family tables: a workspace evaluated at a fixed virtual instant,
 * conditions parsed with the real schema (defaults applied) and compiled by the real compiler.
 */
import { expect, it } from 'vitest';
import { Engine } from '../../../../src/lib/engine/engine';
import { Condition } from '../../../../src/lib/engine/schema/conditions';
import { compileCondition } from '../../../../src/lib/engine/conditions/compile';
import type { Observation } from '../../../../src/lib/engine/conditions/types';
import { DAY, parseInstant } from '../../../../src/lib/engine/core/time';
import type { Input } from '../../../../src/lib/engine/inputs';
import { engineWith, must } from '../helpers';

/** The instant conditions are evaluated at: Wednesday 2026-03-04 10:30 UTC (11:30 in Paris). */
export const NOW = parseInstant('2026-03-04T10:30:00Z');

/** Builds a workspace, replays `inputs` (times relative to NOW) and sets the clock to NOW. */
export function worldAt(ws: Record<string, unknown>, inputs: Input[] = [], now = NOW): Engine {
	const e = engineWith(ws, { start: now - 60 * DAY });
	for (const i of inputs) must(e, i);
	e.advanceTo(now);
	return e;
}

/** Compiles a raw condition tree through the schema. */
export function compile(cond: unknown) {
	return compileCondition(Condition.parse(cond));
}

/** Whether `cond` holds for a contact now (with an optional deal in context). */
export function holds(e: Engine, cond: unknown, contact = 'c1', deal?: string): boolean {
	const c = e.world.contact(contact);
	if (!c) throw new Error(`no contact ${contact}`);
	return compile(cond).test(e, c, null, deal ? (e.world.deals.get(deal) ?? null) : null);
}

/** The observations recorded while evaluating (what the trace shows as "seen"). */
export function seen(e: Engine, cond: unknown, contact = 'c1'): Observation[] {
	const out: Observation[] = [];
	compile(cond).test(e, e.world.contact(contact)!, out, null);
	return out;
}

/** One row of a table: a name, a condition, the expected result per contact id. */
export type Row = [name: string, cond: unknown, expected: Record<string, boolean>];

/** Declares one test per row, evaluated on a shared engine. */
export function table(make: () => Engine, rows: Row[]): void {
	let e: Engine | null = null;
	const get = () => (e ??= make());
	for (const [name, cond, expected] of rows)
		it(name, () => {
			const en = get();
			const got = Object.fromEntries(Object.keys(expected).map((id) => [id, holds(en, cond, id)]));
			expect(got).toEqual(expected);
		});
}

/** Timestamp `days` before NOW (negative: after). */
export const ago = (days: number, hours = 0) => NOW - days * DAY - hours * 3_600_000;
