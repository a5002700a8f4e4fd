/**
 * The workspace data the engine reads and changes: contacts, CRM records and catalogues.
 * Every mutation goes through a method here, which records a `Change`; the engine routes changes
 * to triggers, conditional waits and goals, and the host reads the dirty sets to persist.
 */
import type { FieldValue } from './core/values';
import { DirtySet } from './core/dirty';
import type {
	AccountDef,
	ConversionDef,
	EmailDef,
	FieldDef,
	FormDef,
	ListDef,
	ListStatus,
	PipelineDef,
	ScoringModelDef,
	UserDef
} from './schema/workspace';

/** Engagement and behaviour recorded on a contact, read by action/site/event/conversion conditions. */
export type ActivityType =
	| 'received'
	| 'opened'
	| 'clicked'
	| 'replied'
	| 'forwarded'
	| 'submitted_form'
	| 'sms_replied'
	| 'visited'
	| 'event'
	| 'conversion';

/** One recorded activity. `ref` is the email/form/url/event/conversion id; `value` a link, value or text. */
export interface Activity {
	at: number;
	type: ActivityType;
	ref: string;
	value: string | number | null;
	variant: string | null;
}

/** A note on a contact, deal or account. */
export interface Note {
	at: number;
	text: string;
	by?: string;
}

/** A contact as the engine holds it. Missing standard values are empty strings. */
export interface Contact {
	idx: number;
	id: string;
	email: string;
	phone: string;
	firstName: string;
	lastName: string;
	timeZone: string;
	smsConsent: boolean;
	siteTracking: boolean;
	fields: Record<string, FieldValue>;
	tags: string[];
	lists: Record<string, ListStatus>;
	scores: Record<string, number>;
	account: string | null;
	createdAt: number;
	activity: Activity[];
	notes: Note[];
	/** Head of this contact's run list in the run table (-1 when none). */
	firstRun: number;
	/** Bumped on every change; reactive checks compare it. */
	ver: number;
	deleted: boolean;
}

export interface Task {
	id: string;
	type: string;
	title: string;
	due: number | null;
	assignee: string | null;
	done: boolean;
	doneAt: number | null;
}

export interface Deal {
	id: string;
	contact: number; // contact idx or -1
	account: string | null;
	pipeline: string;
	stage: string;
	title: string;
	value: number;
	currency: string;
	owner: string | null;
	status: 'open' | 'won' | 'lost';
	score: number;
	fields: Record<string, FieldValue>;
	tasks: Task[];
	notes: Note[];
	createdAt: number;
	updatedAt: number;
}

export interface Account {
	id: string;
	name: string;
	owner: string | null;
	fields: Record<string, FieldValue>;
	notes: Note[];
}

/** A site message waiting for the contact's next matching page visit. */
export interface SiteMessage {
	id: string;
	contact: number;
	message: string;
	page: string;
	createdAt: number;
	shownAt: number | null;
	automation: string;
	step: string;
}

/** Why an address or phone number may not receive marketing. */
export type SuppressionReason = 'unsubscribed' | 'bounced' | 'complained' | 'stop';

/** A change to workspace data; the engine's reactive wiring listens to these. */
export type Change =
	| { type: 'contact.created'; c: number }
	| { type: 'tag.added' | 'tag.removed'; c: number; tag: string }
	| { type: 'field.changed'; c: number; field: string; from: FieldValue; to: FieldValue }
	| { type: 'list.status_changed'; c: number; list: string; from: ListStatus | null; to: ListStatus | null }
	| { type: 'score.changed'; c: number; model: string; from: number; to: number }
	| { type: 'activity'; c: number; activity: Activity }
	| { type: 'deal.created'; c: number; deal: string }
	| { type: 'deal.stage_changed'; c: number; deal: string; from: string; to: string; fromPipeline: string }
	| { type: 'deal.status_changed'; c: number; deal: string; from: string; to: string }
	| { type: 'deal.task_completed'; c: number; deal: string; task: string; taskType: string }
	| { type: 'deal.changed'; c: number; deal: string }
	| { type: 'account.changed'; account: string }
	| { type: 'goal.achieved' | 'goal.skipped'; c: number; automation: string; goal: string };

