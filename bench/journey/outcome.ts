/**
 * What a contestant hands back after the script, and the check that it did the journey's work:
 * one run per contact, all completed; the right email, at the right time, rendered, to each
 * contact; tags and activity records on every contact; and (when traced) exactly the trace the
 * engine's TraceLog would hold, compared as an order-independent fingerprint.
 */
import { DAY, HOUR, STEP, T0, type Scenario } from './scenario';

/** Trace codes used by the journey (values of the engine's `TraceCode`). */
export const CODE = { entered: 0, step_done: 2, step_skipped: 3, wait_started: 4, wait_ended: 5, branch: 6, completed: 11 } as const;

/** One trace entry in the columns of the engine's TraceLog (`value` NaN when absent). */
export interface TraceRow {
	at: number;
	contact: number;
	run: number;
	step: number;
	code: number;
	value: number;
	detail?: unknown;
}

/** An email.send effect as the engine emits it. */
export interface EmailEffect {
	key: string;
	kind: string;
	at: number;
	contact: string;
	automation: string;
	step: string;
	run: number;
	payload: Record<string, unknown>;
	marketing: boolean;
	awaitUntil: number | null;
}

/** A contact after the run, as far as the journey touches it. */
export interface ContactAfter {
	tags: readonly string[];
	activity: readonly { at: number; type: string; ref: string }[];
}

/** What a contestant reports after the script. */
export interface Outcome {
	runs: number;
	completed: number;
	effects: readonly EmailEffect[];
	/** Contacts by index k (contact "c{k+1}"). */
	contacts: readonly ContactAfter[];
	/** Trace entries, or null when the trace was off. */
	trace: { size: number; row(i: number): TraceRow } | null;
}

/** Throws a readable error when the outcome is not the journey's. */
export function verify(s: Scenario, o: Outcome, who: string): void {
	const fail = (msg: string): never => {
		throw new Error(`${who} at ${s.n} contacts: ${msg}`);
	};
	const openers = s.opens.length;
	if (o.runs !== s.n) fail(`${o.runs} runs, expected ${s.n}`);
	if (o.completed !== s.n) fail(`${o.completed} runs completed, expected ${s.n}`);
	if (o.effects.length !== s.n) fail(`${o.effects.length} emails sent, expected ${s.n}`);
	let offers = 0;
	let seen = 0;
	for (const e of o.effects) {
		const k = Number(e.contact.slice(1)) - 1;
		const want = expectedEmail(s, k);
		const p = e.payload;
		if (e.key !== want.key || e.at !== want.at || p.email !== want.email || p.subject !== want.subject || p.html !== want.html || p.to !== `c${k + 1}@example.com`)
			fail(`wrong email ${JSON.stringify({ key: e.key, at: e.at, ...p })}, expected ${JSON.stringify(want)}`);
		if (e.kind !== 'email.send' || e.automation !== 'j' || e.run !== k || !e.marketing || e.awaitUntil !== null || p.variant !== 'A' || p.preheader !== '')
			fail(`wrong effect fields ${JSON.stringify(e)}`);
		if (want.email === 'offer') offers++;
		seen += k;
	}
	if (offers !== openers || seen !== (s.n * (s.n - 1)) / 2) fail(`${offers} offers (expected ${openers}) or an email went twice`);
	for (let k = 0; k < s.n; k++) {
		const c = o.contacts[k];
		const yes = s.opener(k);
		const tags = yes ? 'started,engaged' : 'started';
		if (c.tags.join() !== tags) fail(`contact c${k + 1} has tags [${c.tags.join()}], expected [${tags}]`);
		const acts = c.activity.map((a) => `${a.type}:${a.ref}@${a.at - T0}`).join();
		const want = yes ? `opened:news1@${HOUR + k / 3},received:offer@${3 * DAY}` : `received:reminder@${2 * DAY}`;
		if (acts !== want) fail(`contact c${k + 1} has activity ${acts}, expected ${want}`);
	}
	if (o.trace) {
		const expectSize = 10 * openers + 9 * (s.n - openers);
		if (o.trace.size !== expectSize) fail(`${o.trace.size} trace entries, expected ${expectSize}`);
		const got = new Fingerprint();
		for (let i = 0; i < o.trace.size; i++) got.add(o.trace.row(i));
		const want = expectedTrace(s);
		if (!got.equals(want)) fail(`trace differs from the expected entries (fingerprint ${got} vs ${want})`);
	}
}

