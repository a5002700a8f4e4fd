/**
 * Add a deal: creates a deal for the contact (pipeline, stage, title, value, currency, owner,
 * custom fields). The new deal becomes the deal in context of the run and announces itself to
 * deal triggers.
 */
import { z } from 'zod';
import { FieldValue, Id } from '../schema/common';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import type { Deal } from '../world';
import type { FieldValue as Value } from '../core/values';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { COERCE_REASONS, coerceValue } from './coerce';
import { compileValue, fieldSpec, renderFor, renderValue, zoneOfRun, type ValueTemplate } from './fields';
import { checkDealField, checkPipeline, checkUser, CRM_PLANS } from './crm';

const schema = z
	.object({
		...stepBase,
		kind: z.literal('deal.add'),
		pipeline: Id,
		/** Stage id; absent = the pipeline's first stage. */
		stage: Id.optional(),
		title: z.string().trim().min(1, 'give the deal a title'),
		value: z.number().finite().min(0).default(0),
		currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code such as "EUR"').default('USD'),
		owner: Id.optional(),
		/** Custom deal fields; text values are personalization templates. */
		fields: z.record(z.string(), FieldValue).optional(),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;
type Data = { title: Template; fields: [string, ValueTemplate][] };

export const addDeal = defineStep<Def, Data>({
	kind: 'deal.add',
	group: 'crm',
	title: 'Add a deal',
	summary: 'Creates a deal for the contact (pipeline, stage, title, value, currency, owner).',
	plans: CRM_PLANS,
	schema,
	outputs: linear,
	validate(d, v) {
		checkPipeline(v, d.pipeline, d.stage);
		if (d.owner) checkUser(v, d.owner, ['owner']);
		v.template(d.title, ['title']);
		for (const [k, value] of Object.entries(d.fields ?? {})) {
			const path = ['fields', k];
			checkDealField(v, k, path);
			if (typeof value === 'string') v.template(value, path);
			const spec = fieldSpec(v.catalog, 'deal', k);
			if (spec && compileValue(value).tpl === null && v.catalog.dealFields.has(k)) {
				const co = coerceValue(spec, value, 'UTC');
				if (!co.ok) v.report('deal.field_value', `The value for deal field "${k}" ${COERCE_REASONS[co.reason] ?? 'does not fit the field'}.`, 'Enter a value of the field\'s type.', path);
			}
		}
	},
	compile: (d) => ({ title: compileTemplate(d.title), fields: Object.entries(d.fields ?? {}).map(([k, v]) => [k, compileValue(v)]) }),
	enter(e, r, s) {
		const w = e.world;
		const c = e.contactOf(r);
		const def = s.def;
		const pipeline = w.catalog.pipelines.get(def.pipeline);
		const stage = def.stage ?? pipeline?.stages[0]?.id;
		if (!pipeline || !stage || !pipeline.stages.some((x) => x.id === stage)) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'pipeline_missing', pipeline: def.pipeline });
			return s.out[0];
		}
		const fields: Record<string, Value> = {};
		const zone = zoneOfRun(e, r);
		for (const [k, tv] of s.data.fields) {
			const spec = fieldSpec(w.catalog, 'deal', k);
			const raw = renderValue(e, r, tv);
			const co = spec ? coerceValue(spec, raw, zone) : ({ ok: false, reason: 'unknown_field' } as const);
			if (!co.ok) e.log(r, s, TraceCode.step_skipped, { field: k, reason: co.reason, value: raw });
			else if (co.value !== null) fields[k] = co.value;
		}
		const title = renderFor(e, r, s.data.title).trim() || [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.id;
		const owner = def.owner && w.catalog.users.has(def.owner) ? def.owner : null;
		const deal: Deal = {
			id: w.nextDealId(),
			contact: c.idx,
			account: c.account,
			pipeline: pipeline.id,
			stage,
			title,
			value: def.value,
			currency: def.currency,
			owner,
			status: 'open',
			score: 0,
			fields,
			tasks: [],
			notes: [],
			createdAt: e.now,
			updatedAt: e.now
		};
		const x = e.runs.x(r);
		x.dealId = deal.id;
		e.runs.touch(r);
		w.insertDeal(deal, true);
		e.log(r, s, TraceCode.step_done, { deal: deal.id });
		return s.out[0];
	}
});
