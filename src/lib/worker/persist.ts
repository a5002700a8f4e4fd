/**
 * Loading and committing engine state to a workspace database. A commit writes every change since
 * the previous one — dirty contact and run chunks, the new trace block, changed deals and
 * accounts, new and changed messages, consumed inputs and the meta — in ONE transaction, so a
 * crash leaves either the old state or the new one, never half of it.
 */
import type { Engine } from '../engine/engine';
import { contactRow, exportMeta, restoreEngine, type EngineMeta } from '../engine/state';
import { RunTable } from '../engine/core/runs';
import { chunkRows, runChunkRows, CONTACT_CHUNK, MESSAGE_CHUNK, type MessageRecord, type TraceBlockRow } from '../db/records';
import type { WorkspaceDb } from '../db/workspace';

/** What a commit carries besides the engine's dirty state. */
export interface CommitExtras {
	/** Messages created or changed since the last commit (by seq). */
	messages: Map<number, MessageRecord>;
	/** All messages (to rebuild whole chunks). */
	allMessages: MessageRecord[];
	/** Scheduled inputs consumed by this commit. */
	consumedInputs: number[];
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

	constructor(private db: WorkspaceDb) {}

	/** Loads the engine (or null for an empty database), plus messages. */
	async load(): Promise<{ engine: Engine; messages: MessageRecord[]; meta: Map<string, unknown> } | null> {
		const db = this.db;
		return db.transaction('r', [db.meta, db.contactChunks, db.runChunks, db.traceBlocks, db.deals, db.accounts, db.messageChunks], async () => {
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
				trace: traceBlocks.filter((b) => b.from < em.counts.trace),
				deals: sortByCreation(deals),
				accounts
			});
			this.traceCommitted = engine.trace.size;
			const messages = messageChunks.flatMap((c) => chunkRows(c));
			return { engine, messages, meta };
		});
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
			const contactChunks = [...new Set(taken.contacts.map((i) => Math.floor(i / CONTACT_CHUNK)))].map((no) => ({
				no,
				json: JSON.stringify(w.contacts.slice(no * CONTACT_CHUNK, (no + 1) * CONTACT_CHUNK).map(contactRow))
			}));
			const runChunks = taken.runChunks.map((no) => {
				const from = no * RunTable.CHUNK;
				const to = Math.min(e.runs.size, (no + 1) * RunTable.CHUNK);
				return { no, rows: e.runs.exportColumns(from, to), extra: e.runs.exportExtrasJson(from, to) };
			});
			const traceBlock: TraceBlockRow | null = traceTo > traceFrom ? e.trace.exportRange(traceFrom, traceTo) : null;
			const deals = taken.deals.map((id) => w.deals.get(id)).filter((d) => d !== undefined);
			const accounts = taken.accounts.map((id) => w.accounts.get(id)).filter((a) => a !== undefined);
			// Dirty records that no longer exist were deleted.
			const goneDeals = taken.deals.filter((id) => !w.deals.has(id));
			const goneAccounts = taken.accounts.filter((id) => !w.accounts.has(id));
			const msgChunks = [...new Set([...extras.messages.keys()].map((seq) => Math.floor(seq / MESSAGE_CHUNK)))].map((no) => ({
				no,
				json: JSON.stringify(extras.allMessages.slice(no * MESSAGE_CHUNK, (no + 1) * MESSAGE_CHUNK))
			}));
			const meta = exportMeta(e);
			await db.transaction('rw', [db.meta, db.contactChunks, db.runChunks, db.traceBlocks, db.deals, db.accounts, db.messageChunks, db.inputs], async () => {
				if (contactChunks.length) await db.contactChunks.bulkPut(contactChunks);
				if (runChunks.length) await db.runChunks.bulkPut(runChunks);
				if (traceBlock) await db.traceBlocks.put(traceBlock);
				if (deals.length) await db.deals.bulkPut(deals);
				if (accounts.length) await db.accounts.bulkPut(accounts);
				if (goneDeals.length) await db.deals.bulkDelete(goneDeals);
				if (goneAccounts.length) await db.accounts.bulkDelete(goneAccounts);
				if (msgChunks.length) await db.messageChunks.bulkPut(msgChunks);
				// Consumed inputs go by key ranges (one request per run of consecutive keys: deleting
				// 30k inputs one key at a time took 11 s of a 100k-contact jump).
				for (const [lo, hi] of keyRuns(extras.consumedInputs)) await db.inputs.where(':id').between(lo, hi, true, true).delete();
				await db.meta.bulkPut([{ key: 'engine', value: meta }, ...Object.entries(extras.meta).map(([key, value]) => ({ key, value }))]);
			});
			this.traceCommitted = traceTo;
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
