/**
 * Personalization tags: `%FIRSTNAME%`, `%EMAIL%`, `%<CUSTOM FIELD KEY>%`, `%DEAL_TITLE%`,
 * `%deal_owner_email%`, `%ACCOUNT_NAME%`… (case-insensitive). Templates are parsed once;
 * inserted values are HTML-escaped when rendering into HTML.
 */
import { valueText } from './core/values';
import type { Account, Contact, Deal, World } from './world';
import { dealField, accountField } from './conditions/crm';

/** A parsed template: literal text and tag names (upper case) alternating. */
export interface Template {
	parts: string[];
	/** Tag names used, upper case. */
	tags: string[];
}

const TAG_RE = /%([A-Za-z][A-Za-z0-9_]*)%/g;

/** Parses template text. */
export function compileTemplate(text: string): Template {
	const parts: string[] = [];
	const tags: string[] = [];
	let last = 0;
	for (const m of text.matchAll(TAG_RE)) {
		parts.push(text.slice(last, m.index));
		const tag = m[1].toUpperCase();
		parts.push(tag);
		tags.push(tag);
		last = m.index! + m[0].length;
	}
	parts.push(text.slice(last));
	return { parts, tags };
}

/** What a template can read. */
export interface RenderScope {
	world: World;
	contact: Contact;
	deal: Deal | null;
}

/** Renders a template; values are escaped when `html` is true. Unknown tags render empty. */
export function render(t: Template, scope: RenderScope, html: boolean): string {
	if (t.parts.length === 1) return t.parts[0];
	let out = t.parts[0];
	for (let i = 1; i < t.parts.length; i += 2) {
		const v = tagValue(t.parts[i], scope);
		out += (html ? escapeHtml(v) : v) + t.parts[i + 1];
	}
	return out;
}

/** Renders plain text (no escaping) in one call. */
export function renderText(text: string, scope: RenderScope): string {
	return render(compileTemplate(text), scope, false);
}

/** Value of one tag for a scope ("" when unknown or empty). */
export function tagValue(tag: string, s: RenderScope): string {
	const c = s.contact;
	switch (tag) {
		case 'FIRSTNAME':
			return c.firstName;
		case 'LASTNAME':
			return c.lastName;
		case 'FULLNAME':
			return [c.firstName, c.lastName].filter(Boolean).join(' ');
		case 'EMAIL':
			return c.email;
		case 'PHONE':
			return c.phone;
		case 'CONTACT_ID':
			return c.id;
		case 'TIMEZONE':
			return c.timeZone;
	}
	if (tag.startsWith('DEAL_')) return dealTag(tag.slice(5), s);
	if (tag.startsWith('ACCOUNT_')) return accountTag(tag.slice(8), s);
	const key = tag.toLowerCase();
	if (key in c.fields) return valueText(c.fields[key]);
	return '';
}

function dealTag(name: string, s: RenderScope): string {
	const d = s.deal ?? s.world.contactDeals(s.contact)[0] ?? null;
	if (!d) return '';
	const owner = d.owner ? s.world.catalog.users.get(d.owner) : undefined;
	switch (name) {
		case 'OWNER_EMAIL':
			return owner?.email ?? '';
		case 'OWNER_NAME':
		case 'OWNER':
			return owner?.name ?? '';
		case 'STAGE':
			return s.world.catalog.pipelines.get(d.pipeline)?.stages.find((x) => x.id === d.stage)?.name ?? d.stage;
		case 'PIPELINE':
			return s.world.catalog.pipelines.get(d.pipeline)?.name ?? d.pipeline;
	}
	return valueText(dealField(d, name.toLowerCase()));
}

function accountTag(name: string, s: RenderScope): string {
	const a: Account | undefined = s.contact.account ? s.world.accounts.get(s.contact.account) : undefined;
	if (!a) return '';
	if (name === 'OWNER_EMAIL' || name === 'OWNER_NAME') {
		const u = a.owner ? s.world.catalog.users.get(a.owner) : undefined;
		return (name === 'OWNER_EMAIL' ? u?.email : u?.name) ?? '';
	}
	return valueText(accountField(a, name.toLowerCase()));
}

/** Tags every template may use regardless of workspace fields. */
export const STANDARD_TAGS = ['FIRSTNAME', 'LASTNAME', 'FULLNAME', 'EMAIL', 'PHONE', 'CONTACT_ID', 'TIMEZONE'];
export const DEAL_TAGS = ['DEAL_TITLE', 'DEAL_VALUE', 'DEAL_CURRENCY', 'DEAL_STAGE', 'DEAL_PIPELINE', 'DEAL_STATUS', 'DEAL_OWNER_EMAIL', 'DEAL_OWNER_NAME', 'DEAL_SCORE'];
export const ACCOUNT_TAGS = ['ACCOUNT_NAME', 'ACCOUNT_OWNER_EMAIL', 'ACCOUNT_OWNER_NAME'];

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
	return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (ch) => ESC[ch]) : s;
}
