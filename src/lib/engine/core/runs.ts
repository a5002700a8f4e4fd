/**
 * The run table: one row per entry of a contact into an automation, stored column-wise in typed
 * arrays so that 100k waiting contacts cost a few dozen bytes each and persist as flat buffers.
 * Rare per-run data (goals met, go-to passes, A/B variant, deal in context…) lives in `extra`.
 */

/** Run status codes. Conservation: every run is in exactly one of these. */
export const RunStatus = {
	/** Being moved through instantaneous steps right now. */
	Active: 0,
	/** Parked at a step (wait, goal, pending result) until a timer or data change. */
	Waiting: 1,
	/** Reached the end of a path or an "End this automation" step. */
	Completed: 2,
	/** Removed before completion (ended by another automation, caps, goal setting…). */
	Exited: 3
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** Entry sources that are not one of the automation's own triggers. */
export const ENTRY_MANUAL = -1;
export const ENTRY_STARTED = -2;

/** Rare per-run data, allocated only when a run needs it. */
export interface RunExtra {
	/** Go-to passes since the last wait, by go-to step local index (loop-without-wait guard). */
	loopPasses?: Record<number, number>;
	/** Local indices of goals already achieved in this entry. */
	goalsMet?: number[];
	/** Deal in context (deal triggers, or created by "Add a deal" in this run). */
	dealId?: string;
	/** Outbox key of an effect whose result this run waits for. */
	awaiting?: string;
	/** Why the run ended, when it exited. */
	endReason?: string;
	/** Automation id that started this run ("Start an automation"). */
	startedBy?: string;
	/** Thread id for 1:1 emails sent in this run. */
	thread?: string;
	/** Message id of the last 1:1 email in this run (replies thread under it). */
	lastMessageId?: string;
	/** An effect result that arrived while the automation was inactive (applied on reactivation). */
	pendingResult?: { key: string; ok: boolean; value?: string; error?: string };
}

/** Column store of runs, grown by doubling. */
export class RunTable {
	/** Rows per persistence chunk. */
	static readonly CHUNK = 1024;
	size = 0;
	contact = new Int32Array(256);
	auto = new Int32Array(256);
	step = new Int32Array(256);
	status = new Uint8Array(256);
	trigger = new Int16Array(256);
	entered = new Float64Array(256);
	since = new Float64Array(256);
	wake = new Float64Array(256);
	nextOfContact = new Int32Array(256);
	extra: (RunExtra | undefined)[] = [];
	private dirtyFlags = new Uint8Array(1);
	private dirtyList: number[] = [];

	/** Appends a run and returns its index. */
	add(contact: number, auto: number, trigger: number, at: number, headOfContact: number): number {
		if (this.size === this.contact.length) this.grow();
		const r = this.size++;
		this.contact[r] = contact;
		this.auto[r] = auto;
		this.step[r] = -1;
		this.status[r] = RunStatus.Active;
		this.trigger[r] = trigger;
		this.entered[r] = at;
		this.since[r] = at;
		this.wake[r] = NaN;
		this.nextOfContact[r] = headOfContact;
		this.extra.push(undefined);
		this.touch(r);
		return r;
	}

	/** The run's extra record, created on first use. */
	x(r: number): RunExtra {
		return (this.extra[r] ??= {});
	}

	/** Marks the run's chunk as changed since the last `takeDirtyChunks`. */
	touch(r: number): void {
		const c = r >> 10;
		if (c >= this.dirtyFlags.length) {
			const f = new Uint8Array(Math.max(c + 1, this.dirtyFlags.length * 2));
			f.set(this.dirtyFlags);
			this.dirtyFlags = f;
		}
		if (!this.dirtyFlags[c]) {
			this.dirtyFlags[c] = 1;
			this.dirtyList.push(c);
		}
	}

	/** Chunk numbers changed since the last call, in ascending order; clears the set. */
	takeDirtyChunks(): number[] {
		const list = this.dirtyList.sort((a, b) => a - b);
		for (const c of list) this.dirtyFlags[c] = 0;
		this.dirtyList = [];
		return list;
	}

	/** Bytes held by the columns (capacity, not just size). */
	get byteLength(): number {
		return (
			this.contact.byteLength +
			this.auto.byteLength +
			this.step.byteLength +
			this.status.byteLength +
			this.trigger.byteLength +
			this.entered.byteLength +
			this.since.byteLength +
			this.wake.byteLength +
			this.nextOfContact.byteLength +
			this.extra.length * 8
		);
	}

	/** A plain, cloneable copy of rows [from, to). */
	exportRows(from: number, to: number): RunRows {
		return { ...this.exportColumns(from, to), extra: this.extra.slice(from, to).map((e) => (e ? structuredCloneExtra(e) : null)) };
	}

	/** The rows' extras [from, to) as one JSON array (null where a run has none). */
	exportExtrasJson(from: number, to: number): string {
		return JSON.stringify(this.extra.slice(from, to));
	}

	/** The typed columns of rows [from, to), without the extras (`extra` is empty). */
	exportColumns(from: number, to: number): RunRows {
		return {
			from,
			contact: this.contact.slice(from, to),
			auto: this.auto.slice(from, to),
			step: this.step.slice(from, to),
			status: this.status.slice(from, to),
			trigger: this.trigger.slice(from, to),
			entered: this.entered.slice(from, to),
			since: this.since.slice(from, to),
			wake: this.wake.slice(from, to),
			nextOfContact: this.nextOfContact.slice(from, to),
			extra: []
		};
	}

	/** Writes rows exported by `exportRows` back (used when loading persisted chunks). */
	importRows(rows: RunRows): void {
		const end = rows.from + rows.contact.length;
		while (this.contact.length < end) this.grow();
		this.contact.set(rows.contact, rows.from);
		this.auto.set(rows.auto, rows.from);
		this.step.set(rows.step, rows.from);
		this.status.set(rows.status, rows.from);
		this.trigger.set(rows.trigger, rows.from);
		this.entered.set(rows.entered, rows.from);
		this.since.set(rows.since, rows.from);
		this.wake.set(rows.wake, rows.from);
		this.nextOfContact.set(rows.nextOfContact, rows.from);
		for (let i = 0; i < rows.extra.length; i++) this.extra[rows.from + i] = rows.extra[i] ?? undefined;
		if (end > this.size) this.size = end;
		for (let i = this.extra.length; i < this.size; i++) this.extra[i] = undefined;
	}

	private grow(): void {
		const n = this.contact.length * 2;
		this.contact = growI32(this.contact, n);
		this.auto = growI32(this.auto, n);
		this.step = growI32(this.step, n);
		this.nextOfContact = growI32(this.nextOfContact, n);
		const s = new Uint8Array(n);
		s.set(this.status);
		this.status = s;
		const t = new Int16Array(n);
		t.set(this.trigger);
		this.trigger = t;
		this.entered = growF64(this.entered, n);
		this.since = growF64(this.since, n);
		this.wake = growF64(this.wake, n);
	}
}

/** Rows of the run table as plain typed arrays (structured-cloneable). */
export interface RunRows {
	from: number;
	contact: Int32Array;
	auto: Int32Array;
	step: Int32Array;
	status: Uint8Array;
	trigger: Int16Array;
	entered: Float64Array;
	since: Float64Array;
	wake: Float64Array;
	nextOfContact: Int32Array;
	extra: (RunExtra | null)[];
}

function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
	const b = new Int32Array(n);
	b.set(a);
	return b;
}

function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
	const b = new Float64Array(n);
	b.set(a);
	return b;
}

function structuredCloneExtra(e: RunExtra): RunExtra {
	return JSON.parse(JSON.stringify(e)) as RunExtra;
}
