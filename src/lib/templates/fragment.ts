/**
 * One automation as a portable file: a workspace file holding the automation (as a draft) and
 * exactly the catalogue entries it refers to (lists, tags, custom fields, emails, forms,
 * conversions, scoring models, pipelines, users). Importing it into another workspace maps each
 * reference that does not exist there to an existing entry or creates it.
 */
import type { AutomationDef, StepDef, TriggerDef } from '../engine/schema/automation';
import type { Condition } from '../engine/schema/conditions';
import { FORMAT_VERSION, type WorkspaceFile } from '../engine/schema/file';
import type { CatalogAdditions } from '../engine/inputs';
import { STANDARD_FIELDS, type Catalog } from '../engine/world';

/** Kinds of catalogue entries an automation can refer to. */
export type RefKind = 'list' | 'tag' | 'field' | 'email' | 'form' | 'conversion' | 'scoring' | 'pipeline' | 'user';
export const REF_KINDS: RefKind[] = ['list', 'tag', 'field', 'email', 'form', 'conversion', 'scoring', 'pipeline', 'user'];

/** Renames a reference (return it unchanged to keep it). */
export type RefMapper = (kind: RefKind, id: string) => string;

const isStandardField = (f: string) => (STANDARD_FIELDS as readonly string[]).includes(f);

function mapCondition(c: Condition | undefined, fn: RefMapper): Condition | undefined {
	if (!c || typeof c !== 'object') return c;
	if ('all' in c) return { all: c.all.map((x) => mapCondition(x, fn)!) };
	if ('any' in c) return { any: c.any.map((x) => mapCondition(x, fn)!) };
	const l = { ...c } as Record<string, unknown>;
	const ref = (key: string, kind: RefKind) => {
		if (typeof l[key] === 'string' && l[key]) l[key] = fn(kind, l[key] as string);
	};
	switch (c.kind) {
		case 'field':
			if (!isStandardField(c.field)) ref('field', 'field');
			break;
		case 'tag':
			ref('tag', 'tag');
			break;
		case 'list':
			ref('list', 'list');
			break;
		case 'score':
			ref('model', 'scoring');
			break;
		case 'action':
			ref('email', 'email');
			ref('form', 'form');
			break;
		case 'conversion':
			ref('conversion', 'conversion');
			break;
		case 'deal':
			ref('pipeline', 'pipeline');
			break;
	}
	return l as Condition;
}

/** A contact field reference `{source, field}` (format steps). */
function mapFieldRef(v: unknown, fn: RefMapper): unknown {
	if (!v || typeof v !== 'object') return v;
	const r = v as { source?: string; field?: string };
	if ((r.source ?? 'contact') === 'contact' && typeof r.field === 'string' && !isStandardField(r.field)) return { ...r, field: fn('field', r.field) };
	return v;
}

function mapTrigger(t: TriggerDef, fn: RefMapper): TriggerDef {
	const o = { ...t } as Record<string, unknown>;
	const ref = (key: string, kind: RefKind) => {
		if (typeof o[key] === 'string' && o[key]) o[key] = fn(kind, o[key] as string);
	};
	switch (t.kind) {
		case 'list.subscribed':
		case 'list.unsubscribed':
			ref('list', 'list');
			break;
		case 'tag.added':
		case 'tag.removed':
			ref('tag', 'tag');
			break;
		case 'field.changed':
		case 'date.based':
			if (typeof o.field === 'string' && !isStandardField(o.field)) ref('field', 'field');
			break;
		case 'form.submitted':
			ref('form', 'form');
			break;
		case 'email.opened':
		case 'email.clicked':
		case 'email.replied':
		case 'email.forwarded':
			ref('email', 'email');
			break;
		case 'score.changed':
			ref('model', 'scoring');
			break;
		case 'conversion.made':
			ref('conversion', 'conversion');
			break;
		case 'deal.entered_pipeline':
		case 'deal.stage_changed':
		case 'deal.status_changed':
		case 'deal.task_completed':
			ref('pipeline', 'pipeline');
			break;
	}
	if (t.filter) o.filter = mapCondition(t.filter, fn);
	return o as TriggerDef;
}

