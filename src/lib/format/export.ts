/**
 * Export of an engine's workspace as a portable workspace file: catalogues, records and the latest
 * definition of every automation with its status, contacts with their notes and engagement history,
 * suppressions. Loading the file back and exporting again gives the same file. Not part of the
 * format: run state (contacts in flight, statistics — a backup keeps those) and secrets (connector
 * credentials live in the app's settings, never in files).
 */
import type { Engine } from '../engine/engine';
import { FORMAT_VERSION, type WorkspaceFile } from '../engine/schema/file';
import type { AutomationDef } from '../engine/schema/automation';
import type { AccountDef, ContactDef, DealDef, NoteDef } from '../engine/schema/workspace';
import { FULL_PLAN } from '../engine/plans';
import { formatInstant } from '../engine/core/time';
import type { Account, Contact, Deal, Note } from '../engine/world';

/** Options of an export. */
export interface ExportOptions {
	/** Name written in the file (the engine does not keep one). */
	name?: string;
}

/** The engine's workspace as a workspace file (plain data, deterministic key order). */
export function exportWorkspace(e: Engine, opts: ExportOptions = {}): WorkspaceFile {
	const cat = e.world.catalog;
	const values = <T>(m: Map<string, T>): T[] => [...m.values()].map(copy);
	const file: WorkspaceFile = {
		format: 'journey-studio/workspace',
		version: FORMAT_VERSION,
		name: opts.name ?? 'Exported workspace',
		timeZone: e.defaultZone
	} as WorkspaceFile;
	if (!samePlan(e.plan, FULL_PLAN)) file.plan = { tier: e.plan.tier, addons: [...e.plan.addons] };
	Object.assign(file, {
		fields: values(cat.fields),
		dealFields: values(cat.dealFields),
		accountFields: values(cat.accountFields),
		lists: values(cat.lists),
		tags: [...cat.tags],
		scoring: values(cat.scoring),
		users: values(cat.users),
		pipelines: values(cat.pipelines),
		accounts: [...e.world.accounts.values()].map(accountDef),
		contacts: e.world.contacts.filter((c) => !c.deleted).map(contactDef),
		deals: [...e.world.deals.values()].map((d) => dealDef(e, d)),
		emails: values(cat.emails),
		conversions: values(cat.conversions),
		forms: values(cat.forms),
		suppressions: [...e.world.suppressions].map(([address, reason]) => ({ address, reason })),
		automations: [...e.slots.values()].map((s): AutomationDef => copy({ ...s.def, status: s.version < 0 ? 'draft' : s.status }))
	});
	return file;
}

function contactDef(c: Contact): ContactDef {
	const d: ContactDef = { id: c.id };
	if (c.email) d.email = c.email;
	if (c.phone) d.phone = c.phone;
	if (c.firstName) d.firstName = c.firstName;
	if (c.lastName) d.lastName = c.lastName;
	if (c.timeZone) d.timeZone = c.timeZone;
	if (c.smsConsent) d.smsConsent = true;
	if (c.siteTracking) d.siteTracking = true;
	if (Object.keys(c.fields).length) d.fields = copy(c.fields);
	if (c.tags.length) d.tags = [...c.tags];
	if (Object.keys(c.lists).length) d.lists = { ...c.lists };
	if (Object.keys(c.scores).length) d.scores = { ...c.scores };
	if (c.account) d.account = c.account;
	d.createdAt = formatInstant(c.createdAt);
	if (c.notes.length) d.notes = c.notes.map(noteDef);
	if (c.activity.length)
		d.activity = c.activity.map((a) => ({
			at: formatInstant(a.at),
			type: a.type,
			ref: a.ref,
			...(a.value !== null ? { value: a.value } : {}),
			...(a.variant !== null ? { variant: a.variant } : {})
		}));
	return d;
}

function dealDef(e: Engine, d: Deal): DealDef {
	const out = { id: d.id } as DealDef;
	const contact = d.contact >= 0 ? e.world.contacts[d.contact] : undefined;
	if (contact && !contact.deleted) out.contact = contact.id;
	if (d.account) out.account = d.account;
	Object.assign(out, {
		pipeline: d.pipeline,
		stage: d.stage,
		title: d.title,
		value: d.value,
		currency: d.currency
	});
	if (d.owner) out.owner = d.owner;
	out.status = d.status;
	out.score = d.score;
	if (Object.keys(d.fields).length) out.fields = copy(d.fields);
	if (d.tasks.length)
		out.tasks = d.tasks.map((t) => {
			const task: NonNullable<DealDef['tasks']>[number] = { id: t.id, type: t.type, title: t.title, done: t.done };
			if (t.due !== null) task.due = formatInstant(t.due);
			if (t.assignee) task.assignee = t.assignee;
			if (t.doneAt !== null) task.doneAt = formatInstant(t.doneAt);
			return task;
		});
	if (d.notes.length) out.notes = d.notes.map(noteDef);
	out.createdAt = formatInstant(d.createdAt);
	return out;
}

function accountDef(a: Account): AccountDef {
	const out: AccountDef = { id: a.id, name: a.name };
	if (a.owner) out.owner = a.owner;
	if (Object.keys(a.fields).length) out.fields = copy(a.fields);
	if (a.notes.length) out.notes = a.notes.map(noteDef);
	return out;
}

function noteDef(n: Note): NoteDef {
	const out: NoteDef = { at: formatInstant(n.at), text: n.text };
	if (n.by !== undefined) out.by = n.by;
	return out;
}

function samePlan(a: { tier: string; addons: string[] }, b: { tier: string; addons: string[] }): boolean {
	return a.tier === b.tier && a.addons.length === b.addons.length && a.addons.every((x) => b.addons.includes(x));
}

/** A deep copy through JSON (definitions and catalogue entries are plain data). */
function copy<T>(v: T): T {
	return JSON.parse(JSON.stringify(v)) as T;
}
