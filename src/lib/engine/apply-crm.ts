/**
 * Applies CRM inputs (see `inputs-crm.ts`) and checks the CRM parts of `deal.created`,
 * `deal.updated` and `account.updated`. A change that would break a published automation (a
 * removed stage, pipeline, user or field it refers to) is refused with the automations named.
 */
import type { ApplyResult, Engine } from './engine';
import type { CrmInput, NewTask, TaskChanges } from './inputs-crm';
import type { DealChanges } from './inputs';
import { FieldDef, PipelineDef, UserDef, type AccountDef, type DealDef } from './schema/workspace';
import { validateAutomation } from './validate';
import { hasErrors } from './diagnostics';
import { zodIssues } from './schema/issues';
import type { Deal, Task, World } from './world';

const OK: ApplyResult = { ok: true };

function err(code: string, message: string, help: string): ApplyResult {
	return { ok: false, diagnostics: [{ code, severity: 'error', message, help }] };
}

/** Applies one CRM input at the engine's current time. */
export function applyCrmInput(e: Engine, input: CrmInput): ApplyResult {
	const w = e.world;
	const at = e.now;
	switch (input.type) {
		case 'pipeline.saved':
			return savePipeline(e, input.pipeline, input.moveDeals ?? {});
		case 'pipeline.deleted':
			return deletePipeline(e, input.pipeline, input.moveTo);
		case 'user.saved': {
			const parsed = UserDef.safeParse(input.user);
			if (!parsed.success) return invalid('input.invalid_user', 'Team member', parsed.error);
			if (!/^[^\s@]+@[^\s@]+$/.test(parsed.data.email.trim()))
				return err('input.invalid_email', `"${parsed.data.email}" is not an email address.`, 'Enter an address such as name@example.com.');
			w.catalog.users.set(parsed.data.id, { ...parsed.data, email: parsed.data.email.trim() });
			w.dirtyCatalog = true;
			return OK;
		}
		case 'user.deleted':
			return deleteUser(e, input.user, input.reassignTo ?? null);
		case 'crm_field.saved': {
			const parsed = FieldDef.safeParse(input.field);
			if (!parsed.success) return invalid('input.invalid_field', 'Field', parsed.error);
			const f = parsed.data;
			if ((f.type === 'dropdown' || f.type === 'multiselect') && !f.options?.length)
				return err('input.field_options', `Field "${f.label}" needs options to choose from.`, 'Add at least one option.');
			fieldCatalog(w, input.target).set(f.key, f);
			w.dirtyCatalog = true;
			return OK;
		}
		case 'crm_field.deleted':
			return deleteField(e, input.target, input.field);
		case 'deal.deleted': {
			const d = w.deals.get(input.deal);
			if (!d) return unknownDeal(input.deal);
			w.deleteDeal(d);
			return OK;
		}
		case 'deal.linked': {
			const d = w.deals.get(input.deal);
			if (!d) return unknownDeal(input.deal);
			let contact = d.contact;
			if (input.contact !== undefined) {
				if (input.contact === null) contact = -1;
				else {
					const c = w.contact(input.contact);
					if (!c || c.deleted) return err('input.unknown_contact', `Contact "${input.contact}" does not exist.`, 'Pick an existing contact.');
					contact = c.idx;
				}
			}
			let account = d.account;
			if (input.account !== undefined) {
				if (input.account !== null && !w.accounts.has(input.account)) return unknownAccount(input.account);
				account = input.account;
			}
			w.relinkDeal(d, contact, account, at);
			return OK;
		}
		case 'deal.task_added': {
			const d = w.deals.get(input.deal);
			if (!d) return unknownDeal(input.deal);
			const bad = checkTask(w, input.task);
			if (bad) return bad;
			let id = w.nextTaskId();
			while (d.tasks.some((t) => t.id === id)) id = w.nextTaskId();
			const task: Task = {
				id,
				type: input.task.type.trim() || 'todo',
				title: input.task.title.trim(),
				due: input.task.due ?? null,
				assignee: input.task.assignee ?? null,
				done: false,
				doneAt: null
			};
			w.addDealTask(d, task, at);
			return OK;
		}
		case 'deal.task_updated': {
			const found = findTask(w, input.deal, input.task);
			if (!('task' in found)) return found;
			const { deal: d, task: t } = found;
			const c = input.changes;
			const bad = checkTask(w, { type: c.type ?? t.type, title: c.title ?? t.title, due: c.due === undefined ? t.due : c.due, assignee: c.assignee === undefined ? t.assignee : c.assignee });
			if (bad) return bad;
			const patch: Partial<Pick<Task, 'type' | 'title' | 'due' | 'assignee'>> = {};
			if (c.type !== undefined) patch.type = c.type.trim();
			if (c.title !== undefined) patch.title = c.title.trim();
			if (c.due !== undefined) patch.due = c.due;
			if (c.assignee !== undefined) patch.assignee = c.assignee;
			if (Object.keys(patch).length) w.updateTask(d, t, patch, at);
			if (c.done === true) w.completeTask(d, t, at);
			else if (c.done === false) w.reopenTask(d, t, at);
			return OK;
		}
		case 'deal.task_deleted': {
			const found = findTask(w, input.deal, input.task);
			if (!('task' in found)) return found;
			w.removeTask(found.deal, found.task, at);
			return OK;
		}
		case 'deal.note_added': {
			const d = w.deals.get(input.deal);
			if (!d) return unknownDeal(input.deal);
			const text = input.text.trim();
			if (!text) return emptyNote();
			w.addDealNote(d, { at, text, ...(input.by ? { by: input.by } : {}) }, at);
			return OK;
		}
		case 'account.note_added': {
			const a = w.accounts.get(input.account);
			if (!a) return unknownAccount(input.account);
			const text = input.text.trim();
			if (!text) return emptyNote();
			w.addAccountNote(a, { at, text, ...(input.by ? { by: input.by } : {}) });
			return OK;
		}
		case 'account.deleted': {
			const a = w.accounts.get(input.account);
			if (!a) return unknownAccount(input.account);
			w.deleteAccount(a, at);
			return OK;
		}
		case 'account.contact_set': {
			const c = w.contact(input.contact);
			if (!c || c.deleted) return err('input.unknown_contact', `Contact "${input.contact}" does not exist.`, 'Pick an existing contact.');
			if (input.account !== null && !w.accounts.has(input.account)) return unknownAccount(input.account);
			w.setAccount(c, input.account);
			return OK;
		}
	}
}

