/**
 * Importing events from a CSV (contact email, event type, date, and the email id / URL / form /
 * event name / conversion and value the type needs). Events dated at or before the current
 * virtual time become the contacts' history (conditions see them, triggers do not fire: it already
 * happened); later ones are scheduled and happen, with their triggers, when the clock reaches them.
 */
import type { Engine } from '../../engine/engine';
import type { Command } from '../handlers/core';
import type { ImportedActivity } from '../../engine/inputs';
import { normalizeEmail } from '../../engine/world';
import { parseDateTime, parseNumber, type DateOrder } from '../../engine/field-values';
import { fold } from '../contacts/query';
import { unsafeCell } from './csv';
import type { ImportError } from './contacts';

/** What an events column holds. */
export type EventColumn = 'ignore' | 'email' | 'type' | 'date' | 'ref' | 'value' | 'link';

/** Event types an import understands. */
export const EVENT_TYPES = ['opened', 'clicked', 'replied', 'forwarded', 'visited', 'submitted_form', 'event', 'purchase', 'conversion', 'sms_replied', 'bounced', 'complained'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Row-level reasons specific to events. */
export type EventErrorCode = 'contact_unknown' | 'type_unknown' | 'date_missing' | 'ref_missing' | 'value_missing';

export interface EventImportOptions {
	mode: 'valid' | 'all';
	dateOrder: DateOrder;
}

export interface EventImportCheck {
	rows: number;
	validRows: number;
	invalidRows: number;
	/** Valid events already past (history) and still to come (scheduled). */
	past: number;
	future: number;
	contacts: number;
	errors: (Omit<ImportError, 'code'> & { code: ImportError['code'] | EventErrorCode })[];
	issues: { column: string | null; code: 'no_email_column' | 'no_type_column' | 'no_date_column' | 'duplicate_target' }[];
	canCommit: boolean;
}

export interface EventImportPlan extends EventImportCheck {
	/** Applied now: history per contact, and past bounces/complaints. */
	now: Command[];
	/** Scheduled at their time. */
	later: { at: number; command: Command }[];
}

/** Suggested column roles from header names. */
export function suggestEventColumns(headers: string[]): EventColumn[] {
	const used = new Set<EventColumn>();
	return headers.map((h) => {
		const n = fold(h).replace(/[^a-z0-9]/g, '');
		const role: EventColumn = ['email', 'mail', 'courriel', 'contact', 'contactemail'].includes(n)
			? 'email'
			: ['type', 'event', 'eventtype', 'action', 'evenement', 'typedevenement'].includes(n)
				? 'type'
				: ['date', 'at', 'time', 'timestamp', 'datetime', 'when', 'quand', 'heure'].includes(n)
					? 'date'
					: ['emailid', 'campaign', 'url', 'page', 'name', 'ref', 'form', 'conversion', 'nom', 'campagne', 'formulaire', 'target'].includes(n)
						? 'ref'
						: ['value', 'amount', 'montant', 'valeur', 'price', 'prix', 'total', 'text', 'texte'].includes(n)
							? 'value'
							: ['link', 'lien', 'clickedurl', 'href'].includes(n)
								? 'link'
								: 'ignore';
		if (role !== 'ignore' && used.has(role)) return 'ignore';
		used.add(role);
		return role;
	});
}

/** Checks and plans an events import. */
export function planEventImport(e: Engine, headers: string[], rows: string[][], columns: EventColumn[], opts: EventImportOptions): EventImportPlan {
	const issues: EventImportCheck['issues'] = [];
	const col = (role: EventColumn) => columns.indexOf(role);
	columns.forEach((c, i) => {
		if (c !== 'ignore' && columns.indexOf(c) !== i) issues.push({ column: headers[i], code: 'duplicate_target' });
	});
	if (col('email') < 0) issues.push({ column: null, code: 'no_email_column' });
	if (col('type') < 0) issues.push({ column: null, code: 'no_type_column' });
	if (col('date') < 0) issues.push({ column: null, code: 'no_date_column' });
	const byEmail = new Map<string, string>();
	for (const c of e.world.contacts) if (!c.deleted && c.email && !byEmail.has(normalizeEmail(c.email))) byEmail.set(normalizeEmail(c.email), c.id);
	const errors: EventImportCheck['errors'] = [];
	const history = new Map<string, ImportedActivity[]>();
	const now: Command[] = [];
	const later: EventImportPlan['later'] = [];
	const contacts = new Set<string>();
	let valid = 0;
	let past = 0;
	let future = 0;
	const cell = (row: string[], role: EventColumn) => (col(role) >= 0 ? unsafeCell(row[col(role)] ?? '').trim() : '');
	if (!issues.length)
		rows.forEach((row, i) => {
			const rowNo = i + 2;
			const before = errors.length;
			const fail = (role: EventColumn, code: EventImportCheck['errors'][number]['code']) =>
				errors.push({ row: rowNo, column: col(role) >= 0 ? headers[col(role)] : '', value: col(role) >= 0 ? (row[col(role)] ?? '') : '', code });
			const email = cell(row, 'email');
			const contact = email ? byEmail.get(normalizeEmail(email)) : undefined;
			if (!email) fail('email', 'email_missing');
			else if (!contact) fail('email', 'contact_unknown');
			const type = eventType(cell(row, 'type'));
			if (!type) fail('type', 'type_unknown');
			const dateText = cell(row, 'date');
			const when = dateText ? parseDateTime(dateText, opts.dateOrder) : null;
			if (!dateText) fail('date', 'date_missing');
			else if (!when) fail('date', 'not_a_datetime');
			const ref = cell(row, 'ref');
			const valueText = cell(row, 'value');
			if (type && !ref && (type === 'visited' || type === 'submitted_form' || type === 'event' || type === 'conversion')) fail('ref', 'ref_missing');
			let value: number | string | undefined = valueText || undefined;
			if (type === 'purchase') {
				const n = valueText ? parseNumber(valueText) : null;
				if (!valueText) fail('value', 'value_missing');
				else if (n === null) fail('value', 'not_a_number');
				else value = n;
			} else if (type === 'conversion' && valueText) {
				const n = parseNumber(valueText);
				if (n === null) fail('value', 'not_a_number');
				else value = n;
			} else if (type === 'event' && valueText && parseNumber(valueText) !== null) value = parseNumber(valueText)!;
			if (errors.length > before || !contact || !type || !when) return;
			valid++;
			contacts.add(contact);
			const at = Date.parse(when);
			const link = cell(row, 'link');
			if (at <= e.now) {
				past++;
				if (type === 'bounced' || type === 'complained') now.push({ type: type === 'bounced' ? 'email.bounced' : 'email.complained', contact });
				else {
					const list = history.get(contact) ?? [];
					history.set(contact, list);
					list.push(...activitiesOf(type, at, ref, value, link, valueText));
				}
			} else {
				future++;
				for (const command of commandsOf(type, contact, ref, value, link, valueText)) later.push({ at, command });
			}
		});
	// A click proves an open: add one when the contact has none for that email yet.
	for (const [id, acts] of history) {
		const c = e.world.contact(id)!;
		for (const a of [...acts])
			if (a.type === 'clicked' && !acts.some((x) => x.type === 'opened' && x.ref === a.ref) && !c.activity.some((x) => x.type === 'opened' && x.ref === a.ref))
				acts.push({ at: a.at, type: 'opened', ref: a.ref });
		now.unshift({ type: 'activity.imported', contact: id, activities: acts.sort((x, y) => x.at - y.at) });
	}
	const invalidRows = rows.length - valid;
	return {
		rows: rows.length,
		validRows: valid,
		invalidRows,
		past,
		future,
		contacts: contacts.size,
		errors,
		issues,
		canCommit: issues.length === 0 && valid > 0 && !(opts.mode === 'all' && invalidRows > 0),
		now,
		later: later.sort((a, b) => a.at - b.at)
	};
}

function activitiesOf(type: EventType, at: number, ref: string, value: number | string | undefined, link: string, text: string): ImportedActivity[] {
	switch (type) {
		case 'opened':
		case 'replied':
		case 'forwarded':
			return [{ at, type, ref }];
		case 'clicked':
			return [{ at, type: 'clicked', ref, value: link || null }];
		case 'visited':
			return [{ at, type: 'visited', ref }];
		case 'submitted_form':
			return [{ at, type: 'submitted_form', ref }];
		case 'event':
			return [{ at, type: 'event', ref, value: value ?? null }];
		case 'purchase':
			return [{ at, type: 'event', ref: 'purchase', value: value ?? null }, ...(ref ? [{ at, type: 'conversion' as const, ref, value: value ?? null }] : [])];
		case 'conversion':
			return [{ at, type: 'conversion', ref, value: value ?? null }];
		case 'sms_replied':
			return [{ at, type: 'sms_replied', ref: '', value: text || ref || '' }];
		default:
			return [];
	}
}

function commandsOf(type: EventType, contact: string, ref: string, value: number | string | undefined, link: string, text: string): Command[] {
	const email = ref ? { email: ref } : {};
	switch (type) {
		case 'opened':
			return [{ type: 'email.opened', contact, ...email }];
		case 'replied':
			return [{ type: 'email.replied', contact, ...email }];
		case 'forwarded':
			return [{ type: 'email.forwarded', contact, ...email }];
		case 'clicked':
			return [{ type: 'email.clicked', contact, ...email, link }];
		case 'visited':
			return [{ type: 'page.visited', contact, url: ref }];
		case 'submitted_form':
			return [{ type: 'form.submitted', contact, form: ref }];
		case 'event':
			return [{ type: 'event.recorded', contact, name: ref, ...(value !== undefined ? { value } : {}) }];
		case 'purchase':
			return [
				{ type: 'event.recorded', contact, name: 'purchase', value: Number(value) },
				...(ref ? [{ type: 'conversion.made' as const, contact, conversion: ref, value: Number(value) }] : [])
			];
		case 'conversion':
			return [{ type: 'conversion.made', contact, conversion: ref, ...(typeof value === 'number' ? { value } : {}) }];
		case 'sms_replied':
			return [{ type: 'sms.replied', contact, text: text || ref }];
		case 'bounced':
			return [{ type: 'email.bounced', contact }];
		case 'complained':
			return [{ type: 'email.complained', contact }];
	}
}

/** An event type from the words people write ("Email opened", "achat", "page_view"…). */
export function eventType(text: string): EventType | null {
	const n = fold(text).replace(/[^a-z]/g, '');
	if (!n) return null;
	const table: [EventType, string[]][] = [
		['opened', ['opened', 'open', 'emailopened', 'emailopen', 'ouverture', 'ouvert', 'lu', 'read']],
		['clicked', ['clicked', 'click', 'emailclicked', 'linkclicked', 'clic', 'clique']],
		['replied', ['replied', 'reply', 'emailreplied', 'reponse', 'repondu']],
		['forwarded', ['forwarded', 'forward', 'emailforwarded', 'transfere', 'transfert']],
		['visited', ['visited', 'visit', 'pagevisited', 'pagevisit', 'pageview', 'visite', 'pagevue']],
		['submitted_form', ['submittedform', 'formsubmitted', 'form', 'formulaire', 'formulairesoumis']],
		['event', ['event', 'custom', 'customevent', 'evenement', 'eventrecorded']],
		['purchase', ['purchase', 'purchased', 'order', 'achat', 'commande', 'buy', 'bought']],
		['conversion', ['conversion', 'converted', 'conversionmade']],
		['sms_replied', ['smsreplied', 'smsreply', 'sms', 'reponsesms']],
		['bounced', ['bounced', 'bounce', 'emailbounced', 'rebond', 'rejete']],
		['complained', ['complained', 'complaint', 'spam', 'plainte']]
	];
	for (const [t, words] of table) if (words.includes(n)) return t;
	return null;
}
