/**
 * Editing one contact from its page, and creating one by hand: values are checked against their
 * field types, addresses stay unique, and the change is one `contact.upserted` input (so field,
 * list and tag triggers fire as for any other change).
 */
import type { Engine } from '../../engine/engine';
import type { Diagnostic } from '../../engine/diagnostics';
import type { ContactDef } from '../../engine/schema/workspace';
import type { FieldValue } from '../../engine/core/values';
import { isValidZone } from '../../engine/schema/common';
import { fitsType } from '../../engine/field-values';
import { toE164 } from '../../engine/core/phone';
import { normalizeEmail } from '../../engine/world';

/** Changes to a contact's standard properties, consents and custom fields (null clears a field). */
export interface ContactChanges {
	email?: string;
	firstName?: string;
	lastName?: string;
	phone?: string;
	timeZone?: string;
	smsConsent?: boolean;
	siteTracking?: boolean;
	fields?: Record<string, FieldValue>;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

function problem(code: string, message: string, help: string, field?: string): Diagnostic {
	return { code, severity: 'error', message, help, ...(field ? { path: [field] } : {}) };
}

/** Checks changes; returns the contact definition to upsert, or the problems (with the field in `path`). */
export function checkChanges(e: Engine, id: string | null, ch: ContactChanges): { ok: true; def: Omit<ContactDef, 'id'> } | { ok: false; diagnostics: Diagnostic[] } {
	const out: Diagnostic[] = [];
	const def: Omit<ContactDef, 'id'> = {};
	if (ch.email !== undefined) {
		const email = ch.email.trim();
		if (!email) {
			if (id === null) out.push(problem('contact.email_missing', 'A new contact needs an email address.', 'Type the address.', 'email'));
			else def.email = '';
		} else if (!EMAIL.test(email)) out.push(problem('contact.email_invalid', `"${email}" is not an email address.`, 'Check the address, e.g. name@example.com.', 'email'));
		else {
			const key = normalizeEmail(email);
			const other = e.world.contacts.find((c) => !c.deleted && c.id !== id && normalizeEmail(c.email) === key);
			if (other) out.push(problem('contact.email_taken', `Another contact already has the address ${email}.`, 'Open that contact instead, or use another address.', 'email'));
			else def.email = email;
		}
	}
	for (const k of ['firstName', 'lastName'] as const) if (ch[k] !== undefined) def[k] = ch[k]!.trim();
	if (ch.phone !== undefined) {
		const text = ch.phone.trim();
		const p = text ? toE164(text, 'FR') || toE164(text) : '';
		if (text && !p) out.push(problem('contact.phone_invalid', `"${text}" is not a phone number.`, 'Type it with the country code, e.g. +33 6 12 34 56 78.', 'phone'));
		else def.phone = p;
	}
	if (ch.timeZone !== undefined) {
		if (ch.timeZone && !isValidZone(ch.timeZone)) out.push(problem('contact.zone_invalid', `"${ch.timeZone}" is not a time zone.`, 'Pick a zone such as Europe/Paris.', 'timeZone'));
		else def.timeZone = ch.timeZone || undefined;
	}
	if (ch.smsConsent !== undefined) def.smsConsent = ch.smsConsent;
	if (ch.siteTracking !== undefined) def.siteTracking = ch.siteTracking;
	if (ch.fields) {
		const fields: Record<string, FieldValue> = {};
		for (const [k, v] of Object.entries(ch.fields)) {
			const f = e.world.catalog.fields.get(k);
			if (!f) out.push(problem('input.unknown_field', `Contact field "${k}" does not exist.`, 'Reload the page: the field may have been removed.', `fields.${k}`));
			else if (!fitsType(f, v)) out.push(problem('contact.field_type', `"${String(v)}" is not a valid value for ${f.label}.`, `Enter a ${f.type} value.`, `fields.${k}`));
			else fields[k] = v;
		}
		if (Object.keys(fields).length) def.fields = fields;
	}
	return out.length ? { ok: false, diagnostics: out } : { ok: true, def };
}

/** A fresh contact id. */
export function newContactId(e: Engine): string {
	let n = e.world.contacts.length;
	let id: string;
	do id = `ct-${(++n).toString(36)}`;
	while (e.world.contactIndex.has(id));
	return id;
}
