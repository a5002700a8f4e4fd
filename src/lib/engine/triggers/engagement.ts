/** Triggers on engagement: emails, SMS replies, page visits, events, conversions. */
import { z } from 'zod';
import { Id } from '../schema/common';
import { FieldOp } from '../schema/conditions';
import { FieldValue } from '../schema/common';
import { globMatcher } from '../conditions/activity';
import { compareValue } from '../conditions/values';
import { defineTrigger, triggerBase } from './kind';

function emailTrigger<K extends string>(kind: K, type: 'opened' | 'replied' | 'forwarded', title: string, summary: string) {
	const schema = z.object({ ...triggerBase, kind: z.literal(kind), email: Id.optional() }).strict();
	return defineTrigger<z.infer<typeof schema>>({
		kind,
		group: 'email',
		title,
		summary,
		schema,
		source: { changes: ['activity'] },
		match: (d, ch) => ch.type === 'activity' && ch.activity.type === type && (!d.email || d.email === ch.activity.ref) && {},
		validate: (d, v) => {
			if (d.email && !v.catalog.emails.has(d.email)) v.report('ref.email', `Email "${d.email}" does not exist.`, 'Pick an existing email.', ['email']);
		}
	});
}

export const emailOpened = emailTrigger('email.opened', 'opened', 'Opens/reads an email', 'When a contact opens an email (any email when none is chosen).');
export const emailReplied = emailTrigger('email.replied', 'replied', 'Replies to an email', 'When a contact replies to an email.');
export const emailForwarded = emailTrigger('email.forwarded', 'forwarded', 'Forwards an email', 'When a contact forwards an email.');

export const emailClicked = defineTrigger({
	kind: 'email.clicked',
	group: 'email',
	title: 'Clicks a link in an email',
	summary: 'When a contact clicks a link (optionally a given link pattern) in an email.',
	schema: z.object({ ...triggerBase, kind: z.literal('email.clicked'), email: Id.optional(), link: z.string().optional() }).strict(),
	source: { changes: ['activity'] },
	match: (d, ch) =>
		ch.type === 'activity' &&
		ch.activity.type === 'clicked' &&
		(!d.email || d.email === ch.activity.ref) &&
		(!d.link || (typeof ch.activity.value === 'string' && globMatcher(d.link)(ch.activity.value))) &&
		{}
});

export const smsReplied = defineTrigger({
	kind: 'sms.replied',
	group: 'email',
	title: 'Replies to an SMS',
	summary: 'When a contact replies to an SMS, optionally with text containing a keyword.',
	schema: z.object({ ...triggerBase, kind: z.literal('sms.replied'), contains: z.string().optional() }).strict(),
	source: { changes: ['activity'] },
	match: (d, ch) =>
		ch.type === 'activity' &&
		ch.activity.type === 'sms_replied' &&
		(!d.contains || String(ch.activity.value ?? '').toLowerCase().includes(d.contains.toLowerCase())) &&
		{}
});

export const pageVisited = defineTrigger({
	kind: 'page.visited',
	group: 'web',
	title: 'Visits a web page',
	summary: 'When a tracked contact visits a URL matching the pattern (* is a wildcard).',
	schema: z.object({ ...triggerBase, kind: z.literal('page.visited'), url: z.string().min(1) }).strict(),
	source: { changes: ['activity'] },
	match: (d, ch) => ch.type === 'activity' && ch.activity.type === 'visited' && globMatcher(d.url)(ch.activity.ref) && {}
});

export const eventRecorded = defineTrigger({
	kind: 'event.recorded',
	group: 'web',
	title: 'Event is recorded',
	summary: 'When an event with this name is recorded for the contact, optionally with a value condition.',
	schema: z
		.object({
			...triggerBase,
			kind: z.literal('event.recorded'),
			name: z.string().min(1),
			value: z.object({ op: FieldOp, value: FieldValue.optional() }).strict().optional()
		})
		.strict(),
	source: { changes: ['activity'] },
	match: (d, ch) =>
		ch.type === 'activity' &&
		ch.activity.type === 'event' &&
		ch.activity.ref === d.name &&
		(!d.value || compareValue(d.value.op, ch.activity.value ?? null, d.value.value, undefined, ch.activity.at, 'UTC')) &&
		{}
});

export const conversionMade = defineTrigger({
	kind: 'conversion.made',
	group: 'web',
	title: 'Makes a conversion',
	summary: 'When the contact makes a conversion (any conversion when none is chosen).',
	schema: z.object({ ...triggerBase, kind: z.literal('conversion.made'), conversion: Id.optional() }).strict(),
	source: { changes: ['activity'] },
	match: (d, ch) => ch.type === 'activity' && ch.activity.type === 'conversion' && (!d.conversion || d.conversion === ch.activity.ref) && {},
	validate: (d, v) => {
		if (d.conversion && !v.catalog.conversions.has(d.conversion))
			v.report('ref.conversion', `Conversion "${d.conversion}" does not exist.`, 'Pick an existing conversion.', ['conversion']);
	}
});