/** Catalogues referenced by automations (lists, fields, users, pipelines…). */
export interface Catalog {
	lists: Map<string, ListDef>;
	fields: Map<string, FieldDef>;
	dealFields: Map<string, FieldDef>;
	accountFields: Map<string, FieldDef>;
	users: Map<string, UserDef>;
	pipelines: Map<string, PipelineDef>;
	scoring: Map<string, ScoringModelDef>;
	emails: Map<string, EmailDef>;
	conversions: Map<string, ConversionDef>;
	forms: Map<string, FormDef>;
	tags: Set<string>;
}

/** Standard contact fields addressable by name in conditions, updates and personalization. */
export const STANDARD_FIELDS = ['email', 'phone', 'firstName', 'lastName', 'timeZone'] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

/** Mutable workspace state with a change journal and dirty sets. */
export class World {
	contacts: Contact[] = [];
	contactIndex = new Map<string, number>();
	deals = new Map<string, Deal>();
	dealsOfContact = new Map<number, string[]>();
	accounts = new Map<string, Account>();
	siteMessages: SiteMessage[] = [];
	suppressions = new Map<string, SuppressionReason>();
	catalog: Catalog = {
		lists: new Map(),
		fields: new Map(),
		dealFields: new Map(),
		accountFields: new Map(),
		users: new Map(),
		pipelines: new Map(),
		scoring: new Map(),
		emails: new Map(),
		conversions: new Map(),
		forms: new Map(),
		tags: new Set()
	};
	/** Receives the changes of the types marked in `observed`, in order (the engine installs both). */
	onChange: (change: Change) => void = () => {};
	/** Change types someone listens to; others are not even allocated. */
	observed: Partial<Record<Change['type'], boolean>> = {};
	/** Called for every change to a contact's data (reactive checks). */
	onTouch: (c: number) => void = () => {};
	dirtyContacts = new DirtySet();
	dirtyDeals = new Set<string>();
	dirtyAccounts = new Set<string>();
	dirtyCatalog = false;
	dirtySiteMessages = false;
	dirtySuppressions = false;
	/** @internal Id counters (persisted). */
	dealSeq = 0;
	/** @internal */
	taskSeq = 0;

	/** The contact with this id, or undefined. */
	contact(id: string): Contact | undefined {
		const i = this.contactIndex.get(id);
		return i === undefined ? undefined : this.contacts[i];
	}

	/** Adds a contact record (no change events: the caller decides). */
	insertContact(c: Omit<Contact, 'idx' | 'firstRun' | 'ver' | 'deleted'>): Contact {
		// Built field by field so every contact shares one hidden class (fast, monomorphic access).
		const rec: Contact = {
			idx: this.contacts.length,
			id: c.id,
			email: c.email,
			phone: c.phone,
			firstName: c.firstName,
			lastName: c.lastName,
			timeZone: c.timeZone,
			smsConsent: c.smsConsent,
			siteTracking: c.siteTracking,
			fields: c.fields,
			tags: c.tags,
			lists: c.lists,
			scores: c.scores,
			account: c.account,
			createdAt: c.createdAt,
			activity: c.activity,
			notes: c.notes,
			firstRun: -1,
			ver: 0,
			deleted: false
		};
		this.contacts.push(rec);
		this.contactIndex.set(rec.id, rec.idx);
		for (const t of rec.tags) this.catalog.tags.add(t);
		this.dirtyContacts.add(rec.idx);
		return rec;
	}

	/** Bookkeeping of every contact change; returns whether the change object is wanted. */
	private touch(c: Contact, type: Change['type']): boolean {
		c.ver++;
		this.dirtyContacts.add(c.idx);
		this.onTouch(c.idx);
		return this.observed[type] === true;
	}