/** The email contact k must get. Reminders are numbered first (day 2), in contact order, then offers (day 3). */
function expectedEmail(s: Scenario, k: number) {
	const openers = s.opens.length;
	const reminders = s.n - openers;
	if (s.opener(k)) {
		const seq = reminders + k / 3 + 1;
		return { key: `j.send.${k}.${seq}`, at: T0 + 3 * DAY, email: 'offer', subject: `An offer for Name${k + 1}`, html: `<p>Hello Name${k + 1}</p>` };
	}
	const seq = k - Math.min(openers, Math.floor(k / 3) + 1) + 1;
	return { key: `j.remind.${k}.${seq}`, at: T0 + 2 * DAY, email: 'reminder', subject: 'Did you see?', html: '<p>Reminder</p>' };
}

/** The trace every contestant must produce, as a fingerprint. */
function expectedTrace(s: Scenario): Fingerprint {
	const f = new Fingerprint();
	const row = (at: number, k: number, step: number, code: number, value = NaN, detail?: unknown) => f.add({ at, contact: k, run: k, step, code, value, detail });
	for (let k = 0; k < s.n; k++) {
		const yes = s.opener(k);
		const d2 = T0 + 2 * DAY;
		row(T0, k, -1, CODE.entered);
		row(T0, k, STEP.tag, CODE.step_done);
		row(T0, k, STEP.w2, CODE.wait_started, d2);
		row(d2, k, STEP.w2, CODE.wait_ended);
		row(d2, k, STEP.if, CODE.branch, NaN, { path: yes ? 'yes' : 'no', seen: [{ what: 'opened news1', value: yes ? 1 : 0, ok: yes }] });
		if (yes) {
			const d3 = T0 + 3 * DAY;
			row(d2, k, STEP.tagY, CODE.step_done);
			row(d2, k, STEP.w1, CODE.wait_started, d3);
			row(d3, k, STEP.w1, CODE.wait_ended);
			row(d3, k, STEP.send, CODE.step_done);
			row(d3, k, STEP.send, CODE.completed);
		} else {
			const d5 = T0 + 5 * DAY;
			row(d2, k, STEP.remind, CODE.step_done);
			row(d2, k, STEP.w3, CODE.wait_started, d5);
			row(d5, k, STEP.w3, CODE.wait_ended);
			row(d5, k, STEP.w3, CODE.completed);
		}
	}
	return f;
}

/** An order-independent digest of trace rows (count, sum and xor of 32-bit row hashes). */
class Fingerprint {
	n = 0;
	sum = 0;
	xor = 0;

	add(r: TraceRow): void {
		let h = mix(0x9e3779b9, num(r.at));
		h = mix(h, r.contact);
		h = mix(h, r.run);
		h = mix(h, r.step);
		h = mix(h, r.code);
		h = mix(h, num(r.value));
		h = mix(h, r.detail === undefined ? 0 : str(JSON.stringify(r.detail)));
		this.n++;
		this.sum = (this.sum + h) >>> 0;
		this.xor = (this.xor ^ h) >>> 0;
	}

	equals(o: Fingerprint): boolean {
		return this.n === o.n && this.sum === o.sum && this.xor === o.xor;
	}

	toString(): string {
		return `${this.n}/${this.sum.toString(16)}/${this.xor.toString(16)}`;
	}
}

function num(x: number): number {
	if (Number.isNaN(x)) return 0x7ff80000;
	return mix(Math.floor(x / 4294967296) | 0, x >>> 0);
}

function str(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

function mix(h: number, x: number): number {
	h = Math.imul(h ^ (x | 0), 0xcc9e2d51);
	h = (h << 15) | (h >>> 17);
	h = Math.imul(h, 0x1b873593);
	return (h ^ (h >>> 13)) >>> 0;
}
