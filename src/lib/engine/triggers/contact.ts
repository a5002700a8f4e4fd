/** Triggers on contact data: lists, tags, fields, scores, forms. */
import { z } from 'zod';
import { FieldValue, Id } from '../schema/common';
import { defineTrigger, triggerBase } from './kind';
import { sameValue } from '../world';

export const listSubscribed = defineTrigger({
	kind: 'list.subscribed',
	group: 'contacts',
	title: 'Subscribes to a list',
	summary: 'When a contact becomes active on a list (any list when none is chosen).',
	schema: z.object({ ...triggerBase, kind: z.literal('list.subscribed'), list: Id.optional() }).strict(),
	source: { changes: ['list.status_changed'] },
	match: (d, ch) => ch.type === 'list.status_changed' && ch.to === 'active' && ch.from !== 'active' && (!d.list || d.list === ch.list) && {},
	validate: (d, v) => {
		if (d.list && !v.catalog.lists.has(d.list)) v.report('ref.list', `List "${d.list}" does not exist.`, 'Pick an existing list or create it first.', ['list']);
	}
});

export const listUnsubscribed = defineTrigger({
	kind: 'list.unsubscribed',
	group: 'contacts',
	title: 'Unsubscribes from a list',
	summary: 'When a contact unsubscribes from a list (any list when none is chosen). A bounce is not an unsubscription.',
	schema: z.object({ ...triggerBase, kind: z.literal('list.unsubscribed'), list: Id.optional() }).strict(),
	source: { changes: ['list.status_changed'] },
	match: (d, ch) =>
		ch.type === 'list.status_changed' && ch.from === 'active' && ch.to === 'unsubscribed' && (!d.list || d.list === ch.list) && {},
	validate: (d, v) => {
		if (d.list && !v.catalog.lists.has(d.list)) v.report('ref.list', `List "${d.list}" does not exist.`, 'Pick an existing list or create it first.', ['list']);
	}
});

export const formSubmitted = defineTrigger({
	kind: 'form.submitted',
	group: 'contacts',
	title: 'Submits a form',
	summary: 'When a contact submits a form (any form when none is chosen).',
	schema: z.object({ ...triggerBase, kind: z.literal('form.submitted'), form: Id.optional() }).strict(),
	source: { changes: ['activity'] },
	match: (d, ch) => ch.type === 'activity' && ch.activity.type === 'submitted_form' && (!d.form || d.form === ch.activity.ref) && {}
});

export const tagAdded = defineTrigger({
	kind: 'tag.added',
	group: 'contacts',
	title: 'Tag is added',
	summary: 'When the tag is applied to a contact.',
	schema: z.object({ ...triggerBase, kind: z.literal('tag.added'), tag: z.string().min(1) }).strict(),
	source: { changes: ['tag.added'] },
	match: (d, ch) => ch.type === 'tag.added' && ch.tag.toLowerCase() === d.tag.toLowerCase() && {}
});

export const tagRemoved = defineTrigger({
	kind: 'tag.removed',
	group: 'contacts',
	title: 'Tag is removed',
	summary: 'When the tag is removed from a contact.',
	schema: z.object({ ...triggerBase, kind: z.literal('tag.removed'), tag: z.string().min(1) }).strict(),
	source: { changes: ['tag.removed'] },
	match: (d, ch) => ch.type === 'tag.removed' && ch.tag.toLowerCase() === d.tag.toLowerCase() && {}
});

export const fieldChanged = defineTrigger({
	kind: 'field.changed',
	group: 'contacts',
	title: 'Field changes',
	summary: 'When a contact field changes, optionally from and/or to a given value.',
	schema: z
		.object({ ...triggerBase, kind: z.literal('field.changed'), field: z.string().min(1), from: FieldValue.optional(), to: FieldValue.optional() })
		.strict(),
	source: { changes: ['field.changed'] },
	match: (d, ch) =>
		ch.type === 'field.changed' &&
		ch.field === d.field &&
		(d.from === undefined || looseEq(ch.from, d.from)) &&
		(d.to === undefined || looseEq(ch.to, d.to)) &&
		{},
	validate: (d, v) => v.field(d.field, ['field'])
});

export const scoreChanged = defineTrigger({
	kind: 'score.changed',
	group: 'contacts',
	title: 'Score changes',
	summary: 'When a contact score crosses a threshold going up ("above") or down ("below").',
	schema: z
		.object({ ...triggerBase, kind: z.literal('score.changed'), model: Id, direction: z.enum(['above', 'below']), threshold: z.number() })
		.strict(),
	source: { changes: ['score.changed'] },
	match: (d, ch) =>
		ch.type === 'score.changed' &&
		ch.model === d.model &&
		(d.direction === 'above' ? ch.from < d.threshold && ch.to >= d.threshold : ch.from >= d.threshold && ch.to < d.threshold) &&
		{},
	validate: (d, v) => {
		if (!v.catalog.scoring.has(d.model)) v.report('ref.score', `Scoring model "${d.model}" does not exist.`, 'Pick an existing scoring model.', ['model']);
	}
});

function looseEq(a: unknown, b: unknown): boolean {
	if (sameValue(a as never, b as never)) return true;
	return String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
}
