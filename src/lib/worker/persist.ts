/**
 * Loading and committing engine state to a workspace database. A commit writes every change since
 * the previous one — dirty contact and run chunks, the new trace block, changed deals and
 * accounts, new and changed messages, consumed inputs and the meta — in ONE transaction, so a
 * crash leaves either the old state or the new one, never half of it.
 */
import type { Engine } from '../engine/engine';
import { contactRow, exportMeta, restoreEngine, type EngineMeta } from '../engine/state';
import { RunTable } from '../engine/core/runs';
import type { TraceBlock } from '../engine/core/trace';
import { chunkRows, runChunkRows, traceBlockOf, CONTACT_CHUNK, INPUT_BATCH, isInputBatch, MESSAGE_CHUNK, type InputBatchRow, type InputRow, type InputStoreRow, type MessageRecord, type TraceBlockRow } from '../db/records';
import type { WorkspaceDb } from '../db/workspace';

/** What a commit carries besides the engine's dirty state. */
export interface CommitExtras {
	/** Messages created or changed since the last commit (by seq). */
	messages: Map<number, MessageRecord>;
	/** All messages (to rebuild whole chunks). */
	allMessages: MessageRecord[];
	/** Scheduled inputs consumed by this commit. */
	consumedInputs: number[];
	/** The inputs still pending (batches partly consumed are rewritten with theirs). */
	pendingInputs: readonly InputRow[];
	/** Other meta rows to write (clock, settings). */
	meta: Record<string, unknown>;
}

/** Dirty bookkeeping taken from the engine, restored if the transaction fails. */
interface Taken {
	contacts: number[];
	runChunks: number[];
	deals: string[];
	accounts: string[];
}

/** Tracks what has been committed (trace length) for one open workspace. */
export class Persister {
	private traceCommitted = 0;
	/** Sequence ranges of the stored input batches, by `first`. */
	private batches: { first: number; last: number }[] = [];
	/** The next input sequence number (never reused, like an auto-increment key). */
	private nextSeq = 1;
	private inputsKnown = false;

	constructor(private db: WorkspaceDb) {}

	/** Loads the engine (or null for an empty database), plus messages and pending inputs. */
	async load(): Promise<{ engine: Engine; messages: MessageRecord[]; meta: Map<string, unknown>; inputs: InputRow[] } | null> {
		const db = this.db;
		return db.transaction('r', [db.meta, db.contactChunks, db.runChunks, db.traceBlocks, db.deals, db.accounts, db.messageChunks, db.inputs], async () => {
			const metaRows = await db.meta.toArray();
			const meta = new Map(metaRows.map((r) => [r.key, r.value]));
			const em = meta.get('engine') as EngineMeta | undefined;
			if (!em) return null;
			const [contactChunks, runChunks, traceBlocks, deals, accounts, messageChunks] = await Promise.all([
				db.contactChunks.orderBy('no').toArray(),
				db.runChunks.orderBy('no').toArray(),
				db.traceBlocks.orderBy('from').toArray(),
				db.deals.toArray(),
				db.accounts.toArray(),
				db.messageChunks.orderBy('no').toArray()
			]);
			const contacts = contactChunks.flatMap((c) => chunkRows(c)).slice(0, em.counts.contacts);
			const engine = restoreEngine({
				meta: em,
				contacts,
				runs: runChunks.map(runChunkRows),
				trace: traceBlocks.filter((b) => b.from < em.counts.trace).map(traceBlockOf),
				deals: sortByCreation(deals),
				accounts
			});
			this.traceCommitted = engine.trace.size;
			const messages = messageChunks.flatMap((c) => chunkRows(c));
			const inputs = this.adoptInputs(await db.inputs.toArray(), meta.get(NEXT_INPUT));
			return { engine, messages, meta, inputs };
		});
	}

	/**
	 * Stores new scheduled inputs in batches, giving them their sequence numbers (in the given
	 * order, after every number given before); returns them with their numbers.
	 */
	async addInputs(rows: readonly InputRow[]): Promise<InputRow[]> {
		if (!rows.length) return [];
		const db = this.db;
		if (!this.inputsKnown) {
			const [stored, next] = await db.transaction('r', [db.inputs, db.meta], async () => Promise.all([db.inputs.toArray(), db.meta.get(NEXT_INPUT)]));
			this.adoptInputs(stored, next?.value);
		}
		const first = this.nextSeq;
		const numbered = rows.map((r, i) => ({ ...r, seq: first + i }));
		const batches: InputBatchRow[] = [];
		for (let i = 0; i < numbered.length; i += INPUT_BATCH) batches.push(batchRow(numbered.slice(i, i + INPUT_BATCH)));
		const next = first + numbered.length;
		await db.transaction('rw', [db.inputs, db.meta], async () => {
			await db.inputs.bulkPut(batches);
			await db.meta.put({ key: NEXT_INPUT, value: next });
		});
		this.nextSeq = next;
		this.batches = [...this.batches, ...batches.map((b) => ({ first: b.first, last: b.seq }))].sort((a, b) => a.first - b.first);
		return numbered;
	}