function mapStep(s: StepDef, fn: RefMapper): StepDef {
	const o = { ...s } as Record<string, unknown>;
	const ref = (key: string, kind: RefKind) => {
		if (typeof o[key] === 'string' && o[key]) o[key] = fn(kind, o[key] as string);
	};
	const field = (key: string) => {
		if (typeof o[key] === 'string' && !isStandardField(o[key] as string)) ref(key, 'field');
	};
	switch (s.kind) {
		case 'list.subscribe':
		case 'list.unsubscribe':
			ref('list', 'list');
			break;
		case 'tag.add':
		case 'tag.remove':
			ref('tag', 'tag');
			break;
		case 'email.send': {
			ref('email', 'email');
			const ab = s.abTest as { variants?: string[] } | undefined;
			if (ab?.variants) o.abTest = { ...ab, variants: ab.variants.map((v) => fn('email', v)) };
			break;
		}
		case 'email.transactional':
			ref('email', 'email');
			break;
		case 'score.adjust':
			ref('model', 'scoring');
			break;
		case 'conversion.record':
			ref('conversion', 'conversion');
			break;
		case 'contact.update':
			if (Array.isArray(s.updates))
				o.updates = (s.updates as { field: string; value: unknown }[]).map((u) => (isStandardField(u.field) ? u : { ...u, field: fn('field', u.field) }));
			break;
		case 'wait': {
			const w = s.wait as { mode?: string; source?: string; field?: string; conditions?: Condition } | undefined;
			if (w?.mode === 'until_date_field' && (w.source ?? 'contact') === 'contact' && w.field && !isStandardField(w.field)) o.wait = { ...w, field: fn('field', w.field) };
			if (w?.mode === 'until_conditions') o.wait = { ...w, conditions: mapCondition(w.conditions, fn) };
			break;
		}
		case 'ai.prompt':
			field('source');
			field('output');
			break;
		case 'format.copy':
		case 'format.extract':
		case 'format.capitalize':
		case 'format.date_shift':
		case 'format.math':
			o.from = mapFieldRef(s.from, fn);
			o.to = mapFieldRef(s.to, fn);
			if (s.kind === 'format.math' && s.operand && typeof s.operand === 'object' && 'field' in (s.operand as object))
				o.operand = { field: mapFieldRef((s.operand as { field: unknown }).field, fn) };
			break;
		case 'deal.update_field':
			if (typeof s.from === 'string' && !isStandardField(s.from)) ref('from', 'field');
			break;
		case 'deal.add':
		case 'deal.update_stage':
			ref('pipeline', 'pipeline');
			if (typeof s.owner === 'string') ref('owner', 'user');
			break;
		case 'deal.update_owner':
		case 'account.update_owner':
			ref('owner', 'user');
			break;
		case 'salesforce.create_contact':
		case 'salesforce.create_lead':
		case 'salesforce.add_to_campaign':
			field('idField');
			break;
	}
	for (const key of ['conditions'] as const) if (o[key]) o[key] = mapCondition(o[key] as Condition, fn);
	for (const key of ['winner', 'until'] as const) {
		const r = o[key] as { conditions?: Condition } | undefined;
		if (r?.conditions) o[key] = { ...r, conditions: mapCondition(r.conditions, fn) };
	}
	return o as StepDef;
}

/** A copy of `def` with every catalogue reference passed through `fn`. */
export function mapRefs(def: AutomationDef, fn: RefMapper): AutomationDef {
	return { ...def, triggers: def.triggers.map((t) => mapTrigger(t, fn)), steps: def.steps.map((s) => mapStep(s, fn)) };
}

