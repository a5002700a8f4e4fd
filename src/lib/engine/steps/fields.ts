/**
 * Field references shared by the Format data and CRM steps: `{ source, field }` names a contact,
 * deal or account field (standard properties by name, anything else a custom field). Reads and
 * writes go through here; writes are coerced to the field's type and go through World methods so
 * that triggers and reactive checks see them.
 */
import { z } from 'zod';
import type { FieldValue } from '../core/values';
import { accountField, dealField } from '../conditions/crm';
import { compileTemplate, render, type Template } from '../personalize';
import type { Engine } from '../engine';
import type { Account, Catalog, Deal } from '../world';
import type { FieldType } from '../schema/workspace';
import type { ValidateCtx } from './kind';
import { coerceValue, type FieldSpec } from './coerce';

/** Which record a field belongs to. */
export const FieldSource = z.enum(['contact', 'deal', 'account']);
export type FieldSource = z.infer<typeof FieldSource>;

/** A field of the contact, of the deal in context, or of the contact's account. */
export const FieldRef = z.object({ source: FieldSource.default('contact'), field: z.string().min(1, 'choose a field') }).strict();
export type FieldRef = z.infer<typeof FieldRef>;

/** Standard deal properties addressable by name. */
export const DEAL_STANDARD_FIELDS = ['title', 'value', 'currency', 'status', 'stage', 'owner', 'score'] as const;
/** Standard account properties addressable by name. */
export const ACCOUNT_STANDARD_FIELDS = ['name', 'owner'] as const;

const CONTACT_SPECS: Record<string, FieldSpec> = {
	email: { type: 'text', special: 'email' },
	phone: { type: 'text' },
	firstName: { type: 'text' },
	lastName: { type: 'text' },
	timeZone: { type: 'text', special: 'zone' }
};
const DEAL_SPECS: Record<string, FieldSpec> = {
	title: { type: 'text', special: 'required' },
	value: { type: 'number' },
	currency: { type: 'text', special: 'currency' },
	status: { type: 'dropdown', options: ['open', 'won', 'lost'], special: 'required' },
	stage: { type: 'text', special: 'stage' },
	owner: { type: 'text', special: 'user' },
	score: { type: 'number' }
};
const ACCOUNT_SPECS: Record<string, FieldSpec> = {
	name: { type: 'text', special: 'required' },
	owner: { type: 'text', special: 'user' }
};

/** What a field holds, or null when the field does not exist. */
export function fieldSpec(cat: Catalog, source: FieldSource, field: string): FieldSpec | null {
	const std = source === 'contact' ? CONTACT_SPECS : source === 'deal' ? DEAL_SPECS : ACCOUNT_SPECS;
	if (Object.hasOwn(std, field)) return std[field];
	const defs = source === 'contact' ? cat.fields : source === 'deal' ? cat.dealFields : cat.accountFields;
	const f = defs.get(field);
	return f ? { type: f.type, options: f.options } : null;
}

const SOURCE_NAMES: Record<FieldSource, string> = { contact: 'Contact', deal: 'Deal', account: 'Account' };

/**
 * Validates a field reference: it must exist and, when `types` is given, be of one of those types
 * (standard properties count as their own type: text, or number for deal value and score).
 */
export function checkFieldRef(v: ValidateCtx, ref: FieldRef, path: (string | number)[], types?: FieldType[]): void {
	const at = [...path, 'field'];
	if (ref.source === 'contact') {
		v.field(ref.field, at, types);
		return;
	}
	const spec = fieldSpec(v.catalog, ref.source, ref.field);
	if (!spec) {
		v.report('ref.field', `${SOURCE_NAMES[ref.source]} field "${ref.field}" does not exist.`, `Pick an existing ${ref.source} field or create it in the ${ref.source} field settings.`, at);
		return;
	}
	if (types && !types.includes(spec.type))
		v.report('ref.field_type', `${SOURCE_NAMES[ref.source]} field "${ref.field}" is of type ${spec.type}, but a ${types.join(' or ')} field is needed here.`, `Pick a ${types.join(' or ')} field.`, at);
}

/** The contact's zone (for dates), falling back to the workspace zone. */
export function zoneOfRun(e: Engine, r: number): string {
	return e.contactOf(r).timeZone || e.defaultZone;
}

/** The account in context: the contact's account, else the account of the deal in context. */
export function accountOf(e: Engine, r: number): Account | null {
	const c = e.contactOf(r);
	if (c.account) {
		const a = e.world.accounts.get(c.account);
		if (a) return a;
	}
	const d = e.deal(r);
	return d?.account ? (e.world.accounts.get(d.account) ?? null) : null;
}

/** A read value, or why there is nothing to read ("no_deal", "no_account"). */
export type ReadResult = { ok: true; value: FieldValue } | { ok: false; reason: string };

