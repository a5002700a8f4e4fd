/**
 * Importing contacts from a parsed CSV: column mapping (suggested from header names), type checks
 * per column, a row-level error report, duplicates merged by email (within the file and with the
 * workspace's contacts: existing ones are updated, never duplicated), and the plan of engine
 * inputs that one commit applies. Pure: reads the engine, never changes it.
 */
import type { Engine } from '../../engine/engine';
import type { Command } from '../handlers/core';
import type { ContactDef, FieldDef, FieldType, ListStatus } from '../../engine/schema/workspace';
import { FieldDef as FieldDefSchema } from '../../engine/schema/workspace';
import { isValidZone } from '../../engine/schema/common';
import { normalizeEmail, STANDARD_FIELDS } from '../../engine/world';
import type { FieldValue } from '../../engine/core/values';
import { parseFieldText, parseNumber, parseDate, type ConvertReason, type DateOrder } from '../../engine/field-values';
import { toE164 } from '../../engine/core/phone';
import { STANDARD_TAGS } from '../../engine/personalize';
import { fold } from '../contacts/query';
import { unsafeCell } from './csv';

/** Standard contact properties a column can fill. */
export type StandardTarget = 'email' | 'firstName' | 'lastName' | 'fullName' | 'phone' | 'timeZone';

/** Where a column goes. */
export type ColumnTarget =
	| { kind: 'ignore' }
	| { kind: 'standard'; field: StandardTarget }
	| { kind: 'field'; key: string }
	| { kind: 'new_field'; key: string; label: string; type: FieldType; options?: string[] }
	| { kind: 'tags' }
	| { kind: 'list'; list: string }
	| { kind: 'score'; model: string };

/** One column's mapping; `dateOrder` reads dates written with separators. */
export interface ColumnMapping {
	target: ColumnTarget;
	dateOrder?: DateOrder;
}

/** Import options chosen by the user. */
export interface ContactImportOptions {
	/** "valid": import every valid row; "all": import nothing if any row is invalid. */
	mode: 'valid' | 'all';
	/** Subscribe every imported contact to this list (contacts who unsubscribed or bounced stay so). */
	subscribeTo: string | null;
	/** Tags added to every imported contact. */
	addTags: string[];
	/** New contacts' subscriptions and tags fire the automations that listen for them. */
	runAutomations: boolean;
}

/** Why a cell or a row is refused (stable codes, worded by the page in the user's language). */
export type ImportErrorCode =
	| ConvertReason
	| 'email_missing'
	| 'email_invalid'
	| 'phone_invalid'
	| 'zone_invalid'
	| 'status_invalid'
	| 'cell_count';

/** One line of the error report. `row` is the spreadsheet row number (the header is row 1). */
export interface ImportError {
	row: number;
	column: string;
	value: string;
	code: ImportErrorCode;
	/** Extra detail for the message (expected cell count, the options of a dropdown…). */
	detail?: string;
}

/** A mapping problem that blocks the import (not tied to a row). */
export interface MappingIssue {
	column: string | null;
	code: 'no_email_column' | 'duplicate_target' | 'unknown_field' | 'unknown_list' | 'unknown_model' | 'field_exists' | 'field_invalid' | 'field_reserved' | 'new_field_twice';
}

/** The outcome of checking a file against a mapping. */
export interface ContactImportCheck {
	rows: number;
	validRows: number;
	invalidRows: number;
	/** Contacts the commit would create and update (after merging duplicates). */
	creates: number;
	updates: number;
	/** Valid rows folded into another row of the file with the same email. */
	mergedInFile: number;
	/** Existing contacts the "subscribe to" option leaves unsubscribed/bounced. */
	keptUnsubscribed: number;
	errors: ImportError[];
	issues: MappingIssue[];
	/** Whether a commit with the chosen mode would import anything. */
	canCommit: boolean;
}

