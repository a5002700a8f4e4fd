/**
 * Deal tasks and notes: add a task (type, title, due after a delay, assignee: a user, the deal
 * owner, or the owner of the primary contact's account), complete matching open tasks, add a note.
 * Without a deal in context the step is skipped ("no_deal").
 */
import { z } from 'zod';
import { Duration } from '../schema/common';
import { durationMs } from '../core/time';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import type { Engine } from '../engine';
import type { Deal, Task } from '../world';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { renderFor } from './fields';
import { checkUser, CRM_PLANS, withDeal } from './crm';

const addSchema = z
	.object({
		...stepBase,
		kind: z.literal('deal.task_add'),
		type: z.string().trim().min(1, 'choose a task type').default('todo'),
		title: z.string().trim().min(1, 'give the task a title'),
		/** Due this long after the contact reaches the step (absent: no due date). */
		due: Duration.optional(),
		/** A user id, "deal_owner", or "account_owner" (the owner of the primary contact's account). */
		assignee: z.string().min(1).default('deal_owner'),
		...next
	})
	.strict();
type AddDef = z.infer<typeof addSchema>;

/** The user a task goes to, or null when the role has nobody. */
export function taskAssignee(e: Engine, d: Deal, assignee: string): string | null {
	if (assignee === 'deal_owner') return d.owner;
	if (assignee === 'account_owner') {
		const primary = d.contact >= 0 ? e.world.contacts[d.contact] : undefined;
		const accountId = primary?.account ?? d.account;
		return (accountId ? e.world.accounts.get(accountId)?.owner : null) ?? null;
	}
	return e.world.catalog.users.has(assignee) ? assignee : null;
}

export const addDealTask = defineStep<AddDef, Template>({
	kind: 'deal.task_add',
	group: 'crm',
	title: 'Add a deal task',
	summary: 'Creates a task on the deal (type, title, due date, assignee).',
	plans: CRM_PLANS,
	schema: addSchema,
	outputs: linear,
	validate(d, v) {
		v.template(d.title, ['title']);
		if (d.assignee !== 'deal_owner' && d.assignee !== 'account_owner') checkUser(v, d.assignee, ['assignee']);
	},
	compile: (d) => compileTemplate(d.title),
	enter: (e, r, s) =>
		withDeal(e, r, s, (d) => {
			const w = e.world;
			const title = renderFor(e, r, s.data).trim() || s.def.type;
			const assignee = taskAssignee(e, d, s.def.assignee);
			const task: Task = {
				id: w.nextTaskId(),
				type: s.def.type,
				title,
				due: s.def.due ? e.now + durationMs(s.def.due) : null,
				assignee,
				done: false,
				doneAt: null
			};
			w.addDealTask(d, task, e.now);
			e.log(r, s, TraceCode.step_done, { deal: d.id, task: task.id, assignee, ...(assignee === null ? { unassigned: s.def.assignee } : {}) });
		})
});

const completeSchema = z
	.object({
		...stepBase,
		kind: z.literal('deal.task_complete'),
		/** Only tasks of this type (any when absent). */
		type: z.string().trim().min(1).optional(),
		/** Only tasks whose title contains this text, ignoring case (any when absent). */
		title: z.string().trim().min(1).optional(),
		...next
	})
	.strict();
type CompleteDef = z.infer<typeof completeSchema>;

/** Whether an open task matches the step's type and title filters. */
function matches(t: Task, d: CompleteDef): boolean {
	if (t.done) return false;
	if (d.type && t.type.toLowerCase() !== d.type.toLowerCase()) return false;
	if (d.title && !t.title.toLowerCase().includes(d.title.toLowerCase())) return false;
	return true;
}

export const completeDealTask = defineStep<CompleteDef>({
	kind: 'deal.task_complete',
	group: 'crm',
	title: 'Complete a deal task',
	summary: 'Marks the deal\'s open tasks that match a type and/or title as done.',
	plans: CRM_PLANS,
	schema: completeSchema,
	outputs: linear,
	validate(d, v) {
		if (!d.type && !d.title)
			v.report('deal.task_any', 'This step completes every open task of the deal.', 'Set a task type or title to complete only matching tasks.', ['type'], 'warning');
	},
	enter: (e, r, s) =>
		withDeal(e, r, s, (d) => {
			const done: string[] = [];
			for (const t of d.tasks) if (matches(t, s.def) && e.world.completeTask(d, t, e.now)) done.push(t.id);
			if (done.length) e.log(r, s, TraceCode.step_done, { deal: d.id, tasks: done });
			else e.log(r, s, TraceCode.step_skipped, { reason: 'no_matching_task', deal: d.id });
		})
});

const noteSchema = z
	.object({ ...stepBase, kind: z.literal('deal.note_add'), text: z.string().trim().min(1, 'write the note'), ...next })
	.strict();

export const addDealNote = defineStep<z.infer<typeof noteSchema>, Template>({
	kind: 'deal.note_add',
	group: 'crm',
	title: 'Add a deal note',
	summary: 'Adds a note to the deal (personalization allowed).',
	plans: CRM_PLANS,
	schema: noteSchema,
	outputs: linear,
	validate: (d, v) => v.template(d.text, ['text']),
	compile: (d) => compileTemplate(d.text),
	enter: (e, r, s) =>
		withDeal(e, r, s, (d) => {
			const text = renderFor(e, r, s.data).trim();
			if (!text) e.log(r, s, TraceCode.step_skipped, { reason: 'empty_note', deal: d.id });
			else {
				e.world.addDealNote(d, { at: e.now, text, by: `automation:${s.automation.id}` }, e.now);
				e.log(r, s, TraceCode.step_done, { deal: d.id });
			}
		})
});
