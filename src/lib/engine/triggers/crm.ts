/** Triggers on deals: enters a pipeline, stage changes, status changes, task completed. */
import { z } from 'zod';
import { Id } from '../schema/common';
import { defineTrigger, triggerBase } from './kind';
import type { ValidateCtx } from '../steps/kind';

function checkPipeline(d: { pipeline?: string; stage?: string; from?: string; to?: string }, v: ValidateCtx, stageKeys: ('stage' | 'from' | 'to')[]) {
	if (!d.pipeline) return;
	const p = v.catalog.pipelines.get(d.pipeline);
	if (!p) {
		v.report('ref.pipeline', `Pipeline "${d.pipeline}" does not exist.`, 'Pick an existing pipeline.', ['pipeline']);
		return;
	}
	for (const k of stageKeys) {
		const s = d[k];
		if (s && !p.stages.some((x) => x.id === s))
			v.report('ref.stage', `Stage "${s}" is not in pipeline "${p.name}".`, 'Pick a stage of the chosen pipeline.', [k]);
	}
}

export const dealEnteredPipeline = defineTrigger({
	kind: 'deal.entered_pipeline',
	group: 'crm',
	title: 'Deal enters a pipeline',
	summary: 'When a deal of the contact is created in (or moved into) the pipeline, optionally at a stage.',
	schema: z.object({ ...triggerBase, kind: z.literal('deal.entered_pipeline'), pipeline: Id.optional(), stage: Id.optional() }).strict(),
	source: { changes: ['deal.created', 'deal.stage_changed'] },
	match: (d, ch, w) => {
		if (ch.type !== 'deal.created' && ch.type !== 'deal.stage_changed') return false;
		const deal = w.deals.get(ch.deal);
		if (!deal) return false;
		if (ch.type === 'deal.stage_changed' && ch.fromPipeline === deal.pipeline) return false;
		if (d.pipeline && deal.pipeline !== d.pipeline) return false;
		if (d.stage && deal.stage !== d.stage) return false;
		return { deal: deal.id };
	},
	validate: (d, v) => checkPipeline(d, v, ['stage'])
});

export const dealStageChanged = defineTrigger({
	kind: 'deal.stage_changed',
	group: 'crm',
	title: 'Deal stage changes',
	summary: 'When a deal moves to another stage, optionally from and/or to given stages.',
	schema: z
		.object({ ...triggerBase, kind: z.literal('deal.stage_changed'), pipeline: Id.optional(), from: Id.optional(), to: Id.optional() })
		.strict(),
	source: { changes: ['deal.stage_changed'] },
	match: (d, ch, w) => {
		if (ch.type !== 'deal.stage_changed') return false;
		const deal = w.deals.get(ch.deal);
		if (!deal) return false;
		if (d.pipeline && deal.pipeline !== d.pipeline) return false;
		if (d.from && ch.from !== d.from) return false;
		if (d.to && ch.to !== d.to) return false;
		return { deal: deal.id };
	},
	validate: (d, v) => checkPipeline(d, v, ['from', 'to'])
});

export const dealStatusChanged = defineTrigger({
	kind: 'deal.status_changed',
	group: 'crm',
	title: 'Deal status changes',
	summary: 'When a deal becomes open, won or lost.',
	schema: z
		.object({ ...triggerBase, kind: z.literal('deal.status_changed'), pipeline: Id.optional(), to: z.enum(['open', 'won', 'lost']).optional() })
		.strict(),
	source: { changes: ['deal.status_changed'] },
	match: (d, ch, w) => {
		if (ch.type !== 'deal.status_changed') return false;
		const deal = w.deals.get(ch.deal);
		if (!deal) return false;
		if (d.pipeline && deal.pipeline !== d.pipeline) return false;
		if (d.to && ch.to !== d.to) return false;
		return { deal: deal.id };
	},
	validate: (d, v) => checkPipeline(d, v, [])
});

export const dealTaskCompleted = defineTrigger({
	kind: 'deal.task_completed',
	group: 'crm',
	title: 'Deal task is completed',
	summary: 'When a task of one of the contact\'s deals is marked done, optionally of a given type.',
	schema: z
		.object({ ...triggerBase, kind: z.literal('deal.task_completed'), pipeline: Id.optional(), taskType: z.string().optional() })
		.strict(),
	source: { changes: ['deal.task_completed'] },
	match: (d, ch, w) => {
		if (ch.type !== 'deal.task_completed') return false;
		const deal = w.deals.get(ch.deal);
		if (!deal) return false;
		if (d.pipeline && deal.pipeline !== d.pipeline) return false;
		if (d.taskType && ch.taskType !== d.taskType) return false;
		return { deal: deal.id };
	},
	validate: (d, v) => checkPipeline(d, v, [])
});
