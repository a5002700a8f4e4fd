/**
 * CRM inputs: changes to pipelines, team members, custom deal/account fields, deals, tasks, notes
 * and accounts made from the CRM screens. They are engine inputs like any other (stamped with the
 * virtual time, validated, persisted) so deal changes feed the deal triggers.
 */
import type { FieldDef, PipelineDef, UserDef } from './schema/workspace';

/** A task as the CRM board creates it (the engine assigns the id). */
export interface NewTask {
	type: string;
	title: string;
	/** Due instant (virtual epoch ms), or null for no due date. */
	due?: number | null;
	/** A user id, or null for unassigned. */
	assignee?: string | null;
}

/** Changes to an existing task. `done: true` completes it (a trigger), `done: false` reopens it. */
export interface TaskChanges {
	type?: string;
	title?: string;
	due?: number | null;
	assignee?: string | null;
	done?: boolean;
}

/** Which custom-field catalogue a CRM field belongs to. */
export type CrmFieldTarget = 'deal' | 'account';

/** CRM inputs (without their `at`). */
export type CrmInput =
	/** Creates or replaces a pipeline (rename, add/rename/reorder/remove stages). Deals at removed stages move per `moveDeals` (removed stage → kept stage). */
	| { type: 'pipeline.saved'; pipeline: PipelineDef; moveDeals?: Record<string, string> }
	/** Deletes a pipeline; its deals move to `moveTo` (required when it has deals). */
	| { type: 'pipeline.deleted'; pipeline: string; moveTo?: { pipeline: string; stage: string } }
	/** Creates or updates a team member (deal/account owner, task assignee). */
	| { type: 'user.saved'; user: UserDef }
	/** Removes a team member; their deals, accounts and tasks go to `reassignTo` (or nobody). */
	| { type: 'user.deleted'; user: string; reassignTo?: string | null }
	/** Creates or updates a custom deal or account field. */
	| { type: 'crm_field.saved'; target: CrmFieldTarget; field: FieldDef }
	/** Deletes a custom deal or account field and its values. */
	| { type: 'crm_field.deleted'; target: CrmFieldTarget; field: string }
	/** Deletes a deal. */
	| { type: 'deal.deleted'; deal: string }
	/** Links a deal to another contact and/or account (null unlinks; absent keeps). */
	| { type: 'deal.linked'; deal: string; contact?: string | null; account?: string | null }
	| { type: 'deal.task_added'; deal: string; task: NewTask }
	| { type: 'deal.task_updated'; deal: string; task: string; changes: TaskChanges }
	| { type: 'deal.task_deleted'; deal: string; task: string }
	| { type: 'deal.note_added'; deal: string; text: string; by?: string }
	| { type: 'account.note_added'; account: string; text: string; by?: string }
	/** Deletes an account: its contacts and deals are unlinked from it. */
	| { type: 'account.deleted'; account: string }
	/** Puts a contact in an account (null: takes it out of its account). */
	| { type: 'account.contact_set'; contact: string; account: string | null };

/** The CRM input types. */
export const CRM_INPUT_TYPES: ReadonlySet<string> = new Set<CrmInput['type']>([
	'pipeline.saved',
	'pipeline.deleted',
	'user.saved',
	'user.deleted',
	'crm_field.saved',
	'crm_field.deleted',
	'deal.deleted',
	'deal.linked',
	'deal.task_added',
	'deal.task_updated',
	'deal.task_deleted',
	'deal.note_added',
	'account.note_added',
	'account.deleted',
	'account.contact_set'
]);
