/**
 * The floor: the journey written by hand as a bare discrete-event loop, the least a program must
 * do to produce the same outputs as the engine. Runs live in typed arrays, timers in a binary
 * min-heap over typed arrays ordered by (time, run), and the steps are a switch on the run's
 * position. It does the same work (tags, the condition with its observation, rendered email
 * effects with activity records, every trace column) but knows nothing but this one journey.
 */
import type { Contestant, Instance } from '../journey/contestant';
import { DAY, STEP, type Scenario } from '../journey/scenario';
import { addTag, branchDetail, CODE, ColumnTrace, countOpens, makeContacts, Outbox, recordOpen, type PeerContact } from './kit';

const WAITING = 1;
const COMPLETED = 2;

/** Min-heap of (time, run) over parallel typed arrays. */
class Heap {
	time = new Float64Array(1024);
	run = new Int32Array(1024);
	size = 0;

	push(t: number, r: number): void {
		if (this.size === this.time.length) {
			const time = new Float64Array(this.size * 2);
			time.set(this.time);
			const run = new Int32Array(this.size * 2);
			run.set(this.run);
			this.time = time;
			this.run = run;
		}
		const T = this.time, R = this.run;
		let i = this.size++;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (T[p] < t || (T[p] === t && R[p] < r)) break;
			T[i] = T[p];
			R[i] = R[p];
			i = p;
		}
		T[i] = t;
		R[i] = r;
	}

	/** Removes the earliest entry (heap non-empty). */
	pop(): void {
		const n = --this.size;
		if (n === 0) return;
		const T = this.time, R = this.run;
		const t = T[n], r = R[n];
		let i = 0;
		for (;;) {
			let c = 2 * i + 1;
			if (c >= n) break;
			if (c + 1 < n && (T[c + 1] < T[c] || (T[c + 1] === T[c] && R[c + 1] < R[c]))) c++;
			if (t < T[c] || (t === T[c] && r < R[c])) break;
			T[i] = T[c];
			R[i] = R[c];
			i = c;
		}
		T[i] = t;
		R[i] = r;
	}
}

/** The hand-written journey. Run r is the r-th entry; `step` is where it waits. */
class Floor {
	now: number;
	heap = new Heap();
	runContact = new Int32Array(1024);
	runStep = new Uint8Array(1024);
	runStatus = new Uint8Array(1024);
	runs = 0;
	out = new Outbox();
	trace: ColumnTrace | null;

	constructor(
		start: number,
		readonly contacts: PeerContact[],
		readonly byId: Map<string, PeerContact>,
		trace: boolean
	) {
		this.now = start;
		this.trace = trace ? new ColumnTrace() : null;
	}

	/** A contact enters: tag "started", then wait 2 days. */
	enter(c: PeerContact): void {
		if (this.runs === this.runContact.length) this.grow();
		const r = this.runs++;
		this.runContact[r] = c.idx;
		this.trace?.add(this.now, c.idx, r, -1, CODE.entered);
		this.tag(c, r, STEP.tag, 'started');
		this.wait(c, r, STEP.w2, 2 * DAY);
	}

	/** Fires every timer due up to `t`, then sets the clock to `t`. */
	advanceTo(t: number): void {
		const h = this.heap;
		while (h.size && h.time[0] <= t) {
			const r = h.run[0];
			this.now = h.time[0];
			h.pop();
			this.wake(r);
		}
		if (t > this.now) this.now = t;
	}

	private wake(r: number): void {
		const c = this.contacts[this.runContact[r]];
		const step = this.runStep[r];
		this.trace?.add(this.now, c.idx, r, step, CODE.wait_ended);
		if (step === STEP.w2) {
			const opens = countOpens(c, this.now, 'news1');
			this.trace?.add(this.now, c.idx, r, STEP.if, CODE.branch, branchDetail(opens));
			if (opens >= 1) {
				this.tag(c, r, STEP.tagY, 'engaged');
				this.wait(c, r, STEP.w1, DAY);
			} else {
				this.send(c, r, STEP.remind, 'remind', 'reminder');
				this.wait(c, r, STEP.w3, 3 * DAY);
			}
		} else if (step === STEP.w1) {
			this.send(c, r, STEP.send, 'send', 'offer');
			this.complete(c, r, STEP.send);
		} else this.complete(c, r, STEP.w3);
	}

	private tag(c: PeerContact, r: number, step: number, tag: string): void {
		const added = addTag(c, tag);
		this.trace?.add(this.now, c.idx, r, step, added ? CODE.step_done : CODE.step_skipped, added ? undefined : { reason: 'already_tagged' });
	}

	private send(c: PeerContact, r: number, step: number, stepId: string, email: string): void {
		const why = this.out.send(c, r, stepId, email, this.now);
		this.trace?.add(this.now, c.idx, r, step, why ? CODE.step_skipped : CODE.step_done, why ? { reason: why } : undefined);
	}

	private wait(c: PeerContact, r: number, step: number, ms: number): void {
		const end = this.now + ms;
		this.trace?.add(this.now, c.idx, r, step, CODE.wait_started, undefined, end);
		this.runStep[r] = step;
		this.runStatus[r] = WAITING;
		this.heap.push(end, r);
	}

	private complete(c: PeerContact, r: number, step: number): void {
		this.runStatus[r] = COMPLETED;
		this.trace?.add(this.now, c.idx, r, step, CODE.completed);
	}

	private grow(): void {
		const n = this.runContact.length * 2;
		const contact = new Int32Array(n);
		contact.set(this.runContact);
		const step = new Uint8Array(n);
		step.set(this.runStep);
		const status = new Uint8Array(n);
		status.set(this.runStatus);
		this.runContact = contact;
		this.runStep = step;
		this.runStatus = status;
	}
}

export const floorContestant: Contestant = {
	name: 'floor',
	prepare(s: Scenario, trace: boolean): Instance {
		const { contacts, byId } = makeContacts(s);
		const f = new Floor(s.start, contacts, byId, trace);
		return {
			enter() {
				f.advanceTo(s.start);
				for (const id of s.ids) f.enter(byId.get(id)!);
			},
			deliver() {
				for (const o of s.opens) {
					f.advanceTo(o.at);
					recordOpen(byId.get(o.contact)!, f.now, o.email);
				}
			},
			finish: () => f.advanceTo(s.until),
			outcome() {
				let completed = 0;
				for (let r = 0; r < f.runs; r++) if (f.runStatus[r] === COMPLETED) completed++;
				return { runs: f.runs, completed, effects: f.out.effects, contacts, trace: f.trace };
			}
		};
	}
};