	/** Adds a tag; returns false when the contact already had it (tags compare case-insensitively). */
	addTag(c: Contact, tag: string): boolean {
		if (tagIndex(c.tags, tag) >= 0) return false;
		c.tags = appendSmall(c.tags, tag);
		if (!this.catalog.tags.has(tag)) {
			this.catalog.tags.add(tag);
			this.dirtyCatalog = true;
		}
		if (this.touch(c, 'tag.added')) this.onChange({ type: 'tag.added', c: c.idx, tag });
		return true;
	}

	/** Removes a tag (whatever its case); returns false when the contact did not have it. */
	removeTag(c: Contact, tag: string): boolean {
		const i = tagIndex(c.tags, tag);
		if (i < 0) return false;
		tag = c.tags[i];
		c.tags.splice(i, 1);
		if (this.touch(c, 'tag.removed')) this.onChange({ type: 'tag.removed', c: c.idx, tag });
		return true;
	}

	/** Reads a standard or custom field. */
	getField(c: Contact, field: string): FieldValue {
		switch (field) {
			case 'email':
			case 'phone':
			case 'firstName':
			case 'lastName':
			case 'timeZone':
				return c[field];
			default:
				return c.fields[field] ?? null;
		}
	}

	/** Sets a standard or custom field; returns false when the value is unchanged. */
	setField(c: Contact, field: string, value: FieldValue): boolean {
		const from = this.getField(c, field);
		if (sameValue(from, value)) return false;
		switch (field) {
			case 'email':
			case 'phone':
			case 'firstName':
			case 'lastName':
			case 'timeZone':
				c[field] = value == null ? '' : String(value);
				break;
			default:
				if (value === null) delete c.fields[field];
				else c.fields[field] = value;
		}
		if (this.touch(c, 'field.changed')) this.onChange({ type: 'field.changed', c: c.idx, field, from, to: value });
		return true;
	}

	/** Sets the contact's status on a list (null removes the membership). */
	setListStatus(c: Contact, list: string, status: ListStatus | null): boolean {
		const from = c.lists[list] ?? null;
		if (from === status) return false;
		if (status === null) delete c.lists[list];
		else c.lists[list] = status;
		if (this.touch(c, 'list.status_changed')) this.onChange({ type: 'list.status_changed', c: c.idx, list, from, to: status });
		return true;
	}

	/** Sets a named score. */
	setScore(c: Contact, model: string, value: number): boolean {
		const from = c.scores[model] ?? 0;
		if (from === value) return false;
		c.scores[model] = value;
		if (this.touch(c, 'score.changed')) this.onChange({ type: 'score.changed', c: c.idx, model, from, to: value });
		return true;
	}

	/** Records an activity (open, click, visit, event, conversion…). Activities share one shape. */
	recordActivity(c: Contact, at: number, type: ActivityType, ref: string, value: string | number | null = null, variant: string | null = null): void {
		const activity: Activity = { at, type, ref, value, variant };
		c.activity = appendSmall(c.activity, activity);
		if (this.touch(c, 'activity')) this.onChange({ type: 'activity', c: c.idx, activity });
	}

	/** Adds a note to a contact. */
	addContactNote(c: Contact, note: Note): void {
		c.notes.push(note);
		c.ver++;
		this.dirtyContacts.add(c.idx);
	}

	/**
	 * Merges past activities (an import of history) into the contact's activity, which stays in
	 * time order. No trigger fires (it already happened), but conditions see it at once.
	 */
	importActivities(c: Contact, acts: readonly Activity[]): void {
		if (!acts.length) return;
		const merged = [...c.activity, ...acts].sort((a, b) => a.at - b.at);
		c.activity.length = 0;
		for (const a of merged) c.activity.push(a);
		c.ver++;
		this.dirtyContacts.add(c.idx);
		this.onTouch(c.idx);
	}

	/** Adds or replaces a custom contact field definition (its position is kept on replace). */
	defineField(def: FieldDef): void {
		this.catalog.fields.set(def.key, def);
		this.dirtyCatalog = true;
	}

