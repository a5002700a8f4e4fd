/**
 * CRM methods: read models of the board, deals and accounts, and the commands that need ids made
 * in the worker (new deals, pipelines and stages, team members, fields, accounts). Every change is
 * an engine input (`rt.apply`), so it is persisted and feeds the deal triggers; other CRM changes
 * go straight through the core `apply` with the inputs of `engine/inputs-crm.ts`.
 */
import type { ApplyResult } from '../../engine/engine';
import type { Diagnostic } from '../../engine/diagnostics';
import type { DealDef, FieldType } from '../../engine/schema/workspace';
import type { FieldValue } from '../../engine/core/values';
import type { CrmFieldTarget } from '../../engine/inputs-crm';
import { accountDetailOf, accountsOf, boardOf, crmCatalogOf, dealDetailOf, type BoardFilter } from '../crm/views';
import { fieldKey, slugId } from '../crm/ids';
import type { HandlerCtx } from './context';

/** A new deal as the board's form fills it. */
export interface DealDraft {
	title: string;
	value: number;
	currency: string;
	pipeline: string;
	stage: string;
	owner: string | null;
	contact: string | null;
	account: string | null;
	fields?: Record<string, FieldValue>;
}

/** A pipeline as the pipeline editor fills it (stages without id are new). */
export interface PipelineDraft {
	id?: string;
	name: string;
	stages: { id?: string; name: string }[];
}

/** Result of a command that creates a record. */
export type Created = { ok: true; id: string } | { ok: false; diagnostics: Diagnostic[] };

function created(res: ApplyResult, id: string): Created {
	return res.ok ? { ok: true, id } : res;
}

export const crmHandlers = {
	crmCatalog: ({ rt }: HandlerCtx) => crmCatalogOf(rt.engine),
	crmBoard: ({ rt }: HandlerCtx, pipeline: string, filter: BoardFilter = {}) => boardOf(rt.engine, pipeline, filter),
	crmDeal: ({ rt }: HandlerCtx, id: string) => dealDetailOf(rt.engine, id),
	crmAccounts: ({ rt }: HandlerCtx, search = '') => accountsOf(rt.engine, search),
	crmAccount: ({ rt }: HandlerCtx, id: string) => accountDetailOf(rt.engine, id),

	/** Creates a deal (a `deal.created` input: "enters a pipeline" triggers fire for its contact). */
	async crmCreateDeal({ rt }: HandlerCtx, draft: DealDraft): Promise<Created> {
		const id = rt.engine.world.nextDealId();
		const deal: DealDef = {
			id,
			pipeline: draft.pipeline,
			stage: draft.stage,
			title: draft.title.trim(),
			value: draft.value,
			currency: draft.currency.trim().toUpperCase(),
			status: 'open',
			score: 0,
			...(draft.owner ? { owner: draft.owner } : {}),
			...(draft.contact ? { contact: draft.contact } : {}),
			...(draft.account ? { account: draft.account } : {}),
			...(draft.fields && Object.keys(draft.fields).length ? { fields: draft.fields } : {})
		};
		return created(await rt.apply({ type: 'deal.created', deal }), id);
	},

	/** Creates or updates a pipeline; new stages get ids from their names. */
	async crmSavePipeline({ rt }: HandlerCtx, draft: PipelineDraft, moveDeals: Record<string, string> = {}): Promise<Created> {
		const cat = rt.engine.world.catalog;
		const id = draft.id ?? slugId(draft.name, (x) => cat.pipelines.has(x), 'pipeline');
		const used = new Set(draft.stages.map((s) => s.id).filter((x): x is string => !!x));
		const stages = draft.stages.map((s) => {
			if (s.id) return { id: s.id, name: s.name.trim() };
			const sid = slugId(s.name, (x) => used.has(x), 'stage');
			used.add(sid);
			return { id: sid, name: s.name.trim() };
		});
		return created(await rt.apply({ type: 'pipeline.saved', pipeline: { id, name: draft.name.trim(), stages }, moveDeals }), id);
	},

	/** Creates or updates a team member. */
	async crmSaveUser({ rt }: HandlerCtx, draft: { id?: string; name: string; email: string }): Promise<Created> {
		const users = rt.engine.world.catalog.users;
		const id = draft.id ?? slugId(draft.name, (x) => users.has(x), 'user');
		return created(await rt.apply({ type: 'user.saved', user: { id, name: draft.name.trim(), email: draft.email.trim() } }), id);
	},

	/** Creates or updates a custom deal or account field; a new field's key comes from its label. */
	async crmSaveField(
		{ rt }: HandlerCtx,
		target: CrmFieldTarget,
		draft: { key?: string; label: string; type: FieldType; options?: string[] }
	): Promise<Created> {
		const cat = target === 'deal' ? rt.engine.world.catalog.dealFields : rt.engine.world.catalog.accountFields;
		const key = draft.key ?? fieldKey(draft.label, (k) => cat.has(k));
		const options = draft.options?.map((o) => o.trim()).filter(Boolean);
		const field = { key, label: draft.label.trim(), type: draft.type, ...(options?.length ? { options } : {}) };
		return created(await rt.apply({ type: 'crm_field.saved', target, field }), key);
	},

	/** Creates or updates an account (name, owner, custom fields). */
	async crmSaveAccount(
		{ rt }: HandlerCtx,
		draft: { id?: string; name: string; owner: string | null; fields?: Record<string, FieldValue> }
	): Promise<Created> {
		const accounts = rt.engine.world.accounts;
		const id = draft.id ?? slugId(draft.name, (x) => accounts.has(x), 'account');
		const account = { id, name: draft.name.trim(), ...(draft.owner ? { owner: draft.owner } : {}), ...(draft.fields ? { fields: draft.fields } : {}) };
		// account.updated replaces the owner (absent: nobody) and merges the fields (null clears one).
		return created(await rt.apply({ type: 'account.updated', account }), id);
	}
};
