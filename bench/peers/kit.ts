/**
 * The journey's work, written once for both peers (XState and the hand-written floor) so that
 * they differ only in how they schedule and dispatch: contacts as plain objects, a trace in the
 * columns of the engine's TraceLog, personalised email effects with their activity records, and
 * the if/else condition with the value it saw. Same outputs as the engine, nothing skipped.
 */
import { CODE, type EmailEffect } from '../journey/outcome';
import { EMAILS, type Scenario } from '../journey/scenario';

/** A contact as a peer holds it. */
export interface PeerContact {
	idx: number;
	id: string;
	email: string;
	firstName: string;
	lastName: string;
	tags: string[];
	lists: Record<string, string>;
	activity: PeerActivity[];
}

/** One recorded activity (the engine's shape). */
export interface PeerActivity {
	at: number;
	type: 'opened' | 'received';
	ref: string;
	value: string | number | null;
	variant: string | null;
}

/** Fresh contact objects for a scenario (untimed setup), with their id index. */
export function makeContacts(s: Scenario): { contacts: PeerContact[]; byId: Map<string, PeerContact> } {
	const contacts: PeerContact[] = [];
	const byId = new Map<string, PeerContact>();
	for (let k = 0; k < s.contacts.length; k++) {
		const d = s.contacts[k];
		const c: PeerContact = { idx: k, id: d.id, email: d.email, firstName: d.firstName, lastName: '', tags: [], lists: { ...d.lists }, activity: [] };
		contacts.push(c);
		byId.set(c.id, c);
	}
	return { contacts, byId };
}

const SHIFT = 16;
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

class Block {
	time = new Float64Array(BLOCK);
	value = new Float64Array(BLOCK);
	contact = new Int32Array(BLOCK);
	run = new Int32Array(BLOCK);
	step = new Int32Array(BLOCK);
	detailIdx = new Int32Array(BLOCK);
	code = new Uint8Array(BLOCK);
}

/** Trace columns: time, contact, run, step, code, value, detail (append-only, fixed-size blocks). */
export class ColumnTrace {
	size = 0;
	details: unknown[] = [];
	private blocks: Block[] = [];
	private cur: Block | null = null;

	add(at: number, contact: number, run: number, step: number, code: number, detail?: unknown, value = NaN): void {
		const i = this.size++;
		const o = i & MASK;
		if (o === 0) this.blocks.push((this.cur = new Block()));
		const b = this.cur!;
		b.time[o] = at;
		b.contact[o] = contact;
		b.run[o] = run;
		b.step[o] = step;
		b.code[o] = code;
		b.value[o] = value;
		if (detail === undefined) b.detailIdx[o] = -1;
		else {
			b.detailIdx[o] = this.details.length;
			this.details.push(detail);
		}
	}

	row(i: number) {
		const b = this.blocks[i >>> SHIFT];
		const o = i & MASK;
		const d = b.detailIdx[o];
		return { at: b.time[o], contact: b.contact[o], run: b.run[o], step: b.step[o], code: b.code[o], value: b.value[o], detail: d >= 0 ? this.details[d] : undefined };
	}
}

/** Adds a tag; false when the contact had it. */
export function addTag(c: PeerContact, tag: string): boolean {
	if (c.tags.includes(tag)) return false;
	c.tags.push(tag);
	return true;
}

/** Records an open of an email. */
export function recordOpen(c: PeerContact, at: number, email: string): void {
	c.activity.push({ at, type: 'opened', ref: email, value: null, variant: null });
}

/** Opens of `email` recorded up to `now` (newest first, as the engine counts). */
export function countOpens(c: PeerContact, now: number, email: string): number {
	let n = 0;
	const acts = c.activity;
	for (let i = acts.length - 1; i >= 0; i--) {
		const a = acts[i];
		if (a.at > now) continue;
		if (a.type === 'opened' && a.ref === email) n++;
	}
	return n;
}

/** The if/else detail the engine logs: the path taken and the value the condition saw. */
export function branchDetail(opens: number): { path: string; seen: { what: string; value: number; ok: boolean }[] } {
	const ok = opens >= 1;
	return { path: ok ? 'yes' : 'no', seen: [{ what: 'opened news1', value: opens, ok }] };
}

type Template = string[];

/** Literal text and upper-case tag names, alternating. */
function compile(text: string): Template {
	const parts: string[] = [];
	let last = 0;
	for (const m of text.matchAll(/%([A-Za-z][A-Za-z0-9_]*)%/g)) {
		parts.push(text.slice(last, m.index), m[1].toUpperCase());
		last = m.index! + m[0].length;
	}
	parts.push(text.slice(last));
	return parts;
}

function tagValue(tag: string, c: PeerContact): string {
	switch (tag) {
		case 'FIRSTNAME':
			return c.firstName;
		case 'LASTNAME':
			return c.lastName;
		case 'EMAIL':
			return c.email;
	}
	return '';
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s: string): string {
	return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (ch) => ESC[ch]) : s;
}

function render(t: Template, c: PeerContact, html: boolean): string {
	if (t.length === 1) return t[0];
	let out = t[0];
	for (let i = 1; i < t.length; i += 2) {
		const v = tagValue(t[i], c);
		out += (html ? escapeHtml(v) : v) + t[i + 1];
	}
	return out;
}

const TEMPLATES = new Map(EMAILS.map((e) => [e.id, { subject: compile(e.subject), preheader: compile(''), body: compile(e.body) }]));

/** Effects, suppressions and the effect counter of one peer instance. */
export class Outbox {
	effects: EmailEffect[] = [];
	suppressions = new Map<string, string>();
	private seq = 0;

	/**
	 * Sends a marketing email as the engine's email.send step does: checks address, suppression and
	 * an active subscription, renders subject, preheader and body, emits the effect and records the
	 * "received" activity. Returns why it may not go to this contact, or null when it went.
	 */
	send(c: PeerContact, run: number, step: string, email: string, now: number): string | null {
		if (!c.email) return 'no_email';
		const sup = this.suppressions.get(c.email.trim().toLowerCase());
		if (sup) return `suppressed_${sup}`;
		let subscribed = false;
		for (const l in c.lists)
			if (c.lists[l] === 'active') {
				subscribed = true;
				break;
			}
		if (!subscribed) return 'no_active_subscription';
		const t = TEMPLATES.get(email)!;
		this.effects.push({
			key: `j.${step}.${run}.${++this.seq}`,
			kind: 'email.send',
			at: now,
			contact: c.id,
			automation: 'j',
			step,
			run,
			payload: {
				to: c.email,
				from: '',
				fromName: '',
				subject: render(t.subject, c, false),
				preheader: render(t.preheader, c, false),
				html: render(t.body, c, true),
				email,
				variant: 'A'
			},
			marketing: true,
			awaitUntil: null
		});
		c.activity.push({ at: now, type: 'received', ref: email, value: null, variant: 'A' });
		return null;
	}
}

export { CODE };
