/**
 * Update the deal in context: title, status (open/won/lost), owner, value (and currency), stage,
 * a custom deal field (set a value, copy a contact field, or clear), and the deal score.
 * Without a deal in context the step is skipped ("no_deal").
 */
import { z } from 'zod';
import { FieldValue, Id } from '../schema/common';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';
import type { Deal } from '../world';
import { dealField } from '../conditions/crm';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { COERCE_REASONS, coerceValue } from './coerce';
import { compileValue, fieldSpec, renderFor, renderValue, writeField, type ValueTemplate } from './fields';
import { checkDealField, checkPipeline, checkUser, CRM_PLANS, withDeal } from './crm';
import { adjustScore, checkScoreValue, ScoreOp } from './score';

type Patch = Partial<Pick<Deal, 'title' | 'status' | 'owner' | 'value' | 'currency' | 'pipeline' | 'stage' | 'score'>>;

/** Applies a property patch to the deal in context, logging from/to, or "unchanged". */
function patchDeal(e: Engine, r: number, s: CompiledStep<any, any>, d: Deal, patch: Patch): void {
	const from: Record<string, unknown> = {};
	const to: Record<string, unknown> = {};
	for (const k of Object.keys(patch) as (keyof Patch)[]) {
		if (d[k] === patch[k]) continue;
		from[k] = d[k];
		to[k] = patch[k];
	}
	if (Object.keys(to).length === 0) {
		e.log(r, s, TraceCode.step_skipped, { reason: 'unchanged', deal: d.id });
		return;
	}
	e.world.updateDeal(d, to as Patch, e.now);
	e.log(r, s, TraceCode.step_done, { deal: d.id, from, to });
}

const titleSchema = z
	.object({ ...stepBase, kind: z.literal('deal.update_title'), title: z.string().trim().min(1, 'write the new title'), ...next })
	.strict();

export const updateDealTitle = defineStep<z.infer<typeof titleSchema>, Template>({
	kind: 'deal.update_title',
	group: 'crm',
	title: 'Update deal title',
	summary: 'Changes the title of the deal (personalization allowed).',
	plans: CRM_PLANS,
	schema: titleSchema,
	outputs: linear,
	validate: (d, v) => v.template(d.title, ['title']),
	compile: (d) => compileTemplate(d.title),
	enter: (e, r, s) =>
		withDeal(e, r, s, (d) => {
			const title = renderFor(e, r, s.data).trim();
			if (!title) e.log(r, s, TraceCode.step_skipped, { reason: 'empty_title', deal: d.id });
			else patchDeal(e, r, s, d, { title });
		})
});

const statusSchema = z
	.object({ ...stepBase, kind: z.literal('deal.update_status'), status: z.enum(['open', 'won', 'lost']), ...next })
	.strict();

export const updateDealStatus = defineStep<z.infer<typeof statusSchema>>({
	kind: 'deal.update_status',
	group: 'crm',
	title: 'Update deal status',
	summary: 'Marks the deal open, won or lost.',
	plans: CRM_PLANS,
	schema: statusSchema,
	outputs: linear,
	enter: (e, r, s) => withDeal(e, r, s, (d) => patchDeal(e, r, s, d, { status: s.def.status }))
});

const ownerSchema = z.object({ ...stepBase, kind: z.literal('deal.update_owner'), owner: Id, ...next }).strict();

export const updateDealOwner = defineStep<z.infer<typeof ownerSchema>>({
	kind: 'deal.update_owner',
	group: 'crm',
	title: 'Update deal owner',
	summary: 'Assigns the deal to another team member.',
	plans: CRM_PLANS,
	schema: ownerSchema,
	outputs: linear,
	validate: (d, v) => checkUser(v, d.owner, ['owner']),
	enter: (e, r, s) =>
		withDeal(e, r, s, (d) => {
			if (!e.world.catalog.users.has(s.def.owner)) e.log(r, s, TraceCode.step_skipped, { reason: 'unknown_user', owner: s.def.owner });
			else patchDeal(e, r, s, d, { owner: s.def.owner });
		})
});

const valueSchema = z
	.object({
		...stepBase,
		kind: z.literal('deal.update_value'),
		value: z.number().finite().min(0),
		currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code such as "EUR"').optional(),
		...next
	})
	.strict();

export const updateDealValue = defineStep<z.infer<typeof valueSchema>>({
	kind: 'deal.update_value',
	group: 'crm',
	title: 'Update deal value',
	summary: 'Changes the estimated value of the deal (and optionally its currency).',
	plans: CRM_PLANS,
	schema: valueSchema,
	outputs: linear,
	enter: (e, r, s) => withDeal(e, r, s, (d) => patchDeal(e, r, s, d, s.def.currency ? { value: s.def.value, currency: s.def.currency } : { value: s.def.value }))
});

