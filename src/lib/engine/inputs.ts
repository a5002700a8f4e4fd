/** Inputs: everything that happens to the engine from outside, each carrying its virtual time. */
import type { FieldValue } from './core/values';
import type { AccountDef, ContactDef, ConversionDef, DealDef, EmailDef, FieldDef, FormDef, ListDef, PipelineDef, PlanDef, ScoringModelDef, UserDef } from './schema/workspace';
import type { ActivityType } from './world';
import type { InFlightRule } from './migrate';
import type { AutomationDef } from './schema/automation';
import type { CrmInput } from './inputs-crm';

interface At {
	/** Virtual time (epoch ms). Inputs must arrive in non-decreasing time order. */
	at: number;
}

export type Input = At &
	(
		| { type: 'contact.upserted'; contact: ContactDef; announce?: boolean }
		| { type: 'contact.deleted'; contact: string }
		| { type: 'tag.added' | 'tag.removed'; contact: string; tag: string }
		| { type: 'field.changed'; contact: string; field: string; value: FieldValue }
		| { type: 'list.subscribed' | 'list.unsubscribed'; contact: string; list: string }
		| { type: 'email.opened' | 'email.replied' | 'email.forwarded'; contact: string; email?: string; variant?: string }
		| { type: 'email.clicked'; contact: string; email?: string; link: string; variant?: string }
		| { type: 'email.bounced' | 'email.complained'; contact: string }
		| { type: 'form.submitted'; contact: string; form: string; fields?: Record<string, FieldValue> }
		| { type: 'page.visited'; contact: string; url: string }
		| { type: 'event.recorded'; contact: string; name: string; value?: string | number }
		| { type: 'conversion.made'; contact: string; conversion: string; value?: number }
		| { type: 'sms.replied'; contact: string; text: string }
		| { type: 'score.adjusted'; contact: string; model: string; op: 'add' | 'subtract' | 'set' | 'reset'; value?: number }
		| { type: 'deal.created'; deal: DealDef }
		| { type: 'deal.updated'; deal: string; changes: DealChanges }
		| { type: 'deal.task_completed'; deal: string; task: string }
		| { type: 'account.updated'; account: AccountDef }
		| { type: 'contacts.added'; automation: string; contacts: string[] }
		| { type: 'field.defined'; field: FieldDef }
		| { type: 'field.removed'; field: string }
		| { type: 'note.added'; contact: string; text: string; by?: string }
		| { type: 'activity.imported'; contact: string; activities: ImportedActivity[] }
				| { type: 'automation.published'; automation: AutomationDef; inFlight?: InFlightRule }
		| { type: 'automation.status_changed'; automation: string; status: 'active' | 'inactive' }
		| { type: 'automation.deleted'; automation: string }
		| { type: 'email.saved'; email: EmailDef }
		| { type: 'email.deleted'; email: string }
		| { type: 'effect.resolved'; key: string; ok: boolean; value?: string; error?: string }
		| { type: 'clock.advanced' }
		| CrmInput
		| { type: 'plan.changed'; plan: PlanDef }
		| ({ type: 'catalog.upserted' } & CatalogAdditions)
	);

/** Changes to a deal's properties from outside (the CRM board, an import). */
export interface DealChanges {
	title?: string;
	value?: number;
	currency?: string;
	owner?: string | null;
	pipeline?: string;
	stage?: string;
	status?: 'open' | 'won' | 'lost';
	score?: number;
	fields?: Record<string, FieldValue>;
}

/** A past activity brought in by an import (its time is at or before the input's). */
export interface ImportedActivity {
	at: number;
	type: ActivityType;
	ref: string;
	value?: string | number | null;
	variant?: string | null;
}

/** Input types, for palettes and validation messages. */
export type InputType = Input['type'];

/** Catalogue entries created or replaced at once (recipes, imports): matched by id (fields by key). */
export interface CatalogAdditions {
	lists?: ListDef[];
	fields?: FieldDef[];
	emails?: EmailDef[];
	tags?: string[];
	forms?: FormDef[];
	conversions?: ConversionDef[];
	scoring?: ScoringModelDef[];
	pipelines?: PipelineDef[];
	users?: UserDef[];
}
