/**
 * The segment builder's conditions: nested `all` / `any` groups over leaves of one family each.
 * One schema for if/else, conditional waits, goals, trigger filters, splits and saved segments.
 */
import { z } from 'zod';
import { CmpOp, Duration, FieldValue, Id, TimeOfDay, ZoneRef } from './common';

/** Operators on a field value (text, number, date, list values). */
export const FieldOp = z.enum([
	'eq',
	'neq',
	'contains',
	'not_contains',
	'starts_with',
	'ends_with',
	'empty',
	'not_empty',
	'gt',
	'gte',
	'lt',
	'lte',
	'before',
	'after',
	'on',
	'within_last',
	'within_next',
	'includes',
	'excludes'
]);
export type FieldOp = z.infer<typeof FieldOp>;

/** A count requirement: e.g. at least 3 times. Default: at least once. */
const Count = z.object({ op: CmpOp, value: z.number().int().min(0) }).strict();

/** Contact standard or custom field. `days` is used by within_last / within_next. */
export const FieldCondition = z
	.object({
		kind: z.literal('field'),
		field: z.string().min(1),
		op: FieldOp,
		value: FieldValue.optional(),
		days: z.number().min(0).optional()
	})
	.strict();

export const TagCondition = z
	.object({ kind: z.literal('tag'), op: z.enum(['has', 'has_not']), tag: z.string().min(1) })
	.strict();

export const ListCondition = z
	.object({
		kind: z.literal('list'),
		op: z.enum(['is', 'is_not']),
		list: Id,
		status: z.enum(['active', 'unsubscribed', 'bounced', 'unconfirmed']).default('active')
	})
	.strict();

export const ScoreCondition = z
	.object({ kind: z.literal('score'), model: Id, op: CmpOp, value: z.number() })
	.strict();

/** Engagement with emails, forms and SMS: opened/clicked/replied/forwarded/received, N times, within a period. */
export const ActionCondition = z
	.object({
		kind: z.literal('action'),
		action: z.enum(['opened', 'clicked', 'replied', 'forwarded', 'received', 'submitted_form', 'sms_replied']),
		op: z.enum(['has', 'has_not']),
		email: Id.optional(),
		link: z.string().optional(),
		form: Id.optional(),
		count: Count.optional(),
		within: Duration.optional()
	})
	.strict();

export const AutomationCondition = z
	.object({
		kind: z.literal('automation'),
		op: z.enum(['in', 'not_in', 'completed', 'not_completed', 'entered', 'not_entered', 'achieved_goal', 'not_achieved_goal']),
		automation: Id,
		goal: Id.optional()
	})
	.strict();

/** Site tracking: visited a URL matching a pattern (`*` wildcard). */
export const SiteCondition = z
	.object({
		kind: z.literal('site'),
		op: z.enum(['visited', 'not_visited']),
		url: z.string().min(1),
		count: Count.optional(),
		within: Duration.optional()
	})
	.strict();

export const EventCondition = z
	.object({
		kind: z.literal('event'),
		op: z.enum(['recorded', 'not_recorded']),
		name: z.string().min(1),
		value: z.object({ op: FieldOp, value: FieldValue.optional() }).strict().optional(),
		count: Count.optional(),
		within: Duration.optional()
	})
	.strict();

/** Deals of the contact: in a pipeline/stage/status, optionally with a deal field condition. */
export const DealCondition = z
	.object({
		kind: z.literal('deal'),
		op: z.enum(['has', 'has_not']),
		pipeline: Id.optional(),
		stage: Id.optional(),
		status: z.enum(['open', 'won', 'lost']).optional(),
		field: z.object({ field: z.string().min(1), op: FieldOp, value: FieldValue.optional(), days: z.number().optional() }).strict().optional()
	})
	.strict();

/** The contact's account: a standard ("name", "owner") or custom account field. */
export const AccountCondition = z
	.object({
		kind: z.literal('account'),
		field: z.string().min(1),
		op: FieldOp,
		value: FieldValue.optional(),
		days: z.number().optional()
	})
	.strict();

export const ConversionCondition = z
	.object({
		kind: z.literal('conversion'),
		op: z.enum(['made', 'not_made']),
		conversion: Id.optional(),
		count: Count.optional(),
		within: Duration.optional()
	})
	.strict();

/**
 * Current time in the contact's zone (or `zone`): `hour` is 0-23 and holds for the whole hour;
 * `day_of_week` is 1 (Monday) to 7; `date` compares "YYYY-MM-DD"; `time` compares "HH:MM".
 */
export const TimeCondition = z
	.object({
		kind: z.literal('time'),
		part: z.enum(['date', 'time', 'hour', 'day_of_week', 'day_of_month', 'month']),
		op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in']),
		value: z.union([z.number(), z.string(), z.array(z.number())]),
		zone: ZoneRef.default('contact')
	})
	.strict();

export const LeafCondition = z.discriminatedUnion('kind', [
	FieldCondition,
	TagCondition,
	ListCondition,
	ScoreCondition,
	ActionCondition,
	AutomationCondition,
	SiteCondition,
	EventCondition,
	DealCondition,
	AccountCondition,
	ConversionCondition,
	TimeCondition
]);
export type LeafCondition = z.infer<typeof LeafCondition>;

/** A group: every child holds (`all`) or at least one holds (`any`). */
export type ConditionGroup = { all: Condition[] } | { any: Condition[] };
/** A condition tree node. */
export type Condition = ConditionGroup | LeafCondition;

export const Condition: z.ZodType<Condition> = z.lazy(() =>
	z.union([
		z.object({ all: z.array(Condition) }).strict(),
		z.object({ any: z.array(Condition) }).strict(),
		LeafCondition
	])
) as z.ZodType<Condition>;

export { TimeOfDay };
