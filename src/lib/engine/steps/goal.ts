/**
 * Jump to (goal): contacts anywhere upstream jump here the moment they meet the conditions (the
 * engine checks on every data change). Reached in sequence without meeting them: continue, wait
 * until met, or end (a setting). Met at most once per entry; achieved/skipped are triggers.
 */
import { z } from 'zod';
import { Condition } from '../schema/conditions';
import { compileCondition } from '../conditions/compile';
import type { CompiledCondition } from '../conditions/types';
import { TraceCode } from '../core/trace';
import { defineStep, STAY } from './kind';
import { linear, next, stepBase } from './base';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';

const schema = z
	.object({
		...stepBase,
		kind: z.literal('goal'),
		conditions: Condition,
		ifUnmet: z.enum(['continue', 'wait', 'end']).default('continue'),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;
type Data = { cond: CompiledCondition };
type S = CompiledStep<Def, Data>;

function check(e: Engine, r: number, s: S): number {
	const { ok, seen } = e.test(s.data.cond, r);
	if (!ok) {
		if (s.data.cond.timeDependent) e.holdUntil(r, e.nextRecheck());
		return STAY;
	}
	e.achieveGoal(r, s, { seen });
	return s.out[0];
}

export const goal = defineStep<Def, Data>({
	kind: 'goal',
	group: 'workflow',
	title: 'Jump to (goal)',
	summary: 'A goal: contacts upstream jump here as soon as they meet its conditions.',
	plans: { from: 'plus' },
	schema,
	holds: true,
	outputs: linear,
	validate: (d, v) => v.condition(d.conditions, ['conditions']),
	compile: (d) => ({ cond: compileCondition(d.conditions) }),
	enter(e, r, s) {
		if (e.runs.extra[r]?.goalsMet?.includes(s.i)) {
			e.log(r, s, TraceCode.step_done, { reason: 'already_achieved' });
			return s.out[0];
		}
		const { ok, seen } = e.test(s.data.cond, r);
		if (ok) {
			e.achieveGoal(r, s, { seen });
			return s.out[0];
		}
		const c = e.contactOf(r);
		switch (s.def.ifUnmet) {
			case 'continue':
				e.log(r, s, TraceCode.goal_skipped, { then: 'continue', seen });
				e.world.goalEvent(c, 'goal.skipped', s.automation.id, s.id);
				return s.out[0];
			case 'end':
				e.log(r, s, TraceCode.goal_skipped, { then: 'end', seen });
				e.world.goalEvent(c, 'goal.skipped', s.automation.id, s.id);
				return e.exit(r, 'goal_not_met', { goal: s.id });
			case 'wait':
				e.log(r, s, TraceCode.goal_waiting, { seen });
				if (s.data.cond.timeDependent) return e.holdUntil(r, e.nextRecheck());
				return e.holdUntil(r, NaN);
		}
	},
	recheck: check,
	wake: check,
	rearm: check
});
