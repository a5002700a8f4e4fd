/** Applies one external input to the engine's world (the engine then drains the consequences). */
import type { ApplyResult, Engine } from './engine';
import type { Input } from './inputs';
import { ConversionDef, EmailDef, FieldDef, FormDef, ListDef, PipelineDef, PlanDef, ScoringModelDef, UserDef, type ContactDef, type DealDef } from './schema/workspace';
import type { CatalogAdditions } from './inputs';
import { zodIssues } from './schema/issues';
import { parseInstant } from './core/time';
import { globMatcher } from './conditions/activity';
import { TraceCode } from './core/trace';
import { RunStatus } from './core/runs';
import { type Contact, type Deal, normalizeEmail, STANDARD_FIELDS, type World } from './world';
import { normalizePhone } from './core/phone';
import { CRM_INPUT_TYPES, type CrmInput } from './inputs-crm';
import { applyCrmInput, checkAccountDef, checkDealChanges, checkNewDeal } from './apply-crm';
import { defineField, removeField } from './custom-fields';
import { deleteEmail, saveEmail } from './emails';

const OK: ApplyResult = { ok: true };

function err(code: string, message: string, help: string): ApplyResult {
	return { ok: false, diagnostics: [{ code, severity: 'error', message, help }] };
}

/** Words that opt a contact out of SMS when replied. */
export const STOP_WORDS = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'arret', 'arrêt'];