/** Every catalogue reference of `def`, by kind (sorted, unique). */
export function collectRefs(def: AutomationDef): Record<RefKind, string[]> {
	const sets = Object.fromEntries(REF_KINDS.map((k) => [k, new Set<string>()])) as Record<RefKind, Set<string>>;
	mapRefs(def, (kind, id) => {
		sets[kind].add(id);
		return id;
	});
	return Object.fromEntries(REF_KINDS.map((k) => [k, [...sets[k]].sort()])) as Record<RefKind, string[]>;
}

/** The portable file of one automation and the catalogue entries it uses (those that exist). */
export function exportFragment(def: AutomationDef, cat: Catalog): WorkspaceFile {
	const refs = collectRefs(def);
	const pick = <T>(map: Map<string, T>, ids: string[]) => ids.map((id) => map.get(id)).filter((x): x is T => x !== undefined);
	return {
		format: 'journey-studio/workspace',
		version: FORMAT_VERSION,
		name: def.name,
		timeZone: 'UTC',
		fields: pick(cat.fields, refs.field),
		dealFields: [],
		accountFields: [],
		lists: pick(cat.lists, refs.list),
		tags: refs.tag,
		scoring: pick(cat.scoring, refs.scoring),
		users: pick(cat.users, refs.user),
		pipelines: pick(cat.pipelines, refs.pipeline),
		accounts: [],
		contacts: [],
		deals: [],
		emails: pick(cat.emails, refs.email),
		conversions: pick(cat.conversions, refs.conversion),
		forms: pick(cat.forms, refs.form),
		suppressions: [],
		automations: [{ ...structuredClone(def), status: 'draft' }]
	};
}

/** One reference of an imported automation and how it relates to this workspace. */
export interface ImportRef {
	kind: RefKind;
	id: string;
	/** Name in the file (list name, field label, email name…). */
	label: string;
	/** True when an entry with this id exists here (and, for fields, has the same type). */
	exists: boolean;
	/** Existing entries it could be mapped to (same type for fields). */
	candidates: { id: string; label: string }[];
	/** Field type in the file, for fields. */
	type?: string;
}

/** How to resolve one reference: keep/create it under its id, or use an existing entry. */
export type ImportChoice = { to: 'create' } | { to: 'existing'; id: string };

const key = (kind: RefKind, id: string) => `${kind}:${id}`;

function labelsOf(file: WorkspaceFile, kind: RefKind): Map<string, string> {
	switch (kind) {
		case 'list':
			return new Map(file.lists.map((x) => [x.id, x.name]));
		case 'field':
			return new Map(file.fields.map((x) => [x.key, x.label]));
		case 'email':
			return new Map(file.emails.map((x) => [x.id, x.name]));
		case 'form':
			return new Map(file.forms.map((x) => [x.id, x.name]));
		case 'conversion':
			return new Map(file.conversions.map((x) => [x.id, x.name]));
		case 'scoring':
			return new Map(file.scoring.map((x) => [x.id, x.name]));
		case 'pipeline':
			return new Map(file.pipelines.map((x) => [x.id, x.name]));
		case 'user':
			return new Map(file.users.map((x) => [x.id, x.name]));
		case 'tag':
			return new Map(file.tags.map((t) => [t, t]));
	}
}

function catalogEntries(cat: Catalog, kind: RefKind): { id: string; label: string; type?: string }[] {
	switch (kind) {
		case 'list':
			return [...cat.lists.values()].map((x) => ({ id: x.id, label: x.name }));
		case 'field':
			return [...cat.fields.values()].map((x) => ({ id: x.key, label: x.label, type: x.type }));
		case 'email':
			return [...cat.emails.values()].map((x) => ({ id: x.id, label: x.name }));
		case 'form':
			return [...cat.forms.values()].map((x) => ({ id: x.id, label: x.name }));
		case 'conversion':
			return [...cat.conversions.values()].map((x) => ({ id: x.id, label: x.name }));
		case 'scoring':
			return [...cat.scoring.values()].map((x) => ({ id: x.id, label: x.name }));
		case 'pipeline':
			return [...cat.pipelines.values()].map((x) => ({ id: x.id, label: x.name }));
		case 'user':
			return [...cat.users.values()].map((x) => ({ id: x.id, label: x.name }));
		case 'tag':
			return [...cat.tags].map((t) => ({ id: t, label: t }));
	}
}