/** Suggested target for each header, from its name and the workspace's fields, lists and models. */
export function suggestMapping(e: Engine, headers: string[], rows: string[][]): ColumnMapping[] {
	const cat = e.world.catalog;
	const used = new Set<string>();
	return headers.map((h, col) => {
		const n = norm(h);
		const sample = rows.slice(0, 200).map((r) => unsafeCell(r[col] ?? '').trim()).filter(Boolean);
		const pick = (t: ColumnTarget, key: string): ColumnMapping => {
			if (used.has(key)) return { target: { kind: 'ignore' } };
			used.add(key);
			return { target: t, ...(t.kind === 'field' || t.kind === 'new_field' ? dateOrderFor(sample) : {}) };
		};
		for (const [field, words] of SYNONYMS) if (words.includes(n)) return pick({ kind: 'standard', field }, `std:${field}`);
		if (['tags', 'tag', 'etiquettes', 'etiquette', 'labels'].includes(n)) return pick({ kind: 'tags' }, 'tags');
		for (const f of cat.fields.values()) if (norm(f.key) === n || norm(f.label) === n) return pick({ kind: 'field', key: f.key }, `field:${f.key}`);
		const list = /^(list|liste)[:_ ]?(.+)$/.exec(n);
		for (const l of cat.lists.values())
			if ((list && (norm(list[2]) === norm(l.id) || norm(list[2]) === norm(l.name))) || norm(l.name) === n) return pick({ kind: 'list', list: l.id }, `list:${l.id}`);
		const score = /^(score)[:_ ]?(.+)$/.exec(n);
		for (const m of cat.scoring.values())
			if (m.target !== 'deal' && ((score && (norm(score[2]) === norm(m.id) || norm(score[2]) === norm(m.name))) || norm(m.name) === n)) return pick({ kind: 'score', model: m.id }, `score:${m.id}`);
		if (IGNORED.includes(n) || !sample.length) return { target: { kind: 'ignore' } };
		const key = fieldKeyFor(h, cat.fields);
		let type = inferType(sample);
		// A dropdown offers every value of the column, not only those of the first rows.
		const options = type === 'dropdown' ? distinct(rows.map((r) => unsafeCell(r[col] ?? '').trim()).filter(Boolean)) : undefined;
		if (options && options.length > 30) type = 'text';
		return pick({ kind: 'new_field', key, label: h.trim() || key, type, ...(type === 'dropdown' && options ? { options } : {}) }, `new:${key}`);
	});
}

/** Checks every row against the mapping; returns counts and the row-level error report. */
export function checkContactImport(e: Engine, headers: string[], rows: string[][], mapping: ColumnMapping[], opts: ContactImportOptions): ContactImportCheck {
	const plan = planContactImport(e, headers, rows, mapping, opts);
	const { defs: _defs, newFields: _nf, ...check } = plan;
	return check;
}

/** The check plus what to apply: new field definitions and one contact definition per email. */
export interface ContactImportPlan extends ContactImportCheck {
	newFields: FieldDef[];
	defs: ContactDef[];
}