	/** Rewrites a stored custom value after a schema change (no change event: the data did not change meaning). */
	rewriteField(c: Contact, field: string, value: FieldValue): void {
		if (value === null) delete c.fields[field];
		else c.fields[field] = value;
		c.ver++;
		this.dirtyContacts.add(c.idx);
	}

	/** Removes a custom contact field definition and every contact's value of it. */
	removeFieldDef(key: string): void {
		this.catalog.fields.delete(key);
		this.dirtyCatalog = true;
		for (const c of this.contacts) if (key in c.fields) this.rewriteField(c, key, null);
	}

	/** Links the contact to an account (null unlinks). */
	setAccount(c: Contact, account: string | null): boolean {
		if (c.account === account) return false;
		const from = c.account;
		c.account = account;
		if (this.touch(c, 'field.changed')) this.onChange({ type: 'field.changed', c: c.idx, field: 'account', from, to: account });
		return true;
	}

	/** Emits a goal change for a contact (goal achieved / skipped are triggers). */
	goalEvent(c: Contact, type: 'goal.achieved' | 'goal.skipped', automation: string, goal: string): void {
		if (this.touch(c, type)) this.onChange({ type, c: c.idx, automation, goal });
	}

	/** Adds a conversion to the catalogue ("Convert" can create one); false when the id exists. */
	addConversion(def: ConversionDef): boolean {
		if (this.catalog.conversions.has(def.id)) return false;
		this.catalog.conversions.set(def.id, def);
		this.dirtyCatalog = true;
		return true;
	}

	/** Queues a site message for the contact's next matching page visit; returns it with its id. */
	addSiteMessage(m: Omit<SiteMessage, 'id'>): SiteMessage {
		// Derived from the stored messages (no counter to persist).
		let n = this.siteMessages.length;
		let id: string;
		do id = `site-message-${++n}`;
		while (this.siteMessages.some((x) => x.id === id));
		const rec: SiteMessage = { id, contact: m.contact, message: m.message, page: m.page, createdAt: m.createdAt, shownAt: m.shownAt, automation: m.automation, step: m.step };
		this.siteMessages.push(rec);
		this.dirtySiteMessages = true;
		return rec;
	}

	// ---- deals ----

	/** Deals of a contact, newest first (a read-only array: do not mutate it). */
	contactDeals(c: Contact): readonly Deal[] {
		const ids = this.dealsOfContact.get(c.idx);
		if (!ids) return NO_DEALS;
		const out: Deal[] = [];
		for (let i = ids.length - 1; i >= 0; i--) {
			const d = this.deals.get(ids[i]);
			if (d) out.push(d);
		}
		return out;
	}

	/** A fresh deal id. */
	nextDealId(): string {
		let id: string;
		do id = `deal-${++this.dealSeq}`;
		while (this.deals.has(id));
		return id;
	}

	/** A fresh task id. */
	nextTaskId(): string {
		return `task-${++this.taskSeq}`;
	}

	/** Inserts a deal; emits deal.created when `announce`. */
	insertDeal(d: Deal, announce: boolean): void {
		this.deals.set(d.id, d);
		if (d.contact >= 0) {
			const list = this.dealsOfContact.get(d.contact);
			if (list) list.push(d.id);
			else this.dealsOfContact.set(d.contact, [d.id]);
		}
		this.dirtyDeals.add(d.id);
		if (announce && d.contact >= 0) this.touchContactOf(d, { type: 'deal.created', c: d.contact, deal: d.id });
	}

	/** Updates deal properties, emitting stage/status/changed events. */
	updateDeal(d: Deal, patch: Partial<Omit<Deal, 'id' | 'contact' | 'tasks' | 'notes'>>, at: number): void {
		const fromStage = d.stage;
		const fromPipeline = d.pipeline;
		const fromStatus = d.status;
		Object.assign(d, patch);
		d.updatedAt = at;
		this.dirtyDeals.add(d.id);
		if (d.contact < 0) return;
		if (d.stage !== fromStage || d.pipeline !== fromPipeline)
			this.touchContactOf(d, { type: 'deal.stage_changed', c: d.contact, deal: d.id, from: fromStage, to: d.stage, fromPipeline });
		if (d.status !== fromStatus)
			this.touchContactOf(d, { type: 'deal.status_changed', c: d.contact, deal: d.id, from: fromStatus, to: d.status });
		this.touchContactOf(d, { type: 'deal.changed', c: d.contact, deal: d.id });
	}