// ---------------------------------------------------------------- checks of existing inputs

/** Problems with a new deal's owner, currency, value or custom fields (null when fine). */
export function checkNewDeal(w: World, d: DealDef): ApplyResult | null {
	return checkDealChanges(w, { title: d.title, value: d.value, currency: d.currency, owner: d.owner ?? null, fields: d.fields });
}

/** Problems with changes to a deal's properties (null when fine). */
export function checkDealChanges(w: World, c: DealChanges): ApplyResult | null {
	if (c.title !== undefined && !c.title.trim()) return err('input.deal_title', 'A deal needs a title.', 'Give the deal a title.');
	if (c.value !== undefined && !Number.isFinite(c.value)) return err('input.deal_value', 'The deal value is not a number.', 'Enter an amount such as 1200.');
	if (c.currency !== undefined && !/^[A-Z]{3}$/.test(c.currency))
		return err('input.deal_currency', `"${c.currency}" is not a currency code.`, 'Use a 3-letter ISO code such as EUR or USD.');
	if (c.score !== undefined && !Number.isFinite(c.score)) return err('input.deal_score', 'The deal score is not a number.', 'Enter a number.');
	if (c.owner) {
		const bad = checkUser(w, c.owner);
		if (bad) return bad;
	}
	for (const k of Object.keys(c.fields ?? {}))
		if (!w.catalog.dealFields.has(k)) return err('input.unknown_deal_field', `Deal field "${k}" does not exist.`, 'Create the custom deal field first or check its key.');
	return null;
}

/** Problems with an account's owner or custom fields (null when fine). */
export function checkAccountDef(w: World, a: AccountDef): ApplyResult | null {
	if (!a.name.trim()) return err('input.account_name', 'An account needs a name.', 'Give the account a name.');
	if (a.owner) {
		const bad = checkUser(w, a.owner);
		if (bad) return bad;
	}
	for (const k of Object.keys(a.fields ?? {}))
		if (!w.catalog.accountFields.has(k)) return err('input.unknown_account_field', `Account field "${k}" does not exist.`, 'Create the custom account field first or check its key.');
	return null;
}