/** Applies `input` at the engine's current time. */
export function applyInput(e: Engine, input: Input): ApplyResult {
	const w = e.world;
	const at = e.now;
	if (isCrmInput(input)) return applyCrmInput(e, input);
	switch (input.type) {
		case 'clock.advanced':
			return OK;
		case 'contact.upserted':
			return upsertContact(e, input.contact, input.announce ?? true);
		case 'contact.deleted': {
			const c = contactOrError(w, input.contact);
			if (!('idx' in c)) return c;
			for (let r = c.firstRun; r >= 0; r = e.runs.nextOfContact[r]) {
				const st = e.runs.status[r];
				if (st === RunStatus.Waiting || st === RunStatus.Active) e.exit(r, 'contact_deleted');
			}
			c.deleted = true;
			w.dirtyContacts.add(c.idx);
			return OK;
		}
		case 'automation.published':
			return e.publish(input.automation, input.inFlight);
		case 'plan.changed': {
			const parsed = PlanDef.safeParse(input.plan);
			if (!parsed.success) return err('input.invalid_plan', 'The plan profile is not valid.', 'Choose a plan tier and known add-ons.');
			e.plan = parsed.data;
			return OK;
		}
		case 'catalog.upserted':
			return upsertCatalog(e, input);
		case 'automation.status_changed':
			return e.setStatus(input.automation, input.status);
		case 'automation.deleted':
			return e.deleteAutomation(input.automation);
		case 'email.saved':
			return saveEmail(e, input.email);
		case 'email.deleted':
			return deleteEmail(e, input.email);
		case 'effect.resolved':
			return e.resolveEffect(input);
		case 'contacts.added': {
			if (!e.slots.has(input.automation))
				return err('input.unknown_automation', `Automation "${input.automation}" does not exist.`, 'Check the automation id.');
			const missing = input.contacts.filter((id) => !w.contact(id));
			if (missing.length)
				return err('input.unknown_contact', `Contact${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).map((m) => `"${m}"`).join(', ')} do${missing.length > 1 ? '' : 'es'} not exist.`, 'Create the contacts first or check their ids.');
			for (const id of input.contacts) e.addManually(input.automation, w.contact(id)!);
			return OK;
		}
		case 'deal.created':
			return checkNewDeal(w, input.deal) ?? createDeal(e, input.deal, true);
		case 'field.defined':
			return defineField(e, input.field);
		case 'field.removed':
			return removeField(e, input.field);
		case 'deal.updated': {
			const d = w.deals.get(input.deal);
			if (!d) return err('input.unknown_deal', `Deal "${input.deal}" does not exist.`, 'Check the deal id.');
			const invalid = checkDealChanges(w, input.changes);
			if (invalid) return invalid;
			const { fields, ...props } = input.changes;
			const bad = checkStage(w, props.pipeline ?? d.pipeline, props.stage ?? (props.pipeline ? undefined : d.stage));
			if (bad) return bad;
			if (props.pipeline && !props.stage) props.stage = w.catalog.pipelines.get(props.pipeline)!.stages[0].id;
			if (fields) d.fields = { ...d.fields, ...fields };
			w.updateDeal(d, props, at);
			return OK;
		}
		case 'deal.task_completed': {
			const d = w.deals.get(input.deal);
			if (!d) return err('input.unknown_deal', `Deal "${input.deal}" does not exist.`, 'Check the deal id.');
			const t = d.tasks.find((x) => x.id === input.task);
			if (!t) return err('input.unknown_task', `Deal "${d.title}" has no task "${input.task}".`, 'Check the task id.');
			w.completeTask(d, t, at);
			return OK;
		}
		case 'account.updated': {
			const a = input.account;
			const invalid = checkAccountDef(w, a);
			if (invalid) return invalid;
			const existing = w.accounts.get(a.id);
			if (existing) {
				existing.name = a.name;
				existing.owner = a.owner ?? null;
				existing.fields = { ...existing.fields, ...(a.fields ?? {}) };
				w.touchAccount(existing);
			} else {
				const rec = { id: a.id, name: a.name, owner: a.owner ?? null, fields: { ...(a.fields ?? {}) }, notes: (a.notes ?? []).map((n) => ({ at: parseInstant(n.at), text: n.text, by: n.by })) };
				w.accounts.set(a.id, rec);
				w.touchAccount(rec);
			}
			return OK;
		}
	}
	// Everything below concerns one contact.
	const c = contactOrError(w, input.contact);
	if (!('idx' in c)) return c;
	switch (input.type) {
		case 'tag.added':
			w.addTag(c, input.tag);
			return OK;
		case 'tag.removed':
			w.removeTag(c, input.tag);
			return OK;
		case 'field.changed': {
			if (!isKnownField(w, input.field))
				return err('input.unknown_field', `Contact field "${input.field}" does not exist.`, 'Create the custom field first or check its key.');
			w.setField(c, input.field, input.value);
			return OK;
		}
		case 'list.subscribed':
		case 'list.unsubscribed': {
			if (!w.catalog.lists.has(input.list)) return err('input.unknown_list', `List "${input.list}" does not exist.`, 'Create the list first or check its id.');
			w.setListStatus(c, input.list, input.type === 'list.subscribed' ? 'active' : 'unsubscribed');
			return OK;
		}
		case 'email.opened':
		case 'email.replied':
		case 'email.forwarded':
			w.recordActivity(c, at, input.type.slice(6) as 'opened', input.email ?? '', null, input.variant ?? null);
			return OK;
		case 'email.clicked': {
			const ref = input.email ?? '';
			// A click proves an open: record one when the email has none yet.
			if (!c.activity.some((a) => a.type === 'opened' && a.ref === ref))
				w.recordActivity(c, at, 'opened', ref, null, input.variant ?? null);
			w.recordActivity(c, at, 'clicked', ref, input.link, input.variant ?? null);
			return OK;
		}
		case 'email.bounced':
		case 'email.complained': {
			const reason = input.type === 'email.bounced' ? 'bounced' : 'complained';
			w.suppress(normalizeEmail(c.email), reason);
			for (const list of Object.keys(c.lists))
				if (c.lists[list] === 'active') w.setListStatus(c, list, reason === 'bounced' ? 'bounced' : 'unsubscribed');
			return OK;
		}
		case 'form.submitted':
			for (const [k, v] of Object.entries(input.fields ?? {})) if (isKnownField(w, k)) w.setField(c, k, v);
			w.recordActivity(c, at, 'submitted_form', input.form);
			return OK;
		case 'page.visited':
			w.recordActivity(c, at, 'visited', input.url);
			showSiteMessages(e, c, input.url);
			return OK;
		case 'event.recorded':
			w.recordActivity(c, at, 'event', input.name, input.value ?? null);
			return OK;
		case 'conversion.made':
			w.recordActivity(c, at, 'conversion', input.conversion, input.value ?? null);
			return OK;
		case 'sms.replied': {
			if (STOP_WORDS.includes(input.text.trim().toLowerCase())) {
				w.suppress(normalizePhone(c.phone), 'stop');
				if (c.smsConsent) {
					c.smsConsent = false;
					w.dirtyContacts.add(c.idx);
				}
			}
			w.recordActivity(c, at, 'sms_replied', '', input.text);
			return OK;
		}
		case 'note.added': {
			const text = input.text.trim();
			if (!text) return err('note.empty', 'The note is empty.', 'Type the text of the note.');
			w.addContactNote(c, { at, text, ...(input.by ? { by: input.by } : {}) });
			return OK;
		}
		case 'activity.imported': {
			for (const a of input.activities) {
				if (!(a.at <= at)) return err('activity.future', `An imported activity is dated after the current time (${new Date(a.at).toISOString()}).`, 'Import only past activity; schedule future events instead.');
				if (!ACTIVITY_TYPES.has(a.type)) return err('activity.unknown_type', `Activity type "${a.type}" does not exist.`, 'Use opened, clicked, replied, forwarded, visited, event, conversion, submitted_form or sms_replied.');
			}
			w.importActivities(c, input.activities.map((a) => ({ at: a.at, type: a.type, ref: a.ref, value: a.value ?? null, variant: a.variant ?? null })));
			return OK;
		}
		case 'score.adjusted': {
			const cur = c.scores[input.model] ?? 0;
			const v = input.value ?? 0;
			const next = input.op === 'add' ? cur + v : input.op === 'subtract' ? cur - v : input.op === 'set' ? v : 0;
			w.setScore(c, input.model, next);
			return OK;
		}
	}
}