/** The references of the file's automation, each checked against this workspace's catalogue. */
export function analyzeImport(file: WorkspaceFile, cat: Catalog): ImportRef[] {
	const def = file.automations[0];
	if (!def) return [];
	const refs = collectRefs(def);
	const out: ImportRef[] = [];
	for (const kind of REF_KINDS) {
		const labels = labelsOf(file, kind);
		const here = catalogEntries(cat, kind);
		for (const id of refs[kind]) {
			const type = kind === 'field' ? file.fields.find((f) => f.key === id)?.type : undefined;
			const candidates = here.filter((x) => kind !== 'field' || !type || x.type === type).map(({ id, label }) => ({ id, label }));
			const same = here.find((x) => x.id === id);
			out.push({ kind, id, label: labels.get(id) ?? id, exists: !!same && (kind !== 'field' || !type || same.type === type), candidates, ...(type ? { type } : {}) });
		}
	}
	return out;
}

/** The automation to create and the catalogue entries to add, for the chosen mapping. */
export function resolveImport(file: WorkspaceFile, cat: Catalog, choices: Record<string, ImportChoice>): { def: AutomationDef; additions: CatalogAdditions } {
	const def = file.automations[0];
	const refs = analyzeImport(file, cat);
	const rename = new Map<string, string>();
	const create = new Set<string>();
	for (const r of refs) {
		const c = choices[key(r.kind, r.id)];
		if (c?.to === 'existing') rename.set(key(r.kind, r.id), c.id);
		else if (!r.exists) create.add(key(r.kind, r.id));
	}
	const additions: CatalogAdditions = {};
	const wanted = (kind: RefKind, id: string) => create.has(key(kind, id));
	const lists = file.lists.filter((x) => wanted('list', x.id));
	if (lists.length) additions.lists = lists;
	// A field created under a key this workspace already uses for another type gets a free key.
	const fields = file.fields
		.filter((x) => wanted('field', x.key))
		.map((f) => {
			if (!cat.fields.has(f.key)) return f;
			let n = 2;
			while (cat.fields.has(`${f.key}_${n}`)) n++;
			rename.set(key('field', f.key), `${f.key}_${n}`);
			return { ...f, key: `${f.key}_${n}` };
		});
	if (fields.length) additions.fields = fields;
	const emails = file.emails.filter((x) => wanted('email', x.id));
	if (emails.length) additions.emails = emails;
	const forms = file.forms.filter((x) => wanted('form', x.id));
	if (forms.length) additions.forms = forms;
	const conversions = file.conversions.filter((x) => wanted('conversion', x.id));
	if (conversions.length) additions.conversions = conversions;
	const scoring = file.scoring.filter((x) => wanted('scoring', x.id));
	if (scoring.length) additions.scoring = scoring;
	const pipelines = file.pipelines.filter((x) => wanted('pipeline', x.id));
	if (pipelines.length) additions.pipelines = pipelines;
	const users = file.users.filter((x) => wanted('user', x.id));
	if (users.length) additions.users = users;
	const tags = refs.filter((r) => r.kind === 'tag' && create.has(key('tag', r.id))).map((r) => r.id);
	if (tags.length) additions.tags = tags;
	// A reference the file does not describe (e.g. a list missing from it) cannot be created: it stays as is.
	const mapped = mapRefs(def, (kind, id) => rename.get(key(kind, id)) ?? id);
	return { def: mapped, additions };
}

/** The key under which a reference's choice is given. */
export const importKey = key;