/** Builds the import plan (see ContactImportPlan). */
export function planContactImport(e: Engine, headers: string[], rows: string[][], mapping: ColumnMapping[], opts: ContactImportOptions): ContactImportPlan {
	const w = e.world;
	const cat = w.catalog;
	const issues = mappingIssues(e, headers, mapping, opts);
	const newFields = new Map<string, FieldDef>();
	for (const m of mapping) if (m.target.kind === 'new_field') newFields.set(m.target.key, newFieldDef(m.target));
	const fieldDef = (key: string) => cat.fields.get(key) ?? newFields.get(key);
	const emailCol = mapping.findIndex((m) => m.target.kind === 'standard' && m.target.field === 'email');
	const errors: ImportError[] = [];
	let validRows = 0;
	// One merged record per email, in first-seen order.
	const merged = new Map<string, Patch>();
	let mergedInFile = 0;
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		const rowNo = i + 2;
		const before = errors.length;
		if (row.length !== headers.length && !(row.length > headers.length && row.slice(headers.length).every((c) => c.trim() === '')))
			errors.push({ row: rowNo, column: '', value: '', code: 'cell_count', detail: `${row.length}/${headers.length}` });
		const patch: Patch = { email: '', std: {}, fields: {}, tags: [], lists: {}, scores: {} };
		for (let col = 0; col < mapping.length; col++) {
			const t = mapping[col].target;
			if (t.kind === 'ignore') continue;
			const raw = unsafeCell(row[col] ?? '');
			const text = raw.trim();
			const fail = (code: ImportErrorCode, detail?: string) => errors.push({ row: rowNo, column: headers[col], value: raw, code, ...(detail ? { detail } : {}) });
			switch (t.kind) {
				case 'standard':
					if (t.field === 'email') {
						if (!text) fail('email_missing');
						else if (!EMAIL.test(text)) fail('email_invalid');
						else patch.email = text;
					} else if (!text) continue;
					else if (t.field === 'phone') {
						const p = toE164(text, 'FR') || toE164(text);
						if (!p) fail('phone_invalid');
						else patch.std.phone = p;
					} else if (t.field === 'timeZone') {
						if (!isValidZone(text)) fail('zone_invalid');
						else patch.std.timeZone = text;
					} else if (t.field === 'fullName') {
						const sp = text.indexOf(' ');
						patch.std.firstName ??= sp < 0 ? text : text.slice(0, sp);
						if (sp > 0) patch.std.lastName ??= text.slice(sp + 1).trim();
					} else patch.std[t.field] = text;
					break;
				case 'field':
				case 'new_field': {
					const def = fieldDef(t.key);
					if (!def) continue;
					const r = parseFieldText(def, raw, mapping[col].dateOrder ?? 'iso');
					if (!r.ok) fail(r.reason, def.options?.join(', '));
					else if (r.value !== null && !(def.type === 'checkbox' && !text)) patch.fields[t.key] = r.value;
					break;
				}
				case 'tags':
					for (const tag of text.split(/[,;|]/).map((s) => s.trim()).filter(Boolean)) if (!patch.tags.includes(tag)) patch.tags.push(tag);
					break;
				case 'list': {
					if (!text) continue;
					const st = listStatus(text);
					if (st === undefined) fail('status_invalid');
					else if (st !== null) patch.lists[t.list] = st;
					break;
				}
				case 'score': {
					if (!text) continue;
					const n = parseNumber(text);
					if (n === null) fail('not_a_number');
					else patch.scores[t.model] = n;
					break;
				}
			}
		}
		if (emailCol < 0) continue;
		if (errors.length > before) continue;
		validRows++;
		for (const tag of opts.addTags) if (tag.trim() && !patch.tags.includes(tag.trim())) patch.tags.push(tag.trim());
		const key = normalizeEmail(patch.email);
		const prev = merged.get(key);
		if (prev) {
			mergePatch(prev, patch);
			mergedInFile++;
		} else merged.set(key, patch);
	}

	// Existing contacts, by normalised email (the first live one wins).
	const byEmail = new Map<string, string>();
	for (const c of w.contacts) {
		if (c.deleted || !c.email) continue;
		const k = normalizeEmail(c.email);
		if (!byEmail.has(k)) byEmail.set(k, c.id);
	}
	const defs: ContactDef[] = [];
	let creates = 0;
	let updates = 0;
	let keptUnsubscribed = 0;
	let seq = w.contacts.length;
	const newIds = new Set<string>();
	for (const [key, p] of merged) {
		const existingId = byEmail.get(key);
		const def: ContactDef = { id: existingId ?? '' };
		if (!existingId) {
			let id: string;
			do id = `ct-${(++seq).toString(36)}`;
			while (w.contactIndex.has(id) || newIds.has(id));
			newIds.add(id);
			def.id = id;
			def.email = p.email;
			creates++;
		} else updates++;
		Object.assign(def, p.std);
		if (Object.keys(p.fields).length) def.fields = p.fields;
		if (p.tags.length) def.tags = p.tags;
		const lists = { ...p.lists };
		if (opts.subscribeTo && !(opts.subscribeTo in lists)) {
			const cur = existingId ? w.contact(existingId)!.lists[opts.subscribeTo] : undefined;
			if (cur === 'unsubscribed' || cur === 'bounced') keptUnsubscribed++;
			else lists[opts.subscribeTo] = 'active';
		}
		if (Object.keys(lists).length) def.lists = lists;
		if (Object.keys(p.scores).length) def.scores = p.scores;
		defs.push(def);
	}
	const invalidRows = rows.length - validRows;
	const blocked = issues.length > 0 || (opts.mode === 'all' && invalidRows > 0);
	return {
		rows: rows.length,
		validRows,
		invalidRows,
		creates,
		updates,
		mergedInFile,
		keptUnsubscribed,
		errors,
		issues,
		canCommit: !blocked && defs.length > 0,
		newFields: [...newFields.values()],
		defs
	};
}

