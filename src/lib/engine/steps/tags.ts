/** Add a tag / Remove a tag. */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';

const addSchema = z.object({ ...stepBase, kind: z.literal('tag.add'), tag: z.string().min(1, 'choose a tag'), ...next }).strict();
const removeSchema = z.object({ ...stepBase, kind: z.literal('tag.remove'), tag: z.string().min(1, 'choose a tag'), ...next }).strict();

export const addTag = defineStep<z.infer<typeof addSchema>>({
	kind: 'tag.add',
	group: 'contacts',
	title: 'Add a tag',
	summary: 'Applies a tag to the contact.',
	plans: { from: 'starter' },
	schema: addSchema,
	outputs: linear,
	enter(e, r, s) {
		if (e.world.addTag(e.contactOf(r), s.def.tag)) e.log(r, s, TraceCode.step_done);
		else e.log(r, s, TraceCode.step_skipped, { reason: 'already_tagged' });
		return s.out[0];
	}
});

export const removeTag = defineStep<z.infer<typeof removeSchema>>({
	kind: 'tag.remove',
	group: 'contacts',
	title: 'Remove a tag',
	summary: 'Removes a tag from the contact.',
	plans: { from: 'starter' },
	schema: removeSchema,
	outputs: linear,
	enter(e, r, s) {
		if (e.world.removeTag(e.contactOf(r), s.def.tag)) e.log(r, s, TraceCode.step_done);
		else e.log(r, s, TraceCode.step_skipped, { reason: 'not_tagged' });
		return s.out[0];
	}
});
