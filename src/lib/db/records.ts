/** Row types of the workspace database. */
import type { Effect } from '../engine/effects';
import type { RunRows } from '../engine/core/runs';
import type { TraceBlock } from '../engine/core/trace';
import type { Contact, Deal, Account } from '../engine/world';
import type { Input } from '../engine/inputs';
import type { Condition } from '../engine/schema/conditions';

/** Contacts per chunk row. */
export const CONTACT_CHUNK = 1000;
/** Messages per chunk row. */
export const MESSAGE_CHUNK = 500;

/** A key/value row (engine meta, clock, workspace settings). */
export interface MetaRow {
	key: string;
	value: unknown;
}

/**
 * Contact and message chunks hold their rows as one JSON string: IndexedDB stores and reads a
 * string several times faster than a thousand cloned objects (about 3× for 100k contacts in
 * Chromium), and the rows are plain data (finite numbers, strings, arrays, records) that JSON
 * carries exactly. Chunks written by earlier builds hold `rows` as objects; readers take both
 * (`chunkRows`), and a chunk is rewritten as JSON the next time it changes.
 */
export interface ContactChunkRow {
	no: number;
	json?: string;
	rows?: Contact[];
}

/** The rows of a contact or message chunk, whichever way it was stored. */
export function chunkRows<T>(chunk: { json?: string; rows?: T[] }): T[] {
	return chunk.json !== undefined ? (JSON.parse(chunk.json) as T[]) : (chunk.rows ?? []);
}

/**
 * Runs of a chunk: the typed columns as they are, the extras as one JSON array in `extra` (one
 * string instead of a thousand cloned records). Chunks of earlier builds have no `extra`: their
 * extras are in `rows.extra`.
 */
export interface RunChunkRow {
	no: number;
	rows: RunRows;
	extra?: string;
}

/** The rows of a run chunk, whichever way it was stored. */
export function runChunkRows(chunk: RunChunkRow): RunRows {
	return chunk.extra !== undefined ? { ...chunk.rows, extra: JSON.parse(chunk.extra) as RunRows['extra'] } : chunk.rows;
}

/**
 * A stored slice of the trace: the typed columns as they are, the details as one JSON array in
 * `detailsJson` (`details` empty), like run extras. Blocks of earlier builds hold `details`.
 */
export interface TraceBlockRow extends TraceBlock {
	/** First trace index in the block (primary key). */
	from: number;
	detailsJson?: string;
}

/** The trace block of a stored row, whichever way its details were stored. */
export function traceBlockOf(row: TraceBlockRow): TraceBlock {
	return row.detailsJson !== undefined ? { ...row, details: JSON.parse(row.detailsJson) as TraceBlock['details'] } : row;
}

/**
 * Delivery state of an outbound message: queued (waiting for its time or its channel) → sending
 * (persisted before the request) → sent; failed (retry scheduled), unknown (outcome lost, retried
 * with the same key), dead (no more automatic retries); delivered (simulation inbox); suppressed
 * (blocked at send time); dropped (removed from the outbox by the user).
 */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'dead' | 'delivered' | 'suppressed' | 'dropped';

/** One delivery attempt of a message (kept by the outbox, newest last, at most a few). */
export interface AttemptRecord {
	/** Virtual time of the attempt. */
	at: number;
	outcome: 'sent' | 'failed' | 'unknown' | 'dead' | 'suppressed' | 'delivered';
	code?: string;
	status?: number;
}

/** An effect turned into a message: delivered to the local inbox (simulation) or the network (live). */
export interface MessageRecord extends Effect {
	/** Position in the workspace's message log. */
	seq: number;
	/** Where it goes: the simulation inbox, or out through a connector. */
	route: 'inbox' | 'network';
	status: MessageStatus;
	attempts: number;
	/** Virtual time of the next attempt (network) or null. */
	nextAttemptAt: number | null;
	lastError: string | null;
	/** Virtual time it was delivered (inbox) or sent (network). */
	doneAt: number | null;
	/** Inbox interaction (simulation participants): opened/clicked virtual times. */
	openedAt: number | null;
	clickedAt: number | null;
	// Optional fields written by the outbox (src/lib/worker/outbox); absent on older records.
	/** Why a queued message waits: the contact's quiet hours or the frequency cap. */
	postponed?: 'quiet_hours' | 'frequency_cap' | null;
	/** Stable code of `lastError` (http_500, timeout, suppressed_unsubscribed…), for the interface. */
	lastErrorCode?: string | null;
	/** The provider's id of the sent message or created record. */
	providerId?: string | null;
	/** Result value fed back to the engine (AI answer, record id). */
	result?: string | null;
	/** Recent attempts. */
	history?: AttemptRecord[];
}

/** Messages of a chunk, stored like contact chunks (see `ContactChunkRow`). */
export interface MessageChunkRow {
	no: number;
	json?: string;
	rows?: MessageRecord[];
}

/** A scheduled external input (scenario script, simulated events planned for later). */
export interface InputRow {
	seq?: number;
	at: number;
	input: Input;
	/** Where it came from (scenario file name, "user", a reactor's name…). */
	source: string;
	/** Set for derived reactions (never stored): their order at equal times. */
	rank?: number;
}

/**
 * Scheduled inputs are stored in batches: one row holds up to `INPUT_BATCH` inputs as JSON, with
 * their own sequence numbers (`first`..`seq`; the row's key is the last). Adding the 50k inputs of
 * a large scenario one row each took 33 s in Chromium; in batches it is one write per 2,000. When a
 * commit consumes some inputs of a batch, the batch is rewritten with the others (or deleted).
 * Rows written by earlier builds are single inputs (`InputRow` with its `seq` key); both are read.
 */
export interface InputBatchRow {
	/** Sequence number of the batch's last input (the key). */
	seq: number;
	/** Sequence number of its first input. */
	first: number;
	/** Earliest time among its inputs. */
	at: number;
	/** JSON of its `InputRow`s not yet consumed (each with its `seq`). */
	batch: string;
}

/** Inputs per batch row. */
export const INPUT_BATCH = 2000;

/** A row of the inputs store: a batch, or a single input written by an earlier build. */
export type InputStoreRow = InputBatchRow | InputRow;

export function isInputBatch(row: InputStoreRow): row is InputBatchRow {
	return typeof (row as InputBatchRow).batch === 'string';
}

/** A saved segment: a named condition tree, counted live over the contacts (version 2). */
export interface SegmentRow {
	id: string;
	name: string;
	condition: Condition;
	/** Wall-clock times (ms) of creation and last change. */
	createdAt: number;
	updatedAt: number;
}

/** A workspace setting (version 2): e.g. the behaviour model of a simulation. */
export interface SettingRow {
	key: string;
	value: unknown;
}

export type { Deal, Account };
