/** The portable files: a workspace, and a scenario that runs a script against a workspace. */
import { z } from 'zod';
import { FieldValue, Id, Instant, isValidZone } from './common';
import {
	AccountDef,
	ContactDef,
	ConversionDef,
	DealDef,
	EmailDef,
	FieldDef,
	FormDef,
	ListDef,
	PipelineDef,
	PlanDef,
	ScoringModelDef,
	UserDef
} from './workspace';
import { AutomationDef } from './automation';

/** Current version of the file format. */
export const FORMAT_VERSION = 1;

export const WorkspaceFile = z
	.object({
		format: z.literal('journey-studio/workspace'),
		version: z.literal(FORMAT_VERSION),
		name: z.string().min(1),
		/** Zone for contacts without one. */
		timeZone: z.string().refine(isValidZone, 'must be an IANA time zone such as "Europe/Paris"').default('UTC'),
		plan: PlanDef.optional(),
		fields: z.array(FieldDef).default([]),
		dealFields: z.array(FieldDef).default([]),
		accountFields: z.array(FieldDef).default([]),
		lists: z.array(ListDef).default([]),
		tags: z.array(z.string().min(1)).default([]),
		scoring: z.array(ScoringModelDef).default([]),
		users: z.array(UserDef).default([]),
		pipelines: z.array(PipelineDef).default([]),
		accounts: z.array(AccountDef).default([]),
		contacts: z.array(ContactDef).default([]),
		deals: z.array(DealDef).default([]),
		emails: z.array(EmailDef).default([]),
		conversions: z.array(ConversionDef).default([]),
		forms: z.array(FormDef).default([]),
		/** Addresses and phone numbers that must not receive marketing (normalised). */
		suppressions: z
			.array(z.object({ address: z.string().min(1), reason: z.enum(['unsubscribed', 'bounced', 'complained', 'stop']) }).strict())
			.default([]),
		automations: z.array(AutomationDef).default([])
	})
	.strict();
export type WorkspaceFile = z.infer<typeof WorkspaceFile>;

const contact = { contact: Id };
const when = {
	/** Absolute instant, or an offset from the scenario start ("+2d 3h"). */
	at: z.string().min(1)
};

/** One scripted external event (the `event` names match engine inputs). */
export const ScriptEvent = z.discriminatedUnion('event', [
	z.object({ ...when, event: z.literal('contact.upserted'), data: ContactDef, announce: z.boolean().optional() }).strict(),
	z.object({ ...when, event: z.literal('contact.deleted'), ...contact }).strict(),
	z.object({ ...when, event: z.literal('tag.added'), ...contact, tag: z.string().min(1) }).strict(),
	z.object({ ...when, event: z.literal('tag.removed'), ...contact, tag: z.string().min(1) }).strict(),
	z.object({ ...when, event: z.literal('field.changed'), ...contact, field: z.string().min(1), value: FieldValue }).strict(),
	z.object({ ...when, event: z.literal('list.subscribed'), ...contact, list: Id }).strict(),
	z.object({ ...when, event: z.literal('list.unsubscribed'), ...contact, list: Id }).strict(),
	z.object({ ...when, event: z.literal('email.opened'), ...contact, email: Id.optional(), variant: z.string().optional() }).strict(),
	z.object({ ...when, event: z.literal('email.clicked'), ...contact, email: Id.optional(), link: z.string(), variant: z.string().optional() }).strict(),
	z.object({ ...when, event: z.literal('email.replied'), ...contact, email: Id.optional() }).strict(),
	z.object({ ...when, event: z.literal('email.forwarded'), ...contact, email: Id.optional() }).strict(),
	z.object({ ...when, event: z.literal('email.bounced'), ...contact }).strict(),
	z.object({ ...when, event: z.literal('email.complained'), ...contact }).strict(),
	z.object({ ...when, event: z.literal('form.submitted'), ...contact, form: Id, fields: z.record(z.string(), FieldValue).optional() }).strict(),
	z.object({ ...when, event: z.literal('page.visited'), ...contact, url: z.string().min(1) }).strict(),
	z.object({ ...when, event: z.literal('event.recorded'), ...contact, name: z.string().min(1), value: z.union([z.string(), z.number()]).optional() }).strict(),
	z.object({ ...when, event: z.literal('conversion.made'), ...contact, conversion: Id, value: z.number().optional() }).strict(),
	z.object({ ...when, event: z.literal('sms.replied'), ...contact, text: z.string() }).strict(),
	z
		.object({ ...when, event: z.literal('score.adjusted'), ...contact, model: Id, op: z.enum(['add', 'subtract', 'set', 'reset']), value: z.number().optional() })
		.strict(),
	z.object({ ...when, event: z.literal('deal.created'), deal: DealDef }).strict(),
	z
		.object({
			...when,
			event: z.literal('deal.updated'),
			deal: Id,
			changes: z
				.object({
					title: z.string().optional(),
					value: z.number().optional(),
					currency: z.string().optional(),
					owner: Id.nullable().optional(),
					pipeline: Id.optional(),
					stage: Id.optional(),
					status: z.enum(['open', 'won', 'lost']).optional(),
					score: z.number().optional(),
					fields: z.record(z.string(), FieldValue).optional()
				})
				.strict()
		})
		.strict(),
	z.object({ ...when, event: z.literal('deal.task_completed'), deal: Id, task: Id }).strict(),
	z.object({ ...when, event: z.literal('account.updated'), account: AccountDef }).strict(),
	z.object({ ...when, event: z.literal('contacts.added'), automation: Id, contacts: z.union([z.array(Id), z.literal('*')]) }).strict(),
	z.object({ ...when, event: z.literal('automation.status_changed'), automation: Id, status: z.enum(['active', 'inactive']) }).strict(),
	z.object({ ...when, event: z.literal('clock.advanced') }).strict()
]);
export type ScriptEvent = z.infer<typeof ScriptEvent>;

