/** The workspace data of the portable format: contacts, lists, fields, CRM records and content. */
import { z } from 'zod';
import { FieldValue, Id, Instant, isValidZone } from './common';

/** Custom field types of contacts, deals and accounts. */
export const FieldType = z.enum(['text', 'textarea', 'number', 'date', 'datetime', 'dropdown', 'multiselect', 'checkbox']);
export type FieldType = z.infer<typeof FieldType>;

export const FieldDef = z
	.object({
		key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case, starting with a letter'),
		label: z.string().min(1),
		type: FieldType,
		options: z.array(z.string()).optional()
	})
	.strict();
export type FieldDef = z.infer<typeof FieldDef>;

export const ListStatus = z.enum(['active', 'unsubscribed', 'bounced', 'unconfirmed']);
export type ListStatus = z.infer<typeof ListStatus>;

const Zone = z.string().refine(isValidZone, 'must be an IANA time zone such as "Europe/Paris"');

/** Recorded engagement and behaviour (read by action, site, event and conversion conditions). */
export const ActivityDef = z
	.object({
		at: Instant,
		type: z.enum(['received', 'opened', 'clicked', 'replied', 'forwarded', 'submitted_form', 'sms_replied', 'visited', 'event', 'conversion']),
		/** Email, form, URL, event or conversion id. */
		ref: z.string(),
		value: z.union([z.string(), z.number()]).optional(),
		variant: z.string().optional()
	})
	.strict();
export type ActivityDef = z.infer<typeof ActivityDef>;

export const ContactDef = z
	.object({
		id: Id,
		email: z.string().optional(),
		phone: z.string().optional(),
		firstName: z.string().optional(),
		lastName: z.string().optional(),
		timeZone: Zone.optional(),
		/** Consent to SMS and to site tracking (site messages). */
		smsConsent: z.boolean().optional(),
		siteTracking: z.boolean().optional(),
		fields: z.record(z.string(), FieldValue).optional(),
		tags: z.array(z.string().min(1)).optional(),
		lists: z.record(Id, ListStatus).optional(),
		scores: z.record(Id, z.number()).optional(),
		account: Id.optional(),
		createdAt: Instant.optional(),
		notes: z.array(z.lazy(() => NoteDef)).optional(),
		/** Engagement history, oldest first. */
		activity: z.array(ActivityDef).optional()
	})
	.strict();
export type ContactDef = z.infer<typeof ContactDef>;

export const UserDef = z.object({ id: Id, name: z.string().min(1), email: z.string().min(3) }).strict();
export type UserDef = z.infer<typeof UserDef>;

export const ListDef = z.object({ id: Id, name: z.string().min(1) }).strict();
export type ListDef = z.infer<typeof ListDef>;

export const ScoringModelDef = z.object({ id: Id, name: z.string().min(1), target: z.enum(['contact', 'deal']).default('contact') }).strict();
export type ScoringModelDef = z.infer<typeof ScoringModelDef>;

export const PipelineDef = z
	.object({
		id: Id,
		name: z.string().min(1),
		stages: z.array(z.object({ id: Id, name: z.string().min(1) }).strict()).min(1, 'needs at least one stage')
	})
	.strict();
export type PipelineDef = z.infer<typeof PipelineDef>;

export const TaskDef = z
	.object({
		id: Id,
		type: z.string().default('todo'),
		title: z.string(),
		due: Instant.optional(),
		assignee: Id.optional(),
		done: z.boolean().default(false),
		doneAt: Instant.optional()
	})
	.strict();
export type TaskDef = z.infer<typeof TaskDef>;

export const NoteDef = z.object({ at: Instant, text: z.string(), by: z.string().optional() }).strict();
export type NoteDef = z.infer<typeof NoteDef>;

export const DealDef = z
	.object({
		id: Id,
		contact: Id.optional(),
		account: Id.optional(),
		pipeline: Id,
		stage: Id,
		title: z.string().min(1),
		value: z.number().default(0),
		currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code').default('USD'),
		owner: Id.optional(),
		status: z.enum(['open', 'won', 'lost']).default('open'),
		score: z.number().default(0),
		fields: z.record(z.string(), FieldValue).optional(),
		tasks: z.array(TaskDef).optional(),
		notes: z.array(NoteDef).optional(),
		createdAt: Instant.optional()
	})
	.strict();
export type DealDef = z.infer<typeof DealDef>;

export const AccountDef = z
	.object({
		id: Id,
		name: z.string().min(1),
		owner: Id.optional(),
		fields: z.record(z.string(), FieldValue).optional(),
		notes: z.array(NoteDef).optional()
	})
	.strict();
export type AccountDef = z.infer<typeof AccountDef>;

/** An email template / automated campaign. Bodies are HTML; personalization tags allowed. */
export const EmailDef = z
	.object({
		id: Id,
		name: z.string().min(1),
		subject: z.string(),
		preheader: z.string().optional(),
		body: z.string(),
		fromName: z.string().optional(),
		fromEmail: z.string().optional()
	})
	.strict();
export type EmailDef = z.infer<typeof EmailDef>;

export const ConversionDef = z.object({ id: Id, name: z.string().min(1), value: z.number().optional() }).strict();
export type ConversionDef = z.infer<typeof ConversionDef>;

export const FormDef = z.object({ id: Id, name: z.string().min(1) }).strict();
export type FormDef = z.infer<typeof FormDef>;

/** Plan tiers of the source's table, and add-on modules. */
export const PlanTier = z.enum(['starter', 'plus', 'professional', 'enterprise']);
export type PlanTier = z.infer<typeof PlanTier>;
export const Addon = z.enum(['pipelines', 'sales_engagement', 'sms', 'transactional_email']);
export type Addon = z.infer<typeof Addon>;
export const PlanDef = z.object({ tier: PlanTier, addons: z.array(Addon).default([]) }).strict();
export type PlanDef = z.infer<typeof PlanDef>;