	/** Marks a deal task done. */
	completeTask(d: Deal, t: Task, at: number): boolean {
		if (t.done) return false;
		t.done = true;
		t.doneAt = at;
		d.updatedAt = at;
		this.dirtyDeals.add(d.id);
		if (d.contact >= 0) this.touchContactOf(d, { type: 'deal.task_completed', c: d.contact, deal: d.id, task: t.id, taskType: t.type });
		return true;
	}

	/** Sets (null: clears) a custom deal field; returns false when the value is unchanged. */
	setDealField(d: Deal, field: string, value: FieldValue, at: number): boolean {
		if (sameValue(d.fields[field] ?? null, value)) return false;
		if (value === null) delete d.fields[field];
		else d.fields[field] = value;
		this.touchDeal(d, at);
		return true;
	}

	/** Adds a task to a deal. */
	addDealTask(d: Deal, t: Task, at: number): void {
		d.tasks.push(t);
		this.touchDeal(d, at);
	}

	/** Adds a note to a deal. */
	addDealNote(d: Deal, note: Note, at: number): void {
		d.notes.push(note);
		this.touchDeal(d, at);
	}

	/** Records a deal change that is not a property patch (task added, note…). */
	touchDeal(d: Deal, at: number): void {
		d.updatedAt = at;
		this.dirtyDeals.add(d.id);
		if (d.contact >= 0) this.touchContactOf(d, { type: 'deal.changed', c: d.contact, deal: d.id });
	}

	/** Removes a deal; its contact's held runs re-check their conditions. */
	deleteDeal(d: Deal): void {
		this.deals.delete(d.id);
		this.unindexDeal(d);
		this.dirtyDeals.add(d.id);
		if (d.contact >= 0) this.touchContactOf(d, { type: 'deal.changed', c: d.contact, deal: d.id });
	}

	/** Links a deal to another contact (idx, -1 for none) and account (null for none). */
	relinkDeal(d: Deal, contact: number, account: string | null, at: number): void {
		if (contact !== d.contact) {
			const old = d.contact;
			this.unindexDeal(d);
			d.contact = contact;
			if (contact >= 0) {
				const list = this.dealsOfContact.get(contact);
				if (list) list.push(d.id);
				else this.dealsOfContact.set(contact, [d.id]);
			}
			const oc = old >= 0 ? this.contacts[old] : undefined;
			if (oc && this.touch(oc, 'deal.changed')) this.onChange({ type: 'deal.changed', c: old, deal: d.id });
		}
		d.account = account;
		this.touchDeal(d, at);
	}

	/** Changes a task's type, title, due date or assignee. */
	updateTask(d: Deal, t: Task, patch: Partial<Pick<Task, 'type' | 'title' | 'due' | 'assignee'>>, at: number): void {
		Object.assign(t, patch);
		this.touchDeal(d, at);
	}

	/** Marks a done task open again. */
	reopenTask(d: Deal, t: Task, at: number): boolean {
		if (!t.done) return false;
		t.done = false;
		t.doneAt = null;
		this.touchDeal(d, at);
		return true;
	}

	/** Removes a task from a deal. */
	removeTask(d: Deal, t: Task, at: number): void {
		const i = d.tasks.indexOf(t);
		if (i >= 0) d.tasks.splice(i, 1);
		this.touchDeal(d, at);
	}

	private unindexDeal(d: Deal): void {
		if (d.contact < 0) return;
		const list = this.dealsOfContact.get(d.contact);
		if (!list) return;
		const i = list.indexOf(d.id);
		if (i >= 0) list.splice(i, 1);
		if (!list.length) this.dealsOfContact.delete(d.contact);
	}

