/**
 * The inspector's contract types: what it edits (`InspectorItem`) and what it reads
 * (`InspectorContext`). See README.md in this folder.
 */
import type { AutomationDef, StepDef, TriggerDef } from '$lib/engine/schema/automation';
import type { PlanDef } from '$lib/engine/schema/workspace';
import type { CatalogView } from '$lib/worker/handlers/catalog';

export type { CatalogView };

/** The thing being edited: a step, a trigger, or the automation's own settings. */
export type InspectorItem = { type: 'step'; def: StepDef } | { type: 'trigger'; def: TriggerDef } | { type: 'automation'; def: AutomationDef };

/** A step of the automation being edited, as go-to pickers list it. */
export interface StepRef {
	id: string;
	kind: string;
	label?: string;
}

/** What the condition builder reads: only the workspace catalogues (no automation needed). */
export interface ConditionContext {
	catalog: CatalogView;
}

/** What the inspector reads besides the item. */
export interface InspectorContext extends ConditionContext {
	/** Id of the automation being edited (excluded from "other automation" pickers). */
	automationId: string;
	/** Steps of the automation being edited (go-to targets, labels). */
	steps: StepRef[];
	/** Triggers of the automation being edited (some checks depend on them, e.g. deal-owner senders). */
	triggers: { id: string; kind: string }[];
	/** Plan profile used for availability badges. */
	plan: PlanDef;
}

/** An inspector context for an automation definition (steps and triggers taken from it). */
export function contextFor(catalog: CatalogView, def: Pick<AutomationDef, 'id' | 'steps' | 'triggers'>): InspectorContext {
	return {
		catalog,
		automationId: def.id,
		steps: def.steps.map((s) => ({ id: s.id, kind: s.kind, label: s.label })),
		triggers: def.triggers.map((t) => ({ id: t.id, kind: t.kind })),
		plan: catalog.plan
	};
}

/** An empty catalogue (before the workspace answered). */
export function emptyCatalog(): CatalogView {
	return {
		lists: [],
		fields: { contact: [], deal: [], account: [] },
		tags: [],
		users: [],
		pipelines: [],
		emails: [],
		conversions: [],
		forms: [],
		scoring: [],
		accounts: [],
		automations: [],
		plan: { tier: 'enterprise', addons: ['pipelines', 'sales_engagement', 'sms', 'transactional_email'] },
		timeZone: 'UTC',
		sampleContacts: []
	};
}
