/** Adjust contact score: adds or subtracts points, sets a value, or resets to 0 in a scoring model. */
import { z } from 'zod';
import { Id } from '../schema/common';
import { TraceCode } from '../core/trace';
import { defineStep, type ValidateCtx } from './kind';
import { linear, next, stepBase } from './base';

/** How a score changes. */
export const ScoreOp = z.enum(['add', 'subtract', 'set', 'reset']);
export type ScoreOp = z.infer<typeof ScoreOp>;

/** The score after applying `op` with `value` to `current`. */
export function adjustScore(current: number, op: ScoreOp, value: number | undefined): number {
	const v = value ?? 0;
	switch (op) {
		case 'add':
			return current + v;
		case 'subtract':
			return current - v;
		case 'set':
			return v;
		case 'reset':
			return 0;
	}
}

/** Reports a missing amount for operations that need one. */
export function checkScoreValue(d: { op: ScoreOp; value?: number }, v: ValidateCtx): void {
	if (d.op !== 'reset' && d.value === undefined)
		v.report('score.value_missing', `The score operation "${d.op}" needs a number of points.`, 'Enter how many points to add, subtract or set.', ['value']);
}

const schema = z
	.object({
		...stepBase,
		kind: z.literal('score.adjust'),
		model: Id,
		op: ScoreOp,
		value: z.number().finite().optional(),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;

export const adjustContactScore = defineStep<Def>({
	kind: 'score.adjust',
	group: 'contacts',
	title: 'Adjust contact score',
	summary: 'Adds or subtracts points, sets a value, or resets the contact\'s score to 0.',
	plans: { from: 'plus' },
	schema,
	outputs: linear,
	validate(d, v) {
		const m = v.catalog.scoring.get(d.model);
		if (!m) v.report('ref.score', `Scoring model "${d.model}" does not exist.`, 'Pick an existing scoring model or create it in the scoring settings.', ['model']);
		else if (m.target !== 'contact')
			v.report('ref.score_target', `Scoring model "${m.name}" scores deals, not contacts.`, 'Pick a contact scoring model, or use "Adjust deal score".', ['model']);
		checkScoreValue(d, v);
	},
	enter(e, r, s) {
		const c = e.contactOf(r);
		const from = c.scores[s.def.model] ?? 0;
		const to = adjustScore(from, s.def.op, s.def.value);
		if (e.world.setScore(c, s.def.model, to)) e.log(r, s, TraceCode.step_done, { from, to });
		else e.log(r, s, TraceCode.step_skipped, { reason: 'unchanged', score: from });
		return s.out[0];
	}
});
