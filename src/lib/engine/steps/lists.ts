/** Subscribe (status becomes active) / Unsubscribe (status becomes unsubscribed). */
import { z } from 'zod';
import { Id } from '../schema/common';
import { TraceCode } from '../core/trace';
import { defineStep, type ValidateCtx } from './kind';
import { linear, next, stepBase } from './base';

const subSchema = z.object({ ...stepBase, kind: z.literal('list.subscribe'), list: Id, ...next }).strict();
const unsubSchema = z.object({ ...stepBase, kind: z.literal('list.unsubscribe'), list: Id, ...next }).strict();

function checkList(d: { list: string }, v: ValidateCtx) {
	if (!v.catalog.lists.has(d.list)) v.report('ref.list', `List "${d.list}" does not exist.`, 'Pick an existing list or create it first.', ['list']);
}

export const subscribe = defineStep<z.infer<typeof subSchema>>({
	kind: 'list.subscribe',
	group: 'contacts',
	title: 'Subscribe',
	summary: 'Adds the contact to a list with the status "active".',
	plans: { from: 'starter' },
	schema: subSchema,
	outputs: linear,
	validate: checkList,
	enter(e, r, s) {
		const c = e.contactOf(r);
		const from = c.lists[s.def.list] ?? null;
		if (e.world.setListStatus(c, s.def.list, 'active')) e.log(r, s, TraceCode.step_done, { from });
		else e.log(r, s, TraceCode.step_skipped, { reason: 'already_active' });
		return s.out[0];
	}
});

export const unsubscribe = defineStep<z.infer<typeof unsubSchema>>({
	kind: 'list.unsubscribe',
	group: 'contacts',
	title: 'Unsubscribe',
	summary: 'Removes the contact from a list (status "unsubscribed").',
	plans: { from: 'starter' },
	schema: unsubSchema,
	outputs: linear,
	validate: checkList,
	enter(e, r, s) {
		const c = e.contactOf(r);
		const from = c.lists[s.def.list];
		if (from === undefined || from === 'unsubscribed' || from === 'bounced')
			// A bounce is kept: it is stronger than an unsubscription and must not be lost.
			e.log(r, s, TraceCode.step_skipped, { reason: from === 'bounced' ? 'bounced' : from ? 'already_unsubscribed' : 'not_on_list' });
		else {
			e.world.setListStatus(c, s.def.list, 'unsubscribed');
			e.log(r, s, TraceCode.step_done, { from });
		}
		return s.out[0];
	}
});