/** The live contact with this id, or an error result naming it. */
function contactOrError(w: World, id: string): Contact | ApplyResult {
	const c = w.contact(id);
	if (!c || c.deleted) return err('input.unknown_contact', `Contact "${id}" does not exist.`, 'Create the contact first or check its id.');
	return c;
}

function isCrmInput(i: Input): i is Extract<Input, { type: CrmInput['type'] }> {
	return CRM_INPUT_TYPES.has(i.type);
}

const ACTIVITY_TYPES = new Set(['received', 'opened', 'clicked', 'replied', 'forwarded', 'submitted_form', 'sms_replied', 'visited', 'event', 'conversion']);

function isKnownField(w: World, field: string): boolean {
	return (STANDARD_FIELDS as readonly string[]).includes(field) || w.catalog.fields.has(field);
}

function checkStage(w: World, pipeline: string, stage: string | undefined): ApplyResult | null {
	const p = w.catalog.pipelines.get(pipeline);
	if (!p) return err('input.unknown_pipeline', `Pipeline "${pipeline}" does not exist.`, 'Check the pipeline id.');
	if (stage && !p.stages.some((s) => s.id === stage)) return err('input.unknown_stage', `Stage "${stage}" is not in pipeline "${p.name}".`, 'Pick a stage of that pipeline.');
	return null;
}

/** Marks pending site messages matching a visited page as shown. */
function showSiteMessages(e: Engine, c: Contact, url: string): void {
	for (const m of e.world.siteMessages) {
		if (m.contact !== c.idx || m.shownAt !== null) continue;
		if (m.page !== '*' && !globMatcher(m.page)(url)) continue;
		m.shownAt = e.now;
		e.world.dirtySiteMessages = true;
		e.trace.add(e.now, c.idx, -1, -1, TraceCode.step_done, { siteMessageShown: m.id, url });
	}
}

/** Creates or updates a contact. New contacts announce their tags and subscriptions to triggers when `announce`. */
export function upsertContact(e: Engine, def: ContactDef, announce: boolean): ApplyResult {
	const w = e.world;
	for (const k of Object.keys(def.fields ?? {}))
		if (!w.catalog.fields.has(k)) return err('input.unknown_field', `Contact field "${k}" does not exist.`, 'Create the custom field first or check its key.');
	for (const l of Object.keys(def.lists ?? {}))
		if (!w.catalog.lists.has(l)) return err('input.unknown_list', `List "${l}" does not exist.`, 'Create the list first or check its id.');
	let c = w.contact(def.id);
	const isNew = !c || c.deleted;
	if (!c || c.deleted) {
		const created = def.createdAt ? parseInstant(def.createdAt) : e.now;
		c = w.insertContact({
			id: def.id,
			email: announce ? '' : (def.email ?? ''),
			phone: announce ? '' : (def.phone ?? ''),
			firstName: announce ? '' : (def.firstName ?? ''),
			lastName: announce ? '' : (def.lastName ?? ''),
			timeZone: def.timeZone ?? '',
			smsConsent: def.smsConsent ?? false,
			siteTracking: def.siteTracking ?? false,
			fields: announce ? {} : { ...(def.fields ?? {}) },
			tags: announce ? [] : [...(def.tags ?? [])],
			lists: announce ? {} : { ...(def.lists ?? {}) },
			scores: announce ? {} : { ...(def.scores ?? {}) },
			account: def.account ?? null,
			createdAt: created,
			activity: (def.activity ?? []).map((a) => ({ at: parseInstant(a.at), type: a.type, ref: a.ref, value: a.value ?? null, variant: a.variant ?? null })),
			notes: (def.notes ?? []).map((n) => ({ at: parseInstant(n.at), text: n.text, ...(n.by ? { by: n.by } : {}) }))
		});
		w.onChange({ type: 'contact.created', c: c.idx });
		if (!announce) return OK;
	}
	for (const f of STANDARD_FIELDS) {
		const v = def[f];
		if (v !== undefined) w.setField(c, f, v);
	}
	if (def.smsConsent !== undefined) c.smsConsent = def.smsConsent;
	if (def.siteTracking !== undefined) c.siteTracking = def.siteTracking;
	for (const [k, v] of Object.entries(def.fields ?? {})) w.setField(c, k, v);
	for (const t of def.tags ?? []) w.addTag(c, t);
	for (const [l, s] of Object.entries(def.lists ?? {})) w.setListStatus(c, l, s);
	for (const [m, v] of Object.entries(def.scores ?? {})) w.setScore(c, m, v);
	if (def.account !== undefined) w.setAccount(c, def.account);
	w.dirtyContacts.add(c.idx);
	void isNew;
	return OK;
}

