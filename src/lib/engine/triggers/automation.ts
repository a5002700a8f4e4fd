/** Triggers from other automations and from people: goals, "Start an automation", manual adds. */
import { z } from 'zod';
import { Id } from '../schema/common';
import { defineTrigger, triggerBase } from './kind';
import type { ValidateCtx } from '../steps/kind';

function checkGoal(d: { automation?: string; goal?: string }, v: ValidateCtx) {
	if (!d.automation) return;
	const a = v.automations.get(d.automation);
	if (!a) v.report('ref.automation', `Automation "${d.automation}" does not exist.`, 'Pick an existing automation.', ['automation']);
	else if (d.goal && !a.goals.has(d.goal))
		v.report('ref.goal', `Automation "${a.name}" has no goal "${d.goal}".`, 'Pick one of that automation\'s goal steps.', ['goal']);
}

export const goalAchieved = defineTrigger({
	kind: 'goal.achieved',
	group: 'automation',
	title: 'Goal is achieved',
	summary: 'When a contact achieves a goal in another automation (any goal of it when none is chosen).',
	schema: z.object({ ...triggerBase, kind: z.literal('goal.achieved'), automation: Id.optional(), goal: Id.optional() }).strict(),
	source: { changes: ['goal.achieved'] },
	match: (d, ch) =>
		ch.type === 'goal.achieved' && (!d.automation || d.automation === ch.automation) && (!d.goal || d.goal === ch.goal) && {},
	validate: (d, v) => checkGoal(d, v)
});

export const goalSkipped = defineTrigger({
	kind: 'goal.skipped',
	group: 'automation',
	title: 'Goal is skipped',
	summary: 'When a contact reaches a goal of another automation without meeting it.',
	schema: z.object({ ...triggerBase, kind: z.literal('goal.skipped'), automation: Id.optional(), goal: Id.optional() }).strict(),
	source: { changes: ['goal.skipped'] },
	match: (d, ch) =>
		ch.type === 'goal.skipped' && (!d.automation || d.automation === ch.automation) && (!d.goal || d.goal === ch.goal) && {},
	validate: (d, v) => checkGoal(d, v)
});

export const startedByAutomation = defineTrigger({
	kind: 'automation.started',
	group: 'automation',
	title: 'Started by another automation',
	summary: 'When another automation\'s "Start an automation" step enters the contact (optionally only from one automation).',
	schema: z.object({ ...triggerBase, kind: z.literal('automation.started'), from: Id.optional() }).strict(),
	source: { explicit: 'started' }
});

export const addedManually = defineTrigger({
	kind: 'manual',
	group: 'automation',
	title: 'Added manually',
	summary: 'When someone adds contacts by hand, in bulk from the contact list or a segment.',
	schema: z.object({ ...triggerBase, kind: z.literal('manual') }).strict(),
	source: { explicit: 'manual' }
});