/** How the scenario runner answers effects that return a result (AI prompts, connectors). */
export const Responder = z
	.object({
		/** Effect kind to answer (e.g. "ai.prompt"), optionally restricted to one step. */
		kind: z.string().min(1),
		step: Id.optional(),
		/** Answer after this long ("+2s", "+1m"); default immediately. */
		after: z.string().optional(),
		ok: z.boolean().default(true),
		/** Result value; "{input}" is replaced by the effect's input text. */
		value: z.string().optional(),
		error: z.string().optional()
	})
	.strict();
export type Responder = z.infer<typeof Responder>;

/** An expectation checked after the run. */
export const Expectation = z.union([
	z
		.object({
			contact: Id,
			hasTag: z.string().optional(),
			lacksTag: z.string().optional(),
			field: z.object({ name: z.string(), equals: FieldValue }).strict().optional(),
			list: z.object({ id: Id, status: z.enum(['active', 'unsubscribed', 'bounced', 'unconfirmed']).nullable() }).strict().optional(),
			score: z.object({ model: Id, equals: z.number() }).strict().optional(),
			waitingAt: z.object({ automation: Id, step: Id }).strict().optional(),
			status: z.object({ automation: Id, is: z.enum(['waiting', 'completed', 'exited', 'never_entered']) }).strict().optional(),
			received: z.object({ kind: z.string().optional(), count: z.number().int().min(0) }).strict().optional()
		})
		.strict(),
	z
		.object({
			step: z.string().regex(/^[^/]+\/[^/]+$/, 'must be "automation/step"'),
			entered: z.number().int().optional(),
			waiting: z.number().int().optional(),
			completed: z.number().int().optional()
		})
		.strict(),
	z
		.object({
			outbox: z
				.object({ kind: z.string().optional(), to: z.string().optional(), step: z.string().optional(), count: z.number().int().min(0) })
				.strict()
		})
		.strict()
]);
export type Expectation = z.infer<typeof Expectation>;

export const ScenarioFile = z
	.object({
		format: z.literal('journey-studio/scenario'),
		version: z.literal(FORMAT_VERSION),
		name: z.string().min(1),
		description: z.string().optional(),
		start: Instant,
		seed: z.number().int().default(1),
		/** Record the trace (default true). */
		trace: z.boolean().default(true),
		workspace: WorkspaceFile,
		script: z.array(ScriptEvent).default([]),
		responders: z.array(Responder).default([]),
		/** Run the clock until this instant or offset after the last scripted event. */
		until: z.string().min(1),
		expect: z.array(Expectation).default([])
	})
	.strict();
export type ScenarioFile = z.infer<typeof ScenarioFile>;
