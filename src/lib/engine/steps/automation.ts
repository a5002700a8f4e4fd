/** Start an automation / End another automation / End this automation. */
import { z } from 'zod';
import { Id } from '../schema/common';
import { TraceCode } from '../core/trace';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';

const startSchema = z.object({ ...stepBase, kind: z.literal('automation.start'), automation: Id, ...next }).strict();

export const startAutomation = defineStep<z.infer<typeof startSchema>>({
	kind: 'automation.start',
	group: 'workflow',
	title: 'Start an automation',
	summary: 'Enters the contact into another automation, in the same instant.',
	plans: { from: 'professional' },
	schema: startSchema,
	outputs: linear,
	validate(d, v) {
		if (!v.automations.has(d.automation)) v.report('ref.automation', `Automation "${d.automation}" does not exist.`, 'Pick an existing automation.', ['automation']);
	},
	enter(e, r, s) {
		e.enterExplicit(s.def.automation, 'started', e.contactOf(r), { startedBy: s.automation.id });
		e.log(r, s, TraceCode.step_done, { started: s.def.automation });
		return s.out[0];
	}
});

const endOtherSchema = z
	.object({ ...stepBase, kind: z.literal('automation.end_other'), automation: z.union([Id, z.literal('*')]), ...next })
	.strict();

export const endOtherAutomation = defineStep<z.infer<typeof endOtherSchema>>({
	kind: 'automation.end_other',
	group: 'workflow',
	title: 'End another automation',
	summary: 'Removes the contact from one named automation, or from all other automations ("*").',
	plans: { from: 'professional' },
	schema: endOtherSchema,
	outputs: linear,
	validate(d, v) {
		if (d.automation !== '*' && !v.automations.has(d.automation))
			v.report('ref.automation', `Automation "${d.automation}" does not exist.`, 'Pick an existing automation, or "all other automations".', ['automation']);
	},
	enter(e, r, s) {
		const n = e.endRunsOf(e.contactOf(r), s.def.automation === '*' ? '*' : s.def.automation, r, 'ended_by_automation');
		e.log(r, s, TraceCode.step_done, { ended: s.def.automation, runs: n });
		return s.out[0];
	}
});

const endThisSchema = z.object({ ...stepBase, kind: z.literal('automation.end_this') }).strict();

export const endThisAutomation = defineStep<z.infer<typeof endThisSchema>>({
	kind: 'automation.end_this',
	group: 'workflow',
	title: 'End this automation',
	summary: 'Ends the contact\'s journey in this automation here.',
	plans: { from: 'starter' },
	schema: endThisSchema,
	outputs: () => [],
	enter(e, r) {
		return e.complete(r, { reason: 'end_step' });
	}
});