/** Creates a deal from its definition (announce: emit deal.created for triggers). */
export function createDeal(e: Engine, def: DealDef, announce: boolean): ApplyResult {
	const w = e.world;
	if (w.deals.has(def.id)) return err('input.duplicate_deal', `Deal "${def.id}" already exists.`, 'Use deal.updated to change it.');
	const bad = checkStage(w, def.pipeline, def.stage);
	if (bad) return bad;
	let contact = -1;
	if (def.contact) {
		const c = w.contact(def.contact);
		if (!c) return err('input.unknown_contact', `Contact "${def.contact}" does not exist.`, 'Create the contact first or check its id.');
		contact = c.idx;
	}
	const created = def.createdAt ? parseInstant(def.createdAt) : e.now;
	const d: Deal = {
		id: def.id,
		contact,
		account: def.account ?? null,
		pipeline: def.pipeline,
		stage: def.stage,
		title: def.title,
		value: def.value,
		currency: def.currency,
		owner: def.owner ?? null,
		status: def.status,
		score: def.score,
		fields: { ...(def.fields ?? {}) },
		tasks: (def.tasks ?? []).map((t) => ({
			id: t.id,
			type: t.type,
			title: t.title,
			due: t.due ? parseInstant(t.due) : null,
			assignee: t.assignee ?? null,
			done: t.done,
			doneAt: t.doneAt ? parseInstant(t.doneAt) : null
		})),
		notes: (def.notes ?? []).map((n) => ({ at: parseInstant(n.at), text: n.text, by: n.by })),
		createdAt: created,
		updatedAt: created
	};
	w.insertDeal(d, announce);
	return OK;
}

/**
 * Creates or replaces catalogue entries (lists, emails, forms, conversions, scoring models,
 * pipelines and users by id;
 * fields by key; tags). A field that exists keeps its type: changing it would corrupt the values
 * contacts hold, so that is refused. Everything is checked before anything changes.
 */
export function upsertCatalog(e: Engine, add: CatalogAdditions): ApplyResult {
	const cat = e.world.catalog;
	const check = <T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, list: unknown[] | undefined, what: string): T[] | ApplyResult => {
		const out: T[] = [];
		for (const x of list ?? []) {
			const r = schema.safeParse(x);
			if (!r.success) {
				const iss = zodIssues(r.error)[0];
				return err('input.invalid_catalog', `Invalid ${what}: ${iss ? iss.message : 'bad value'}.`, `Check the ${what} before adding it.`);
			}
			out.push(r.data);
		}
		return out;
	};
	const lists = check(ListDef, add.lists, 'list');
	if (!Array.isArray(lists)) return lists;
	const fields = check(FieldDef, add.fields, 'field');
	if (!Array.isArray(fields)) return fields;
	const emails = check(EmailDef, add.emails, 'email');
	if (!Array.isArray(emails)) return emails;
	const forms = check(FormDef, add.forms, 'form');
	if (!Array.isArray(forms)) return forms;
	const conversions = check(ConversionDef, add.conversions, 'conversion');
	if (!Array.isArray(conversions)) return conversions;
	const scoring = check(ScoringModelDef, add.scoring, 'scoring model');
	if (!Array.isArray(scoring)) return scoring;
	const pipelines = check(PipelineDef, add.pipelines, 'pipeline');
	if (!Array.isArray(pipelines)) return pipelines;
	const users = check(UserDef, add.users, 'user');
	if (!Array.isArray(users)) return users;
	for (const f of fields) {
		const old = cat.fields.get(f.key);
		if (old && old.type !== f.type)
			return err('input.field_type_change', `Field "${old.label}" is of type ${old.type}; it cannot become ${f.type}.`, 'Map to a field of the same type or create a field with another key.');
	}
	const tags = (add.tags ?? []).map((t) => t.trim()).filter(Boolean);
	for (const x of lists) cat.lists.set(x.id, x);
	for (const x of fields) cat.fields.set(x.key, x);
	for (const x of emails) cat.emails.set(x.id, x);
	for (const x of forms) cat.forms.set(x.id, x);
	for (const x of conversions) cat.conversions.set(x.id, x);
	for (const x of scoring) cat.scoring.set(x.id, x);
	for (const x of pipelines) cat.pipelines.set(x.id, x);
	for (const x of users) cat.users.set(x.id, x);
	for (const t of tags) cat.tags.add(t);
	e.world.dirtyCatalog = true;
	return OK;
}
