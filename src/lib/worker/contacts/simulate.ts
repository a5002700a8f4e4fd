/**
 * Event simulation: fire, for one contact or many, any event the triggers and conditions
 * understand — now or at a later virtual time — optionally for a seeded random share of them.
 */
import { draw } from '../../engine/core/random';
import type { Engine } from '../../engine/engine';
import type { Diagnostic } from '../../engine/diagnostics';
import type { Command } from '../handlers/core';
import type { ContactTarget } from './target';

/** The events a person can simulate. */
export type SimEvent =
	| { kind: 'email.opened' | 'email.replied' | 'email.forwarded'; email: string }
	| { kind: 'email.clicked'; email: string; link: string }
	| { kind: 'page.visited'; url: string }
	| { kind: 'form.submitted'; form: string }
	| { kind: 'event.recorded'; name: string; value?: string | number }
	| { kind: 'purchase'; amount: number; conversion?: string }
	| { kind: 'conversion.made'; conversion: string; value?: number }
	| { kind: 'sms.replied'; text: string }
	| { kind: 'email.bounced' | 'email.complained' };

export interface SimulateRequest {
	target: ContactTarget;
	event: SimEvent;
	/** Virtual time to fire at (null: now). */
	at: number | null;
	/** Share of the target, in percent (100: everyone). */
	percent: number;
	/** Seed of the random share (same seed, same people). */
	seed: number;
}

/** Problems with the event itself (before any contact is touched). */
export function simProblem(e: Engine, ev: SimEvent, at: number | null, percent: number): Diagnostic | null {
	const d = (code: string, message: string, help: string): Diagnostic => ({ code, severity: 'error', message, help });
	const cat = e.world.catalog;
	if (!(percent > 0 && percent <= 100)) return d('simulate.percent', 'The share must be between 1 and 100 %.', 'Pick the percentage of contacts the event happens to.');
	if (at !== null && !(at >= e.now)) return d('simulate.past', 'The event is scheduled before the current virtual time.', 'Pick a later date, or fire it now.');
	switch (ev.kind) {
		case 'email.opened':
		case 'email.replied':
		case 'email.forwarded':
		case 'email.clicked':
			if (ev.email && !cat.emails.has(ev.email)) return d('simulate.unknown_email', `Email "${ev.email}" does not exist.`, 'Pick one of the workspace\'s emails.');
			return null;
		case 'page.visited':
			return ev.url.trim() ? null : d('simulate.url', 'Type the address of the page visited.', 'For example https://shop.example/pricing.');
		case 'form.submitted':
			return cat.forms.has(ev.form) ? null : d('simulate.unknown_form', `Form "${ev.form}" does not exist.`, 'Pick one of the workspace\'s forms.');
		case 'event.recorded':
			return ev.name.trim() ? null : d('simulate.event_name', 'Type the name of the event.', 'For example "webinar_attended".');
		case 'purchase':
			if (!(ev.amount >= 0)) return d('simulate.amount', 'The purchase amount must be a positive number.', 'Type the amount, e.g. 49.90.');
			return ev.conversion && !cat.conversions.has(ev.conversion) ? d('simulate.unknown_conversion', `Conversion "${ev.conversion}" does not exist.`, 'Pick an existing conversion or none.') : null;
		case 'conversion.made':
			return cat.conversions.has(ev.conversion) ? null : d('simulate.unknown_conversion', `Conversion "${ev.conversion}" does not exist.`, 'Pick an existing conversion.');
		case 'sms.replied':
			return ev.text.trim() ? null : d('simulate.sms_text', 'Type the text of the SMS reply.', 'For example "YES" or "STOP".');
		default:
			return null;
	}
}

/** The commands of one simulated event for one contact. */
export function simCommands(contact: string, ev: SimEvent): Command[] {
	switch (ev.kind) {
		case 'email.opened':
		case 'email.replied':
		case 'email.forwarded':
			return [{ type: ev.kind, contact, ...(ev.email ? { email: ev.email } : {}) }];
		case 'email.clicked':
			return [{ type: 'email.clicked', contact, ...(ev.email ? { email: ev.email } : {}), link: ev.link }];
		case 'page.visited':
			return [{ type: 'page.visited', contact, url: ev.url.trim() }];
		case 'form.submitted':
			return [{ type: 'form.submitted', contact, form: ev.form }];
		case 'event.recorded':
			return [{ type: 'event.recorded', contact, name: ev.name.trim(), ...(ev.value !== undefined && ev.value !== '' ? { value: ev.value } : {}) }];
		case 'purchase':
			return [
				{ type: 'event.recorded', contact, name: 'purchase', value: ev.amount },
				...(ev.conversion ? [{ type: 'conversion.made' as const, contact, conversion: ev.conversion, value: ev.amount }] : [])
			];
		case 'conversion.made':
			return [{ type: 'conversion.made', contact, conversion: ev.conversion, ...(ev.value !== undefined ? { value: ev.value } : {}) }];
		case 'sms.replied':
			return [{ type: 'sms.replied', contact, text: ev.text }];
		case 'email.bounced':
		case 'email.complained':
			return [{ type: ev.kind, contact }];
	}
}

/**
 * A seeded random share of `ids`: exactly round(n × percent / 100) of them, the same ones for the
 * same seed (each id's draw decides its rank), returned in their original order.
 */
export function pickShare(ids: string[], percent: number, seed: number): string[] {
	if (percent >= 100) return ids;
	const k = Math.round((ids.length * percent) / 100);
	const ranked = ids.map((id, i) => ({ i, u: draw(seed, 'simulate', id) })).sort((a, b) => a.u - b.u || a.i - b.i);
	return ranked
		.slice(0, k)
		.map((r) => r.i)
		.sort((a, b) => a - b)
		.map((i) => ids[i]);
}