	/** Learns the stored batches and the next sequence number; returns the pending inputs. */
	private adoptInputs(rows: InputStoreRow[], next: unknown): InputRow[] {
		const out: InputRow[] = [];
		let after = typeof next === 'number' ? next : 1;
		this.batches = [];
		for (const r of rows) {
			if (isInputBatch(r)) {
				this.batches.push({ first: r.first, last: r.seq });
				out.push(...(JSON.parse(r.batch) as InputRow[]));
			} else out.push(r);
			after = Math.max(after, (r.seq ?? 0) + 1);
		}
		this.batches.sort((a, b) => a.first - b.first);
		this.nextSeq = after;
		this.inputsKnown = true;
		return out;
	}

	/** Index of the batch holding sequence number `seq`, or -1 (a single row of an earlier build). */
	private batchOf(seq: number): number {
		let lo = 0;
		let hi = this.batches.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const b = this.batches[mid];
			if (seq < b.first) hi = mid - 1;
			else if (seq > b.last) lo = mid + 1;
			else return mid;
		}
		return -1;
	}

	/** What consuming `seqs` does to the store: single rows to delete, batches to rewrite or delete. */
	private consumption(seqs: readonly number[], pending: readonly InputRow[]): { single: number[]; rewrite: InputBatchRow[]; gone: number[] } {
		const single: number[] = [];
		const left = new Map<number, InputRow[]>();
		for (const s of seqs) {
			const b = this.batchOf(s);
			if (b < 0) single.push(s);
			else left.set(b, []);
		}
		if (left.size)
			for (const r of pending) {
				if (r.seq === undefined) continue;
				const b = this.batchOf(r.seq);
				left.get(b)?.push(r);
			}
		const rewrite: InputBatchRow[] = [];
		const gone: number[] = [];
		for (const [b, rows] of left) {
			const { first, last } = this.batches[b];
			if (rows.length) rewrite.push({ ...batchRow(rows.sort((x, y) => x.seq! - y.seq!)), first, seq: last });
			else gone.push(last);
		}
		return { single, rewrite, gone };
	}

	/** Writes everything changed since the last commit in one transaction. */
	async commit(e: Engine, extras: CommitExtras): Promise<void> {
		const db = this.db;
		const w = e.world;
		const taken: Taken = {
			contacts: w.dirtyContacts.take(),
			runChunks: e.runs.takeDirtyChunks(),
			deals: [...w.dirtyDeals],
			accounts: [...w.dirtyAccounts]
		};
		w.dirtyDeals.clear();
		w.dirtyAccounts.clear();
		const traceFrom = this.traceCommitted;
		const traceTo = e.trace.size;
		const catalogDirty = w.dirtyCatalog;
		try {
			const contactChunks = jsonChunks(taken.contacts, CONTACT_CHUNK, (from, to) => w.contacts.slice(from, to).map(contactRow));
			const runChunks = taken.runChunks.map((no) => {
				const from = no * RunTable.CHUNK;
				const to = Math.min(e.runs.size, (no + 1) * RunTable.CHUNK);
				return { no, rows: e.runs.exportColumns(from, to), extra: e.runs.exportExtrasJson(from, to) };
			});
			const traceBlock: TraceBlockRow | null = traceTo > traceFrom ? storedTraceBlock(e.trace.exportRange(traceFrom, traceTo)) : null;
			const deals = taken.deals.map((id) => w.deals.get(id)).filter((d) => d !== undefined);
			const accounts = taken.accounts.map((id) => w.accounts.get(id)).filter((a) => a !== undefined);
			// Dirty records that no longer exist were deleted.
			const goneDeals = taken.deals.filter((id) => !w.deals.has(id));
			const goneAccounts = taken.accounts.filter((id) => !w.accounts.has(id));
			const msgChunks = jsonChunks(extras.messages.keys(), MESSAGE_CHUNK, (from, to) => extras.allMessages.slice(from, to));
			const meta = exportMeta(e);
			const inputs = this.consumption(extras.consumedInputs, extras.pendingInputs);
			await db.transaction('rw', [db.meta, db.contactChunks, db.runChunks, db.traceBlocks, db.deals, db.accounts, db.messageChunks, db.inputs], async () => {
				if (contactChunks.length) await db.contactChunks.bulkPut(contactChunks);
				if (runChunks.length) await db.runChunks.bulkPut(runChunks);
				if (traceBlock) await db.traceBlocks.put(traceBlock);
				if (deals.length) await db.deals.bulkPut(deals);
				if (accounts.length) await db.accounts.bulkPut(accounts);
				if (goneDeals.length) await db.deals.bulkDelete(goneDeals);
				if (goneAccounts.length) await db.accounts.bulkDelete(goneAccounts);
				if (msgChunks.length) await db.messageChunks.bulkPut(msgChunks);
				// Consumed inputs: batches rewritten with what they still hold, or deleted; single rows
				// of earlier builds by key ranges (one request per run of consecutive keys: deleting
				// 30k inputs one key at a time took 11 s of a 100k-contact jump).
				if (inputs.rewrite.length) await db.inputs.bulkPut(inputs.rewrite);
				if (inputs.gone.length) await db.inputs.bulkDelete(inputs.gone);
				for (const [lo, hi] of keyRuns(inputs.single)) await db.inputs.where(':id').between(lo, hi, true, true).delete();
				await db.meta.bulkPut([{ key: 'engine', value: meta }, ...Object.entries(extras.meta).map(([key, value]) => ({ key, value }))]);
			});
			this.traceCommitted = traceTo;
			if (inputs.gone.length) {
				const gone = new Set(inputs.gone);
				this.batches = this.batches.filter((b) => !gone.has(b.last));
			}
			w.dirtyCatalog = false;
			w.dirtySiteMessages = false;
			w.dirtySuppressions = false;
		} catch (err) {
			// Nothing was written: mark everything dirty again so the next commit retries it.
			for (const i of taken.contacts) w.dirtyContacts.add(i);
			for (const no of taken.runChunks) e.runs.touch(no * RunTable.CHUNK);
			for (const id of taken.deals) w.dirtyDeals.add(id);
			for (const id of taken.accounts) w.dirtyAccounts.add(id);
			w.dirtyCatalog = w.dirtyCatalog || catalogDirty;
			throw err;
		}
	}

	/** Forgets the committed trace position (after replacing the whole database). */
	reset(traceCommitted = 0): void {
		this.traceCommitted = traceCommitted;
	}
}