function checkUser(w: World, id: string): ApplyResult | null {
	return w.catalog.users.has(id) ? null : err('input.unknown_user', `Team member "${id}" does not exist.`, 'Add the team member first or pick another one.');
}

function checkTask(w: World, t: NewTask | (TaskChanges & { title: string; type: string })): ApplyResult | null {
	if (!t.title.trim()) return err('input.task_title', 'A task needs a title.', 'Give the task a title, e.g. "Call back".');
	if (t.due !== undefined && t.due !== null && !Number.isFinite(t.due)) return err('input.task_due', 'The due date is not a date.', 'Pick a due date or leave it empty.');
	if (t.assignee) return checkUser(w, t.assignee);
	return null;
}

// ---------------------------------------------------------------- catalogue changes

function savePipeline(e: Engine, def: PipelineDef, moveDeals: Record<string, string>): ApplyResult {
	const parsed = PipelineDef.safeParse(def);
	if (!parsed.success) return invalid('input.invalid_pipeline', 'Pipeline', parsed.error);
	const p = parsed.data;
	const ids = new Set<string>();
	for (const s of p.stages) {
		if (ids.has(s.id)) return err('input.duplicate_stage', `Two stages have the id "${s.id}".`, 'Give every stage its own id.');
		ids.add(s.id);
	}
	const w = e.world;
	const old = w.catalog.pipelines.get(p.id);
	// Deals at removed stages move to the stage the user chose.
	const moves: [Deal, string][] = [];
	if (old) {
		for (const d of w.deals.values()) {
			if (d.pipeline !== p.id || ids.has(d.stage)) continue;
			const to = moveDeals[d.stage];
			if (!to || !ids.has(to)) {
				const name = old.stages.find((s) => s.id === d.stage)?.name ?? d.stage;
				return err('pipeline.stage_has_deals', `Stage "${name}" still has deals.`, 'Choose a stage to move its deals to before removing it.');
			}
			moves.push([d, to]);
		}
	}
	const refused = withoutBreaking(e, `Pipeline "${p.name}"`, () => {
		w.catalog.pipelines.set(p.id, p);
		return () => (old ? w.catalog.pipelines.set(p.id, old) : w.catalog.pipelines.delete(p.id));
	});
	if (refused) return refused;
	w.dirtyCatalog = true;
	for (const [d, to] of moves) w.updateDeal(d, { stage: to }, e.now);
	return OK;
}

function deletePipeline(e: Engine, id: string, moveTo: { pipeline: string; stage: string } | undefined): ApplyResult {
	const w = e.world;
	const p = w.catalog.pipelines.get(id);
	if (!p) return err('input.unknown_pipeline', `Pipeline "${id}" does not exist.`, 'Check the pipeline id.');
	const deals = [...w.deals.values()].filter((d) => d.pipeline === id);
	if (deals.length) {
		const target = moveTo ? w.catalog.pipelines.get(moveTo.pipeline) : undefined;
		if (!moveTo || !target || moveTo.pipeline === id || !target.stages.some((s) => s.id === moveTo.stage))
			return err('pipeline.has_deals', `Pipeline "${p.name}" still has ${deals.length} deal(s).`, 'Choose another pipeline and stage to move them to.');
	}
	const refused = withoutBreaking(e, `Pipeline "${p.name}"`, () => {
		const entries = [...w.catalog.pipelines];
		w.catalog.pipelines.delete(id);
		return () => {
			w.catalog.pipelines.clear();
			for (const [k, v] of entries) w.catalog.pipelines.set(k, v);
		};
	});
	if (refused) return refused;
	w.dirtyCatalog = true;
	for (const d of deals) w.updateDeal(d, { pipeline: moveTo!.pipeline, stage: moveTo!.stage }, e.now);
	return OK;
}

