/** The trigger-kind contract: schema, what changes it listens to, and how it matches one. */
import { z } from 'zod';
import { Condition } from '../schema/conditions';
import { Id } from '../schema/common';
import type { Change, World } from '../world';
import type { ValidateCtx } from '../steps/kind';

/** Fields every trigger has: id, entry rule and an optional segment filter. */
export const triggerBase = {
	id: Id,
	/** "once": a contact enters through this trigger once ever; "every": each time (max 10 per 24 h). */
	runs: z.enum(['once', 'every']).default('once'),
	filter: Condition.optional()
};

/** Palette grouping of triggers. */
export type TriggerGroup = 'contacts' | 'email' | 'web' | 'crm' | 'automation' | 'date';

/** How a trigger is fed: by data changes, by the clock, or by explicit entry. */
export type TriggerSource = { changes: Change['type'][] } | { scheduled: true } | { explicit: 'manual' | 'started' };

/** Metadata and matching of a trigger kind. */
export interface TriggerKind<D extends { kind: string; id: string }> {
	kind: D['kind'];
	group: TriggerGroup;
	title: string;
	summary: string;
	schema: z.ZodType<D>;
	source: TriggerSource;
	/** Whether a change fires this trigger; may name the deal in context. */
	match?(def: D, change: Change, world: World): false | { deal?: string };
	validate?(def: D, v: ValidateCtx): void;
}

/** Identity helper that types a trigger kind. */
export function defineTrigger<D extends { kind: string; id: string }>(k: TriggerKind<D>): TriggerKind<D> {
	return k;
}
