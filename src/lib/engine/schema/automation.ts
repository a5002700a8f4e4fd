/** An automation definition in the portable format: triggers, settings and the step graph. */
import { z } from 'zod';
import { Id } from './common';
import { TRIGGER_KINDS } from '../triggers/registry';
import { STEP_KINDS } from '../steps/registry';

const triggerSchemas = TRIGGER_KINDS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
const stepSchemas = STEP_KINDS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];

/** Any trigger. */
export const TriggerDef = z.discriminatedUnion('kind', triggerSchemas);
/** Any step. */
export const StepDef = z.discriminatedUnion('kind', stepSchemas);

export type TriggerDef = { id: string; kind: string; runs: 'once' | 'every'; filter?: import('./conditions').Condition } & Record<string, unknown>;
export type StepDef = { id: string; kind: string; label?: string } & Record<string, unknown>;

const automationSchema = z
	.object({
		id: Id,
		name: z.string().min(1),
		description: z.string().optional(),
		status: z.enum(['draft', 'active', 'inactive']).default('draft'),
		/** "multiple": a contact may enter again (even while still inside); "once": only ever once. */
		entry: z.enum(['multiple', 'once']).default('multiple'),
		triggers: z.array(TriggerDef).default([]),
		/** First step; defaults to the first step of the list. */
		start: Id.optional(),
		steps: z.array(StepDef).default([]),
		/** Builder layout hints (ignored by the engine). */
		layout: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).optional()
	})
	.strict();

/** Schema of an automation definition (typed as `AutomationDef`). */
export const AutomationDef = automationSchema as unknown as z.ZodType<AutomationDef>;

export interface AutomationDef {
	id: string;
	name: string;
	description?: string;
	status: 'draft' | 'active' | 'inactive';
	entry: 'multiple' | 'once';
	triggers: TriggerDef[];
	start?: string;
	steps: StepDef[];
	layout?: Record<string, { x: number; y: number }>;
}
