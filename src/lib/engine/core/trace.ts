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
	/** A numeric detail (e.g. the instant a wait ends), when the entry carries one. */
	value?: number;
	detail?: TraceDetail;
}

const SHIFT = 16;
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

/** One fixed-size block of columns (blocks are appended, never copied). */
class Block {
	time = new Float64Array(BLOCK);
	value = new Float64Array(BLOCK);
	contact = new Int32Array(BLOCK);
	run = new Int32Array(BLOCK);
	step = new Int32Array(BLOCK);
	detailIdx = new Int32Array(BLOCK);
	code = new Uint8Array(BLOCK);
}

/** Column-wise trace log in fixed-size blocks. */
export class TraceLog {
	size = 0;
	enabled: boolean;
	private blocks: Block[] = [];
	private cur: Block | null = null;
	details: TraceDetail[] = [];

	constructor(enabled = true) {
		this.enabled = enabled;
	}

	/** Appends an entry (no-op when disabled). `step` is a global step index or -1. */
	add(at: number, contact: number, run: number, step: number, code: number, detail?: TraceDetail, value = NaN): void {
		if (!this.enabled) return;
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

	/** Time of entry i. */
	timeAt(i: number): number {
		return this.blocks[i >>> SHIFT].time[i & MASK];
	}

	/** Contact idx of entry i. */
	contactAt(i: number): number {
		return this.blocks[i >>> SHIFT].contact[i & MASK];
	}

	/** Run of entry i. */
	runAt(i: number): number {
		return this.blocks[i >>> SHIFT].run[i & MASK];
	}

	/** Code of entry i. */
	codeAt(i: number): number {
		return this.blocks[i >>> SHIFT].code[i & MASK];
	}

	/** Global step index of entry i. */
	stepAt(i: number): number {
		return this.blocks[i >>> SHIFT].step[i & MASK];
	}

	/** Entry i as plain data. */
	entry(i: number): TraceEntry {
		const b = this.blocks[i >>> SHIFT];
		const o = i & MASK;
		const d = b.detailIdx[o];
		const e: TraceEntry = {
			at: b.time[o],
			contact: b.contact[o],
			run: b.run[o],
			step: b.step[o],
			code: TRACE_CODE_NAMES[b.code[o]]
		};
		if (!Number.isNaN(b.value[o])) e.value = b.value[o];
		if (d >= 0) e.detail = this.details[d];
		return e;
	}

	/** Indices of the entries of one contact, in order. */
	indicesOfContact(contact: number): number[] {
		const out: number[] = [];
		for (let k = 0; k < this.blocks.length; k++) {
			const col = this.blocks[k].contact;
			const n = Math.min(BLOCK, this.size - k * BLOCK);
			for (let o = 0; o < n; o++) if (col[o] === contact) out.push(k * BLOCK + o);
		}
		return out;
	}

	/** Bytes held by the columns (details not counted). */
	get byteLength(): number {
		return this.blocks.length * BLOCK * (8 + 8 + 4 * 4 + 1);
	}

	/** Entries [from, to) as a cloneable block, for persistence. */
	exportRange(from: number, to: number): TraceBlock {
		const n = to - from;
		const out: TraceBlock = {
			from,
			time: new Float64Array(n),
			contact: new Int32Array(n),
			run: new Int32Array(n),
			step: new Int32Array(n),
			code: new Uint8Array(n),
			value: new Float64Array(n),
			detailIdx: new Int32Array(n),
			details: []
		};
		for (let i = from; i < to; i++) {
			const b = this.blocks[i >>> SHIFT];
			const o = i & MASK;
			const j = i - from;
			out.time[j] = b.time[o];
			out.contact[j] = b.contact[o];
			out.run[j] = b.run[o];
			out.step[j] = b.step[o];
			out.code[j] = b.code[o];
			out.value[j] = b.value[o];
			const d = b.detailIdx[o];
			if (d < 0) out.detailIdx[j] = -1;
			else {
				out.detailIdx[j] = out.details.length;
				out.details.push(this.details[d]);
			}
		}
		return out;
	}

	/** Appends a block exported by `exportRange` (blocks must arrive in order). */
	importBlock(b: TraceBlock): void {
		const was = this.enabled;
		this.enabled = true;
		for (let i = 0; i < b.time.length; i++) {
			const d = b.detailIdx[i];
			this.add(b.time[i], b.contact[i], b.run[i], b.step[i], b.code[i], d >= 0 ? (b.details[d] as TraceDetail) : undefined, b.value[i]);
		}
		this.enabled = was;
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
	value: Float64Array;
	detailIdx: Int32Array;
	details: (TraceDetail | null)[];
}