	private touchContactOf(d: Deal, change: Change): void {
		const c = this.contacts[d.contact];
		if (c && this.touch(c, change.type)) this.onChange(change);
	}

	// ---- accounts ----

	/** Records an account change; contacts of the account see it in conditions. */
	touchAccount(a: Account): void {
		this.dirtyAccounts.add(a.id);
		this.onChange({ type: 'account.changed', account: a.id });
	}

	/** A fresh account id. */
	nextAccountId(): string {
		// Derived from the stored accounts (no counter to persist).
		let n = this.accounts.size;
		let id: string;
		do id = `account-${++n}`;
		while (this.accounts.has(id));
		return id;
	}

	/** Inserts a new account record. */
	insertAccount(a: Account): void {
		this.accounts.set(a.id, a);
		this.touchAccount(a);
	}

	/** Sets an account's name, owner or custom field (null clears a custom field); false when unchanged. */
	setAccountField(a: Account, field: string, value: FieldValue): boolean {
		if (field === 'name') {
			const name = value == null ? '' : String(value);
			if (!name || name === a.name) return false;
			a.name = name;
		} else if (field === 'owner') {
			const owner = value == null || value === '' ? null : String(value);
			if (owner === a.owner) return false;
			a.owner = owner;
		} else {
			if (sameValue(a.fields[field] ?? null, value)) return false;
			if (value === null) delete a.fields[field];
			else a.fields[field] = value;
		}
		this.touchAccount(a);
		return true;
	}

	/** Adds a note to an account. */
	addAccountNote(a: Account, note: Note): void {
		a.notes.push(note);
		this.touchAccount(a);
	}

	/** Deletes an account: its contacts and deals are unlinked first. */
	deleteAccount(a: Account, at: number): void {
		for (const c of this.accountContacts(a.id)) this.setAccount(c, null);
		for (const d of this.deals.values()) if (d.account === a.id) this.relinkDeal(d, d.contact, null, at);
		this.accounts.delete(a.id);
		this.dirtyAccounts.add(a.id);
	}

	/** Contacts linked to an account. */
	accountContacts(account: string): Contact[] {
		return this.contacts.filter((c) => c.account === account && !c.deleted);
	}

	// ---- suppression ----

	/** Suppresses a normalised email or phone for marketing. */
	suppress(key: string, reason: SuppressionReason): void {
		if (!key) return;
		this.suppressions.set(key, reason);
		this.dirtySuppressions = true;
	}

	/** Reason the address/phone is suppressed, if any. */
	suppressed(key: string): SuppressionReason | undefined {
		return key ? this.suppressions.get(key) : undefined;
	}
}

const NO_DEALS: readonly Deal[] = Object.freeze([]);

/** Index of a tag in a contact's tags, compared case-insensitively as marketers type them (-1: absent). */
function tagIndex(tags: readonly string[], tag: string): number {
	const i = tags.indexOf(tag);
	if (i >= 0) return i;
	const low = tag.toLowerCase();
	for (let k = 0; k < tags.length; k++) if (tags[k].length === tag.length && tags[k].toLowerCase() === low) return k;
	return -1;
}

/**
 * Appends to a per-contact list. Short lists are copied at their exact size: V8 gives an array 17
 * slots on its first push, which for 100k contacts with one or two tags is most of their memory.
 * Callers must not keep references to the old array.
 */
export function appendSmall<T>(list: T[], item: T): T[] {
	if (list.length < 8) {
		const out = new Array<T>(list.length + 1);
		for (let i = 0; i < list.length; i++) out[i] = list[i];
		out[list.length] = item;
		return out;
	}
	list.push(item);
	return list;
}

/** Normalised email for suppression lookups. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Structural equality of field values. */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
	return (a === null || a === undefined || a === '') && (b === null || b === undefined || b === '');
}

export type { AccountDef, ConversionDef, EmailDef, FieldDef, FormDef, ListDef, PipelineDef, ScoringModelDef, UserDef };
