/**
 * What the builder's inspector and the email library read and write: a plain view of the open
 * workspace's catalogues (lists, fields, tags, users, pipelines, emails, automations…), email
 * previews rendered for a contact, and the email library's save/delete (engine inputs).
 */
import type { ApplyResult, Engine } from '../../engine/engine';
import type { EmailDef, FieldType, PlanDef } from '../../engine/schema/workspace';
import { compileTemplate, render } from '../../engine/personalize';
import { emailUsers } from '../../engine/emails';
import { DEAL_STANDARD_FIELDS, ACCOUNT_STANDARD_FIELDS } from '../../engine/steps/fields';
import { STANDARD_FIELDS } from '../../engine/world';
import type { HandlerCtx } from './context';

/** A contact, deal or account field as pickers show it. Standard fields have `standard: true`. */
export interface FieldInfo {
	key: string;
	label: string;
	type: FieldType;
	options?: string[];
	standard?: boolean;
}

/** An automation as other automations' pickers see it. */
export interface AutomationRef {
	id: string;
	name: string;
	status: 'draft' | 'active' | 'inactive';
	steps: { id: string; kind: string; label: string }[];
	goals: { id: string; label: string }[];
	triggers: { id: string; kind: string }[];
}

/** The open workspace's catalogues, as plain data. */
export interface CatalogView {
	lists: { id: string; name: string }[];
	fields: { contact: FieldInfo[]; deal: FieldInfo[]; account: FieldInfo[] };
	tags: string[];
	users: { id: string; name: string; email: string }[];
	pipelines: { id: string; name: string; stages: { id: string; name: string }[] }[];
	emails: { id: string; name: string; subject: string; fromEmail?: string }[];
	conversions: { id: string; name: string; value?: number }[];
	forms: { id: string; name: string }[];
	scoring: { id: string; name: string; target: 'contact' | 'deal' }[];
	accounts: { id: string; name: string }[];
	automations: AutomationRef[];
	plan: PlanDef;
	/** The workspace's default time zone. */
	timeZone: string;
	/** A few contacts for previews. */
	sampleContacts: { id: string; name: string; email: string }[];
}

/** An email rendered for one contact. `html` is NOT sanitized: the page sanitizes before showing it. */
export interface RenderedEmail {
	subject: string;
	preheader: string;
	html: string;
	fromName: string;
	fromEmail: string;
	contact: { id: string; name: string; email: string } | null;
}

/** What to render: a library email or an unsaved draft. */
export type RenderRequest = { contactId?: string } & ({ emailId: string } | { draft: { subject: string; preheader?: string; body: string; fromName?: string; fromEmail?: string } });

/** An email of the library with the automations using it. */
export interface LibraryEmail extends EmailDef {
	usedBy: { id: string; name: string }[];
}

const SAMPLE_CONTACTS = 20;
const MAX_ACCOUNTS = 1000;

const STANDARD_LABELS: Record<string, string> = {
	email: 'Email',
	phone: 'Phone',
	firstName: 'First name',
	lastName: 'Last name',
	timeZone: 'Time zone',
	title: 'Title',
	value: 'Value',
	currency: 'Currency',
	status: 'Status',
	stage: 'Stage',
	owner: 'Owner',
	score: 'Score',
	name: 'Name'
};

function standard(keys: readonly string[], types: Record<string, FieldType> = {}): FieldInfo[] {
	return keys.map((key) => ({ key, label: STANDARD_LABELS[key] ?? key, type: types[key] ?? 'text', standard: true, ...(key === 'status' ? { options: ['open', 'won', 'lost'] } : {}) }));
}