function deleteUser(e: Engine, id: string, reassignTo: string | null): ApplyResult {
	const w = e.world;
	const u = w.catalog.users.get(id);
	if (!u) return err('input.unknown_user', `Team member "${id}" does not exist.`, 'Check the team member.');
	if (reassignTo !== null && (reassignTo === id || !w.catalog.users.has(reassignTo)))
		return err('input.unknown_user', `Team member "${reassignTo}" cannot take over.`, 'Pick another team member, or nobody.');
	const refused = withoutBreaking(e, `Team member "${u.name}"`, () => {
		const entries = [...w.catalog.users];
		w.catalog.users.delete(id);
		return () => {
			w.catalog.users.clear();
			for (const [k, v] of entries) w.catalog.users.set(k, v);
		};
	});
	if (refused) return refused;
	w.dirtyCatalog = true;
	for (const d of w.deals.values()) {
		if (d.owner === id) w.updateDeal(d, { owner: reassignTo }, e.now);
		for (const t of d.tasks) if (t.assignee === id) w.updateTask(d, t, { assignee: reassignTo }, e.now);
	}
	for (const a of w.accounts.values()) if (a.owner === id) w.setAccountField(a, 'owner', reassignTo);
	return OK;
}

function deleteField(e: Engine, target: 'deal' | 'account', key: string): ApplyResult {
	const w = e.world;
	const cat = fieldCatalog(w, target);
	const f = cat.get(key);
	if (!f) return err('input.unknown_field', `${target === 'deal' ? 'Deal' : 'Account'} field "${key}" does not exist.`, 'Check the field key.');
	const refused = withoutBreaking(e, `Field "${f.label}"`, () => {
		const entries = [...cat];
		cat.delete(key);
		return () => {
			cat.clear();
			for (const [k, v] of entries) cat.set(k, v);
		};
	});
	if (refused) return refused;
	w.dirtyCatalog = true;
	if (target === 'deal') for (const d of w.deals.values()) w.setDealField(d, key, null, e.now);
	else for (const a of w.accounts.values()) w.setAccountField(a, key, null);
	return OK;
}

function fieldCatalog(w: World, target: 'deal' | 'account') {
	return target === 'deal' ? w.catalog.dealFields : w.catalog.accountFields;
}

/**
 * Makes a tentative catalogue change (returning its undo) and keeps it only when no published
 * automation gains a validation error from it.
 */
function withoutBreaking(e: Engine, what: string, change: () => () => void): ApplyResult | null {
	const before = automationErrors(e);
	const undo = change();
	const after = automationErrors(e);
	const broken: string[] = [];
	for (const [id, n] of after) if (n > (before.get(id) ?? 0)) broken.push(e.slots.get(id)!.def.name);
	if (!broken.length) return null;
	undo();
	return err(
		'crm.in_use',
		`${what} is used by the automation${broken.length > 1 ? 's' : ''} ${broken.map((n) => `"${n}"`).join(', ')}.`,
		'Change those automations so they no longer refer to it, then try again.'
	);
}

/** Error count of each published automation against the current workspace. */
function automationErrors(e: Engine): Map<string, number> {
	const out = new Map<string, number>();
	const view = e.view();
	for (const s of e.slots.values()) {
		if (s.version < 0) continue;
		const ds = validateAutomation(s.def, view);
		out.set(s.id, hasErrors(ds) ? ds.filter((d) => d.severity === 'error').length : 0);
	}
	return out;
}

// ---------------------------------------------------------------- small helpers

function findTask(w: World, dealId: string, taskId: string): { deal: Deal; task: Task } | ApplyResult {
	const deal = w.deals.get(dealId);
	if (!deal) return unknownDeal(dealId);
	const task = deal.tasks.find((t) => t.id === taskId);
	if (!task) return err('input.unknown_task', `Deal "${deal.title}" has no task "${taskId}".`, 'Check the task id.');
	return { deal, task };
}

function invalid(code: string, what: string, error: Parameters<typeof zodIssues>[0]): ApplyResult {
	const first = zodIssues(error)[0];
	const where = first?.path.length ? ` (${first.path.join('.')})` : '';
	return err(code, `${what}${where}: ${first?.message ?? 'invalid'}.`, 'Correct the value and try again.');
}

function unknownDeal(id: string): ApplyResult {
	return err('input.unknown_deal', `Deal "${id}" does not exist.`, 'It may have been deleted; refresh the board.');
}

function unknownAccount(id: string): ApplyResult {
	return err('input.unknown_account', `Account "${id}" does not exist.`, 'Pick an existing account.');
}

function emptyNote(): ApplyResult {
	return err('input.empty_note', 'The note is empty.', 'Write something first.');
}