/** The engine commands of a plan, in order: field definitions, then one upsert per contact. */
export function commandsOf(plan: ContactImportPlan, opts: ContactImportOptions): Command[] {
	return [
		...plan.newFields.map((field): Command => ({ type: 'field.defined', field })),
		...plan.defs.map((contact): Command => ({ type: 'contact.upserted', contact, announce: opts.runAutomations }))
	];
}

interface Patch {
	email: string;
	std: Partial<Record<'firstName' | 'lastName' | 'phone' | 'timeZone', string>>;
	fields: Record<string, FieldValue>;
	tags: string[];
	lists: Record<string, ListStatus>;
	scores: Record<string, number>;
}

/** Later rows win for values they carry; tags add up. */
function mergePatch(into: Patch, p: Patch): void {
	Object.assign(into.std, p.std);
	Object.assign(into.fields, p.fields);
	for (const t of p.tags) if (!into.tags.some((x) => x.toLowerCase() === t.toLowerCase())) into.tags.push(t);
	Object.assign(into.lists, p.lists);
	Object.assign(into.scores, p.scores);
}

function mappingIssues(e: Engine, headers: string[], mapping: ColumnMapping[], opts: ContactImportOptions): MappingIssue[] {
	const cat = e.world.catalog;
	const out: MappingIssue[] = [];
	const seen = new Set<string>();
	let hasEmail = false;
	mapping.forEach((m, i) => {
		const t = m.target;
		const column = headers[i] ?? null;
		const key = t.kind === 'standard' ? `std:${t.field}` : t.kind === 'field' || t.kind === 'new_field' ? `field:${t.key}` : t.kind === 'list' ? `list:${t.list}` : t.kind === 'score' ? `score:${t.model}` : t.kind === 'tags' ? null : null;
		if (key) {
			if (seen.has(key)) out.push({ column, code: t.kind === 'new_field' ? 'new_field_twice' : 'duplicate_target' });
			seen.add(key);
		}
		if (t.kind === 'standard' && t.field === 'email') hasEmail = true;
		if (t.kind === 'field' && !cat.fields.has(t.key)) out.push({ column, code: 'unknown_field' });
		if (t.kind === 'list' && !cat.lists.has(t.list)) out.push({ column, code: 'unknown_list' });
		if (t.kind === 'score' && !cat.scoring.has(t.model)) out.push({ column, code: 'unknown_model' });
		if (t.kind === 'new_field') {
			if (cat.fields.has(t.key)) out.push({ column, code: 'field_exists' });
			else if (RESERVED.has(t.key)) out.push({ column, code: 'field_reserved' });
			else if (!FieldDefSchema.safeParse(newFieldDef(t)).success || ((t.type === 'dropdown' || t.type === 'multiselect') && !(t.options ?? []).length))
				out.push({ column, code: 'field_invalid' });
		}
	});
	if (!hasEmail) out.push({ column: null, code: 'no_email_column' });
	if (opts.subscribeTo && !cat.lists.has(opts.subscribeTo)) out.push({ column: null, code: 'unknown_list' });
	return out;
}

function newFieldDef(t: Extract<ColumnTarget, { kind: 'new_field' }>): FieldDef {
	return { key: t.key, label: t.label.trim() || t.key, type: t.type, ...(t.type === 'dropdown' || t.type === 'multiselect' ? { options: t.options ?? [] } : {}) };
}

