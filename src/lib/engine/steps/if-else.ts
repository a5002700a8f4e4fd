/** If/else: forks into Yes and No paths by segment conditions, logging what was seen. */
import { z } from 'zod';
import { Id } from '../schema/common';
import { Condition } from '../schema/conditions';
import { compileCondition } from '../conditions/compile';
import type { CompiledCondition } from '../conditions/types';
import { TraceCode } from '../core/trace';
import { defineStep } from './kind';
import { stepBase } from './base';

const schema = z
	.object({ ...stepBase, kind: z.literal('if_else'), conditions: Condition, yes: Id.nullable().optional(), no: Id.nullable().optional() })
	.strict();
type Def = z.infer<typeof schema>;

export const ifElse = defineStep<Def, CompiledCondition>({
	kind: 'if_else',
	group: 'workflow',
	title: 'If/Else',
	summary: 'Sends contacts who match the conditions down the Yes path and the others down the No path.',
	plans: { from: 'plus' },
	schema,
	outputs: (d) => [
		{ key: 'yes', label: 'Yes', target: d.yes },
		{ key: 'no', label: 'No', target: d.no }
	],
	validate: (d, v) => v.condition(d.conditions, ['conditions']),
	compile: (d) => compileCondition(d.conditions),
	enter(e, r, s) {
		const { ok, seen } = e.test(s.data, r);
		const i = ok ? 0 : 1;
		s.stats.paths[i]++;
		e.log(r, s, TraceCode.branch, { path: ok ? 'yes' : 'no', seen });
		return s.out[i];
	}
});