/** The chunks (of `size` rows) holding the dirty row indices, each with its rows' JSON. */
function jsonChunks(dirty: Iterable<number>, size: number, rows: (from: number, to: number) => unknown[]): { no: number; json: string }[] {
	const nos = new Set<number>();
	for (const i of dirty) nos.add(Math.floor(i / size));
	return [...nos].map((no) => ({ no, json: JSON.stringify(rows(no * size, (no + 1) * size)) }));
}

/** A trace block as stored: its details as one JSON string (see `TraceBlockRow`). */
function storedTraceBlock(b: TraceBlock): TraceBlockRow {
	return { ...b, details: [], detailsJson: JSON.stringify(b.details) };
}

/** Meta row holding the next input sequence number. */
const NEXT_INPUT = 'inputs.next';

/** A batch row for inputs already numbered, in sequence order. */
function batchRow(rows: readonly InputRow[]): InputBatchRow {
	let at = Infinity;
	for (const r of rows) at = Math.min(at, r.at);
	return { seq: rows[rows.length - 1].seq!, first: rows[0].seq!, at, batch: JSON.stringify(rows) };
}

/** Runs of consecutive integers in `keys`, as inclusive [first, last] pairs, in order. */
export function keyRuns(keys: readonly number[]): [number, number][] {
	const sorted = [...keys].sort((a, b) => a - b);
	const runs: [number, number][] = [];
	for (const k of sorted) {
		const last = runs[runs.length - 1];
		if (last && k <= last[1] + 1) last[1] = Math.max(last[1], k);
		else runs.push([k, k]);
	}
	return runs;
}

/** Deals in creation order (the engine's insertion order), ties by id. */
function sortByCreation<T extends { createdAt: number; id: string }>(deals: T[]): T[] {
	return deals.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