const RESERVED = new Set([...STANDARD_FIELDS.map((f) => f.toLowerCase()), ...STANDARD_TAGS.map((t) => t.toLowerCase()), 'account', 'id', 'tags', 'lists', 'scores', 'notes']);

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** Cell text → list status (null: no membership; undefined: not a status). */
function listStatus(text: string): ListStatus | null | undefined {
	const t = fold(text.trim());
	if (['active', 'actif', 'subscribed', 'abonne', 'yes', 'oui', 'true', '1', 'x'].includes(t)) return 'active';
	if (['unsubscribed', 'desabonne', 'desinscrit'].includes(t)) return 'unsubscribed';
	if (['bounced', 'rejete', 'bounce'].includes(t)) return 'bounced';
	if (['unconfirmed', 'non confirme', 'pending', 'en attente'].includes(t)) return 'unconfirmed';
	if (['no', 'non', 'false', '0', ''].includes(t)) return null;
	return undefined;
}

/** Header words that name a standard property, normalised (no accents, spaces, punctuation). */
const SYNONYMS: [StandardTarget, string[]][] = [
	['email', ['email', 'emailaddress', 'mail', 'courriel', 'adresseemail', 'adressemail', 'adresseelectronique', 'adressecourriel']],
	['firstName', ['firstname', 'first', 'givenname', 'prenom', 'forename']],
	['lastName', ['lastname', 'last', 'surname', 'familyname', 'nom', 'nomdefamille']],
	['fullName', ['name', 'fullname', 'nomcomplet', 'contactname']],
	['phone', ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'portable', 'cell', 'cellphone', 'numero']],
	['timeZone', ['timezone', 'tz', 'zone', 'fuseau', 'fuseauhoraire']]
];

/** Header names of columns an export writes that an import does not map back. */
const IGNORED = ['id', 'createdat', 'created', 'creation', 'datedecreation'];

function norm(s: string): string {
	return fold(s).replace(/[^a-z0-9:]/g, '');
}

/** A free lower_snake_case key for a header ("Favourite roast" → favourite_roast). */
function fieldKeyFor(header: string, fields: ReadonlyMap<string, FieldDef>): string {
	let base = fold(header)
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	if (!/^[a-z]/.test(base)) base = `field_${base}`.replace(/_+$/, '');
	if (RESERVED.has(base)) base = `${base}_2`;
	let key = base || 'field';
	for (let i = 2; fields.has(key); i++) key = `${base}_${i}`;
	return key;
}

/** The type most cells of a column fit: number, date, checkbox, dropdown (few repeated values) or text. */
function inferType(sample: string[]): FieldType {
	if (!sample.length) return 'text';
	const share = (ok: (s: string) => boolean) => sample.filter(ok).length / sample.length;
	if (share((s) => parseNumber(s) !== null) >= 0.95) return 'number';
	if (share((s) => parseDate(s, 'dmy') !== null || parseDate(s) !== null) >= 0.95) return 'date';
	if (share((s) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) >= 0.95) return 'datetime';
	if (share((s) => /^(true|false|yes|no|oui|non)$/i.test(s)) >= 0.95) return 'checkbox';
	const values = distinct(sample);
	if (sample.length >= 10 && values.length <= 12 && values.length * 3 <= sample.length && values.every((v) => v.length <= 40)) return 'dropdown';
	if (sample.some((s) => s.length > 200 || s.includes('\n'))) return 'textarea';
	return 'text';
}

/** How dates of a column are written: ISO unless a day-first or month-first pattern is evident. */
function dateOrderFor(sample: string[]): { dateOrder?: DateOrder } {
	const sep = sample.map((s) => /^(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}/.exec(s)).filter((m) => m !== null);
	if (!sep.length) return {};
	if (sep.some((m) => Number(m[1]) > 12)) return { dateOrder: 'dmy' };
	if (sep.some((m) => Number(m[2]) > 12)) return { dateOrder: 'mdy' };
	return { dateOrder: 'dmy' };
}

function distinct(values: string[]): string[] {
	const out: string[] = [];
	const seen = new Set<string>();
	for (const v of values) {
		const k = v.toLowerCase();
		if (!seen.has(k)) {
			seen.add(k);
			out.push(v);
		}
	}
	return out;
}
