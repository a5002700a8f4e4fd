/**
 * The per-contact execution trace, append-only and column-wise: when (virtual time), which run
 * and step, what happened (a stable code) and why (an optional detail with the inputs seen).
 */

/** Stable trace codes. Never renumber: persisted traces store the number. */
export const TraceCode = {
	entered: 0,
	entry_refused: 1,
	step_done: 2,
	step_skipped: 3,
	wait_started: 4,
	wait_ended: 5,
	branch: 6,
	goal_achieved: 7,
	goal_skipped: 8,
	goal_waiting: 9,
	jumped: 10,
	completed: 11,
	exited: 12,
	effect_emitted: 13,
	result_received: 14,
	result_failed: 15,
	migrated: 16
} as const;
export type TraceCodeName = keyof typeof TraceCode;
export const TRACE_CODE_NAMES = Object.keys(TraceCode) as TraceCodeName[];

/** Plain detail attached to a trace entry: the "why". */
export type TraceDetail = Record<string, unknown>;

/** One entry as plain data. */
export interface TraceEntry {
	at: number;
	contact: number;
	run: number;
	step: number;
	code: TraceCodeName;
	detail?: TraceDetail;
}

/** Column-wise trace log. */
export class TraceLog {
	size = 0;
	enabled: boolean;
	time = new Float64Array(4096);
	contact = new Int32Array(4096);
	run = new Int32Array(4096);
	step = new Int32Array(4096);
	code = new Uint8Array(4096);
	detailIdx = new Int32Array(4096);
	details: TraceDetail[] = [];

	constructor(enabled = true) {
		this.enabled = enabled;
	}

	/** Appends an entry (no-op when disabled). `step` is a global step index or -1. */
	add(at: number, contact: number, run: number, step: number, code: number, detail?: TraceDetail): void {
		if (!this.enabled) return;
		if (this.size === this.time.length) this.grow();
		const i = this.size++;
		this.time[i] = at;
		this.contact[i] = contact;
		this.run[i] = run;
		this.step[i] = step;
		this.code[i] = code;
		if (detail === undefined) this.detailIdx[i] = -1;
		else {
			this.detailIdx[i] = this.details.length;
			this.details.push(detail);
		}
	}

	/** Entry i as plain data. */
	entry(i: number): TraceEntry {
		const d = this.detailIdx[i];
		const e: TraceEntry = {
			at: this.time[i],
			contact: this.contact[i],
			run: this.run[i],
			step: this.step[i],
			code: TRACE_CODE_NAMES[this.code[i]]
		};
		if (d >= 0) e.detail = this.details[d];
		return e;
	}

	/** Indices of the entries of one contact, in order. */
	indicesOfContact(contact: number): number[] {
		const out: number[] = [];
		const c = this.contact;
		for (let i = 0; i < this.size; i++) if (c[i] === contact) out.push(i);
		return out;
	}

	/** Bytes held by the columns and an estimate for details. */
	get byteLength(): number {
		return this.time.byteLength * 2 + this.contact.byteLength * 3 + this.code.byteLength;
	}

	/** Entries [from, to) as a cloneable block, for persistence. */
	exportRange(from: number, to: number): TraceBlock {
		const details: (TraceDetail | null)[] = [];
		const idx = new Int32Array(to - from);
		for (let i = from; i < to; i++) {
			const d = this.detailIdx[i];
			if (d < 0) idx[i - from] = -1;
			else {
				idx[i - from] = details.length;
				details.push(this.details[d]);
			}
		}
		return {
			from,
			time: this.time.slice(from, to),
			contact: this.contact.slice(from, to),
			run: this.run.slice(from, to),
			step: this.step.slice(from, to),
			code: this.code.slice(from, to),
			detailIdx: idx,
			details
		};
	}

	/** Appends a block exported by `exportRange` (blocks must arrive in order). */
	importBlock(b: TraceBlock): void {
		const was = this.enabled;
		this.enabled = true;
		for (let i = 0; i < b.time.length; i++) {
			const d = b.detailIdx[i];
			this.add(b.time[i], b.contact[i], b.run[i], b.step[i], b.code[i], d >= 0 ? (b.details[d] as TraceDetail) : undefined);
		}
		this.enabled = was;
	}

	private grow(): void {
		const n = this.time.length * 2;
		const t = new Float64Array(n);
		t.set(this.time);
		this.time = t;
		for (const k of ['contact', 'run', 'step', 'detailIdx'] as const) {
			const a = new Int32Array(n);
			a.set(this[k]);
			this[k] = a;
		}
		const c = new Uint8Array(n);
		c.set(this.code);
		this.code = c;
	}
}

/** A persisted slice of the trace. */
export interface TraceBlock {
	from: number;
	time: Float64Array;
	contact: Int32Array;
	run: Int32Array;
	step: Int32Array;
	code: Uint8Array;
	detailIdx: Int32Array;
	details: (TraceDetail | null)[];
}