/** Reads a referenced field for a run. */
export function readField(e: Engine, r: number, ref: FieldRef): ReadResult {
	if (ref.source === 'contact') return { ok: true, value: e.world.getField(e.contactOf(r), ref.field) };
	if (ref.source === 'deal') {
		const d = e.deal(r);
		return d ? { ok: true, value: dealField(d, ref.field) } : { ok: false, reason: 'no_deal' };
	}
	const a = accountOf(e, r);
	return a ? { ok: true, value: accountField(a, ref.field) } : { ok: false, reason: 'no_account' };
}

/** Outcome of a write: the stored value and whether it changed, or why nothing was written. */
export type WriteResult = { ok: true; value: FieldValue; changed: boolean } | { ok: false; reason: string };

/** Coerces `raw` to the referenced field's type and writes it through the World. */
export function writeField(e: Engine, r: number, ref: FieldRef, raw: FieldValue): WriteResult {
	const w = e.world;
	const spec = fieldSpec(w.catalog, ref.source, ref.field);
	if (!spec) return { ok: false, reason: 'unknown_field' };
	const co = coerceValue(spec, raw, zoneOfRun(e, r));
	if (!co.ok) return co;
	let value = co.value;
	if (ref.source === 'contact') return { ok: true, value, changed: w.setField(e.contactOf(r), ref.field, value) };
	if (ref.source === 'deal') {
		const d = e.deal(r);
		if (!d) return { ok: false, reason: 'no_deal' };
		if (!Object.hasOwn(DEAL_SPECS, ref.field)) return { ok: true, value, changed: w.setDealField(d, ref.field, value, e.now) };
		const fixed = dealProperty(e, d, ref.field, value);
		if (!fixed.ok) return fixed;
		value = fixed.value;
		if (dealField(d, ref.field) === value) return { ok: true, value, changed: false };
		w.updateDeal(d, { [ref.field]: value }, e.now);
		return { ok: true, value, changed: true };
	}
	const a = accountOf(e, r);
	if (!a) return { ok: false, reason: 'no_account' };
	if (ref.field === 'owner') {
		const u = resolveUser(e, value);
		if (u === undefined) return { ok: false, reason: 'unknown_user' };
		value = u;
	}
	return { ok: true, value, changed: w.setAccountField(a, ref.field, value) };
}

/** Checks a standard deal property against the workspace (stage of its pipeline, known user). */
function dealProperty(e: Engine, d: Deal, field: string, value: FieldValue): { ok: true; value: FieldValue } | { ok: false; reason: string } {
	if (field === 'value' || field === 'score') return { ok: true, value: value ?? 0 };
	if (field === 'owner') {
		const u = resolveUser(e, value);
		return u === undefined ? { ok: false, reason: 'unknown_user' } : { ok: true, value: u };
	}
	if (field === 'stage') {
		const stages = e.world.catalog.pipelines.get(d.pipeline)?.stages ?? [];
		const text = String(value);
		const low = text.toLowerCase();
		const st = stages.find((s) => s.id === text) ?? stages.find((s) => s.name.toLowerCase() === low);
		return st ? { ok: true, value: st.id } : { ok: false, reason: 'unknown_stage' };
	}
	return { ok: true, value };
}

/** A user id from an id or an email address (null clears); undefined when no such user. */
export function resolveUser(e: Engine, value: FieldValue): string | null | undefined {
	if (value === null) return null;
	const text = String(value).trim();
	const users = e.world.catalog.users;
	if (users.has(text)) return text;
	const low = text.toLowerCase();
	for (const u of users.values()) if (u.email.toLowerCase() === low) return u.id;
	return undefined;
}

/** A setting value: literal, or a personalization template when it is text. */
export interface ValueTemplate {
	raw: FieldValue;
	tpl: Template | null;
	/** Whether the template reads the deal (the deal in context is looked up only then). */
	deal: boolean;
}

/** Parses a setting value (text values become templates). */
export function compileValue(raw: FieldValue): ValueTemplate {
	if (typeof raw !== 'string') return { raw, tpl: null, deal: false };
	const tpl = compileTemplate(raw);
	return { raw, tpl: tpl.tags.length ? tpl : null, deal: usesDeal(tpl) };
}

/** Renders a setting value for a run (templates as plain text). */
export function renderValue(e: Engine, r: number, v: ValueTemplate): FieldValue {
	return v.tpl ? render(v.tpl, e.scope(r, v.deal), false) : v.raw;
}

/** Whether a template reads the deal in context. */
export function usesDeal(t: Template): boolean {
	return t.tags.some((tag) => tag.startsWith('DEAL_'));
}

/** Renders a template for a run as plain text (or HTML-escaped values when `html`). */
export function renderFor(e: Engine, r: number, t: Template, html = false): string {
	return render(t, e.scope(r, usesDeal(t)), html);
}