const stageSchema = z.object({ ...stepBase, kind: z.literal('deal.update_stage'), pipeline: Id, stage: Id, ...next }).strict();

export const updateDealStage = defineStep<z.infer<typeof stageSchema>>({
	kind: 'deal.update_stage',
	group: 'crm',
	title: 'Update deal stage',
	summary: 'Moves the deal to another stage (possibly of another pipeline).',
	plans: CRM_PLANS,
	schema: stageSchema,
	outputs: linear,
	validate: (d, v) => checkPipeline(v, d.pipeline, d.stage),
	enter: (e, r, s) =>
		withDeal(e, r, s, (d) => {
			const p = e.world.catalog.pipelines.get(s.def.pipeline);
			if (!p || !p.stages.some((x) => x.id === s.def.stage)) e.log(r, s, TraceCode.step_skipped, { reason: 'unknown_stage', pipeline: s.def.pipeline, stage: s.def.stage });
			else patchDeal(e, r, s, d, { pipeline: s.def.pipeline, stage: s.def.stage });
		})
});

const fieldSchema = z
	.object({
		...stepBase,
		kind: z.literal('deal.update_field'),
		/** Custom deal field key. */
		field: z.string().min(1, 'choose a deal field'),
		mode: z.enum(['set', 'copy', 'clear']),
		/** "set": the value (text is a personalization template). */
		value: FieldValue.optional(),
		/** "copy": the contact field to copy. */
		from: z.string().min(1).optional(),
		...next
	})
	.strict();
type FieldDef = z.infer<typeof fieldSchema>;

export const updateDealField = defineStep<FieldDef, ValueTemplate | null>({
	kind: 'deal.update_field',
	group: 'crm',
	title: 'Update a custom deal field',
	summary: 'Sets a custom deal field to a value, copies a contact field into it, or clears it.',
	plans: CRM_PLANS,
	schema: fieldSchema,
	outputs: linear,
	validate(d, v) {
		checkDealField(v, d.field, ['field']);
		if (d.mode === 'set') {
			if (d.value === undefined) v.report('deal.field_value_missing', `The step sets deal field "${d.field}" but has no value.`, 'Enter the value to set, or choose "clear".', ['value']);
			else if (typeof d.value === 'string') v.template(d.value, ['value']);
			const spec = v.catalog.dealFields.has(d.field) ? fieldSpec(v.catalog, 'deal', d.field) : null;
			if (spec && d.value !== undefined && compileValue(d.value).tpl === null) {
				const co = coerceValue(spec, d.value, 'UTC');
				if (!co.ok) v.report('deal.field_value', `The value for deal field "${d.field}" ${COERCE_REASONS[co.reason] ?? 'does not fit the field'}.`, 'Enter a value of the field\'s type.', ['value']);
			}
		}
		if (d.mode === 'copy') {
			if (!d.from) v.report('deal.field_from_missing', `The step copies into deal field "${d.field}" but names no contact field.`, 'Pick the contact field to copy.', ['from']);
			else v.field(d.from, ['from']);
		}
	},
	compile: (d) => (d.mode === 'set' && d.value !== undefined ? compileValue(d.value) : null),
	enter: (e, r, s) =>
		withDeal(e, r, s, (d) => {
			const def = s.def;
			const raw = def.mode === 'clear' ? null : def.mode === 'copy' ? e.world.getField(e.contactOf(r), def.from ?? '') : s.data ? renderValue(e, r, s.data) : null;
			const from = dealField(d, def.field);
			const res = writeField(e, r, { source: 'deal', field: def.field }, raw);
			if (!res.ok) e.log(r, s, TraceCode.step_skipped, { reason: res.reason, deal: d.id, value: raw });
			else if (!res.changed) e.log(r, s, TraceCode.step_skipped, { reason: 'unchanged', deal: d.id });
			else e.log(r, s, TraceCode.step_done, { deal: d.id, field: def.field, from, to: res.value });
		})
});

const scoreSchema = z
	.object({ ...stepBase, kind: z.literal('deal.score_adjust'), op: ScoreOp, value: z.number().finite().optional(), ...next })
	.strict();

export const adjustDealScore = defineStep<z.infer<typeof scoreSchema>>({
	kind: 'deal.score_adjust',
	group: 'crm',
	title: 'Adjust deal score',
	summary: 'Adds or subtracts points, sets a value, or resets the deal score to 0.',
	plans: CRM_PLANS,
	schema: scoreSchema,
	outputs: linear,
	validate: checkScoreValue,
	enter: (e, r, s) => withDeal(e, r, s, (d) => patchDeal(e, r, s, d, { score: adjustScore(d.score, s.def.op, s.def.value) }))
});