/** The catalogue view of an engine's workspace. */
export function catalogOf(e: Engine): CatalogView {
	const c = e.world.catalog;
	const field = (f: { key: string; label: string; type: FieldType; options?: string[] }): FieldInfo => ({ key: f.key, label: f.label, type: f.type, ...(f.options ? { options: [...f.options] } : {}) });
	const automations: AutomationRef[] = [...e.slots.values()].map((s) => ({
		id: s.id,
		name: s.def.name,
		status: s.status,
		steps: s.def.steps.map((x) => ({ id: x.id, kind: x.kind, label: x.label ?? '' })),
		goals: s.def.steps.filter((x) => x.kind === 'goal').map((x) => ({ id: x.id, label: x.label ?? '' })),
		triggers: s.def.triggers.map((t) => ({ id: t.id, kind: t.kind }))
	}));
	const sampleContacts: CatalogView['sampleContacts'] = [];
	for (const ct of e.world.contacts) {
		if (ct.deleted) continue;
		sampleContacts.push({ id: ct.id, name: [ct.firstName, ct.lastName].filter(Boolean).join(' '), email: ct.email });
		if (sampleContacts.length >= SAMPLE_CONTACTS) break;
	}
	return {
		lists: [...c.lists.values()].map((l) => ({ id: l.id, name: l.name })),
		fields: {
			contact: [...standard(STANDARD_FIELDS), ...[...c.fields.values()].map(field)],
			deal: [...standard(DEAL_STANDARD_FIELDS, { value: 'number', score: 'number', status: 'dropdown' }), ...[...c.dealFields.values()].map(field)],
			account: [...standard(ACCOUNT_STANDARD_FIELDS), ...[...c.accountFields.values()].map(field)]
		},
		tags: [...c.tags].sort((a, b) => a.localeCompare(b)),
		users: [...c.users.values()].map((u) => ({ id: u.id, name: u.name, email: u.email })),
		pipelines: [...c.pipelines.values()].map((p) => ({ id: p.id, name: p.name, stages: p.stages.map((s) => ({ id: s.id, name: s.name })) })),
		emails: [...c.emails.values()].map((m) => ({ id: m.id, name: m.name, subject: m.subject, ...(m.fromEmail ? { fromEmail: m.fromEmail } : {}) })),
		conversions: [...c.conversions.values()].map((x) => ({ id: x.id, name: x.name, ...(x.value !== undefined ? { value: x.value } : {}) })),
		forms: [...c.forms.values()].map((f) => ({ id: f.id, name: f.name })),
		scoring: [...c.scoring.values()].map((m) => ({ id: m.id, name: m.name, target: m.target })),
		accounts: [...e.world.accounts.values()].slice(0, MAX_ACCOUNTS).map((a) => ({ id: a.id, name: a.name })),
		automations,
		plan: { tier: e.plan.tier, addons: [...e.plan.addons] },
		timeZone: e.defaultZone,
		sampleContacts
	};
}

/** Renders an email (library or draft) for a contact; personalization values are HTML-escaped in the body. */
export function renderEmailFor(e: Engine, req: RenderRequest): RenderedEmail | null {
	const src = 'emailId' in req ? e.world.catalog.emails.get(req.emailId) : req.draft;
	if (!src) return null;
	const contact = req.contactId ? e.world.contact(req.contactId) : e.world.contacts.find((x) => !x.deleted);
	const live = contact && !contact.deleted ? contact : undefined;
	const scope = live ? { world: e.world, contact: live, deal: null } : null;
	const text = (t: string, html: boolean) => (scope ? render(compileTemplate(t), scope, html) : t);
	return {
		subject: text(src.subject, false),
		preheader: text(src.preheader ?? '', false),
		html: text(src.body, true),
		fromName: src.fromName ?? '',
		fromEmail: src.fromEmail ?? '',
		contact: live ? { id: live.id, name: [live.firstName, live.lastName].filter(Boolean).join(' '), email: live.email } : null
	};
}

export const catalogHandlers = {
	/** The catalogues of the open workspace. */
	catalog: ({ rt }: HandlerCtx): CatalogView => catalogOf(rt.engine),
	/** An email rendered for a contact (the first contact when none is given). */
	renderEmail: ({ rt }: HandlerCtx, req: RenderRequest): RenderedEmail | null => renderEmailFor(rt.engine, req),
	/** Every email of the library with the automations that use it. */
	emailLibrary: ({ rt }: HandlerCtx): LibraryEmail[] =>
		[...rt.engine.world.catalog.emails.values()].map((m) => ({ ...m, usedBy: emailUsers(rt.engine, m.id) })),
	/** One library email, or null. */
	libraryEmail: ({ rt }: HandlerCtx, id: string): EmailDef | null => {
		const m = rt.engine.world.catalog.emails.get(id);
		return m ? { ...m } : null;
	},
	/** Creates or replaces a library email (validated by the engine). */
	saveEmail: ({ rt }: HandlerCtx, email: EmailDef): Promise<ApplyResult> => rt.apply({ type: 'email.saved', email }),
	/** Deletes a library email that no automation uses. */
	deleteEmail: ({ rt }: HandlerCtx, id: string): Promise<ApplyResult> => rt.apply({ type: 'email.deleted', email: id })
};
