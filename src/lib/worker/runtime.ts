/**
 * The runtime of one open workspace, in the tab that holds the engine lock: it owns the engine,
 * drives the clock (live: real time with catch-up; simulation: play/pause/speed/step/jump), feeds
 * scheduled inputs in time order, turns effects into messages (simulation: local inbox), and
 * commits state + messages + consumed inputs in one transaction.
 */
import type { Engine, ApplyResult } from '../engine/engine';
import type { Input } from '../engine/inputs';
import type { Effect } from '../engine/effects';
import { Engine as EngineClass } from '../engine/engine';
import { loadWorkspace } from '../engine/load';
import type { WorkspaceFile } from '../engine/schema/file';
import type { Diagnostic } from '../engine/diagnostics';
import type { InputRow, MessageRecord } from '../db/records';
import { WorkspaceDb } from '../db/workspace';
import type { WorkspaceEntry } from '../db/registry';
import { Persister } from './persist';
import type { ClockState } from './clock';
import { allContacts } from '../format/script';
import { REACTORS } from './reactors';
import type { Responder } from '../engine/schema/file';
import { Outbox } from './outbox/outbox';

/** A scenario loaded into a simulation workspace (its script is in the scheduled inputs). */
export interface ScenarioMeta {
	name: string;
	description?: string;
	/** Where the scenario ends. */
	until: number;
	/** How awaited effects are answered (replaces the built-in simulated answers). */
	responders: Responder[];
	/** The scenario's expectations (checked when the clock reaches `until`). */
	expect: unknown[];
}

/** Wall-clock and timer functions, injectable for tests. */
export interface Host {
	wallNow(): number;
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	/** Called after each processing slice and commit, with what changed. */
	notify(event: RuntimeEvent): void;
}

/** What the runtime tells the pages. */
export type RuntimeEvent =
	| { type: 'tick'; clock: ClockState; committed: boolean }
	| { type: 'error'; message: string; code: 'quota' | 'internal' }
	| { type: 'progress'; label: string; done: number; total: number };

/** Work budget of one slice before yielding to queries and commands. */
const SLICE_MS = 40;
/** Minimum wall time between commits while running. */
const COMMIT_EVERY_MS = 1000;
/**
 * Minimum wall time between commits during a jump (fast-forward): each commit of a large
 * simulation rewrites most chunks, so a jump commits at its end and only every few seconds on
 * the way (a tab closed mid-jump resumes from there; the run is deterministic).
 */
const JUMP_COMMIT_EVERY_MS = 5000;

/** The runtime of one workspace. */
export class WorkspaceRuntime {
	engine!: Engine;
	messages: MessageRecord[] = [];
	clock!: ClockState;
	private dirtyMessages = new Map<number, MessageRecord>();
	private inputs: InputRow[] = [];
	private consumed: number[] = [];
	private persister: Persister;
	private timer: unknown = null;
	private lastWall = 0;
	/** Where the current fast-forward started (for progress). */
	private ffFrom = 0;
	private lastCommit = 0;
	private changedSinceCommit = false;
	private busy = false;
	private stopped = false;
	/** Set when a commit failed for lack of space; the clock stays paused until a commit succeeds. */
	storageError: string | null = null;
	/** The scenario this simulation runs, if it was created from one. */
	scenario: ScenarioMeta | null = null;
	/** Sending: inbox delivery (simulation) or the network dispatcher (live). See worker/outbox. */
	readonly outbox: Outbox;

	constructor(
		readonly entry: WorkspaceEntry,
		readonly db: WorkspaceDb,
		private host: Host
	) {
		this.persister = new Persister(db);
		this.outbox = new Outbox(this, host);
	}

	/** Opens an existing workspace database (false when it holds no engine yet). */
	async load(): Promise<boolean> {
		const loaded = await this.persister.load();
		if (!loaded) return false;
		this.engine = loaded.engine;
		this.messages = loaded.messages;
		this.clock = (loaded.meta.get('clock') as ClockState | undefined) ?? this.defaultClock(this.engine.now);
		this.scenario = (loaded.meta.get('scenario') as ScenarioMeta | undefined) ?? null;
		this.inputs = loaded.inputs.sort(byTimeThenSeq);
		// Sending: settings, indexes, and "sending" records left by a crash become "unknown".
		await this.outbox.load();
		for (const r of REACTORS) await r.prepare?.(this);
		this.rearmReactions();
		return true;
	}

	/** Initialises a new workspace from a file (and optional scheduled inputs), then commits. */
	async init(file: WorkspaceFile, opts: { seed: number; start: number; inputs?: InputRow[]; scenario?: ScenarioMeta }): Promise<Diagnostic[]> {
		const e = new EngineClass({ seed: opts.seed, start: opts.start, defaultZone: file.timeZone });
		const diags = loadWorkspace(e, file);
		this.engine = e;
		for (const r of REACTORS) await r.prepare?.(this);
		this.clock = this.defaultClock(opts.start);
		this.scenario = opts.scenario ?? null;
		if (opts.inputs?.length) this.inputs = (await this.persister.addInputs(opts.inputs)).sort(byTimeThenSeq);
		this.collectEffects();
		await this.commit(true);
		return diags;
	}

	private defaultClock(now: number): ClockState {
		return this.entry.kind === 'live'
			? { kind: 'live', now: Math.max(now, this.host.wallNow()), playing: true, speed: 1, until: null }
			: { kind: 'simulation', now, playing: false, speed: 86_400, until: null };
	}

	/** Starts the loop (live workspaces catch up first). */
	start(): void {
		this.stopped = false;
		this.lastWall = this.host.wallNow();
		this.wakeIn(0);
		this.outbox.start();
	}

	/** Stops the loop and commits what is pending. */
	async stop(): Promise<void> {
		this.stopped = true;
		this.outbox.stop();
		if (this.timer !== null) this.host.clearTimeout(this.timer);
		this.timer = null;
		await this.commit(true).catch(() => {});
	}

	// ------------------------------------------------------------------ clock commands

	/**
	 * Plays at a speed (virtual ms per real ms; 0 = as fast as possible). With `until`, fast-forwards
	 * as fast as possible to that instant and stops there (the chosen speed is kept for later).
	 */
	async play(speed: number, until: number | null = null): Promise<void> {
		if (this.clock.kind === 'live') return;
		this.clock = { ...this.clock, playing: true, speed, until: until !== null && until > this.clock.now ? until : null };
		this.ffFrom = this.clock.now;
		this.lastWall = this.host.wallNow();
		await this.commit(true);
		this.wakeIn(0);
	}

	/** Pauses a simulation and commits. */
	async pause(): Promise<void> {
		if (this.clock.kind === 'live') return;
		this.clock = { ...this.clock, playing: false, until: null };
		await this.commit(true);
		this.emitTick(true);
	}

	/** Moves to the next scheduled event (timer or scripted input) and stops there. */
	async stepNext(): Promise<number> {
		const t = this.nextEventAt();
		if (!Number.isFinite(t)) return this.clock.now;
		await this.runTo(Math.max(t, this.clock.now), Infinity);
		await this.commit(true);
		this.emitTick(true);
		return this.clock.now;
	}

	/** Advances the simulation by `ms` (processing everything due on the way). */
	async advanceBy(ms: number): Promise<void> {
		await this.jumpTo(this.clock.now + ms);
	}

	/** Jumps to a later instant, processing everything due on the way, with progress. */
	async jumpTo(t: number): Promise<void> {
		if (this.clock.kind === 'live') return;
		if (t <= this.clock.now) return;
		const from = this.clock.now;
		const started = this.host.wallNow();
		while (this.clock.now < t) {
			const reached = await this.runTo(t, SLICE_MS * 5);
			this.host.notify({ type: 'progress', label: 'Running the clock', done: reached - from, total: t - from });
			if (this.wallSince(Math.max(this.lastCommit, started)) > JUMP_COMMIT_EVERY_MS) await this.commit(false);
			await yieldToEvents();
		}
		await this.commit(true);
		this.emitTick(true);
	}

	// ------------------------------------------------------------------ inputs

	/** Applies an input now (at the current virtual time) and commits. */
	async apply(input: DistributiveOmit<Input, 'at'>): Promise<ApplyResult> {
		await this.catchUpLive();
		const res = this.engine.apply({ ...input, at: this.engine.now } as Input);
		this.collectEffects();
		this.changedSinceCommit = true;
		await this.commit(true);
		this.emitTick(true);
		return res;
	}

	/** Applies several inputs at the current virtual time, then commits once. */
	async applyMany(inputs: DistributiveOmit<Input, 'at'>[]): Promise<ApplyResult[]> {
		await this.catchUpLive();
		const out = inputs.map((i) => this.engine.apply({ ...i, at: this.engine.now } as Input));
		this.collectEffects();
		this.changedSinceCommit = true;
		await this.commit(true);
		this.emitTick(true);
		return out;
	}

	/** Schedules inputs for later virtual times (durable: they survive reloads). */
	async schedule(rows: InputRow[]): Promise<void> {
		const past = rows.find((r) => r.at < this.engine.now);
		if (past) throw new Error(`Cannot schedule "${past.input.type}" in the past`);
		await this.storeInputs(rows);
		this.emitTick(false);
	}

	/** Stores inputs (numbered after every earlier one) and queues them; derived reactions are kept. */
	async storeInputs(rows: readonly InputRow[]): Promise<void> {
		const stored = await this.persister.addInputs(rows);
		this.inputs = [...this.inputs, ...stored].sort(byTimeThenSeq);
	}

	/** Scheduled inputs not yet applied. */
	pendingInputs(): readonly InputRow[] {
		return this.inputs;
	}

	private async catchUpLive(): Promise<void> {
		if (this.clock.kind === 'live') await this.runTo(this.host.wallNow(), Infinity);
	}

	// ------------------------------------------------------------------ the loop

	private wakeIn(ms: number): void {
		if (this.stopped) return;
		if (this.timer !== null) this.host.clearTimeout(this.timer);
		this.timer = this.host.setTimeout(() => {
			this.timer = null;
			void this.tick();
		}, ms);
	}

	private async tick(): Promise<void> {
		if (this.busy || this.stopped) return;
		this.busy = true;
		try {
			const c = this.clock;
			const wall = this.host.wallNow();
			const elapsed = Math.max(0, wall - this.lastWall);
			this.lastWall = wall;
			let next = 250;
			if (this.storageError) {
				// Try again: space may have been freed.
				await this.commit(true);
				next = 5000;
			} else if (c.kind === 'live') {
				await this.runTo(wall, SLICE_MS);
				next = this.clock.now < wall ? 0 : Math.min(1000, Math.max(20, this.engine.nextTimerAt() - wall));
			} else if (c.playing) {
				// Fast-forwarding to `until` runs as fast as possible; otherwise at the chosen speed.
				const speed = c.until !== null ? 0 : c.speed;
				const cap = c.until ?? Infinity;
				let target = speed === 0 ? Math.min(cap, this.nextEventAt()) : Math.min(cap, c.now + elapsed * speed);
				if (speed === 0 && !Number.isFinite(target)) target = c.now;
				const reached = await this.runTo(target, SLICE_MS);
				if (c.until !== null && reached >= c.until) this.clock = { ...this.clock, playing: false, until: null };
				// "As fast as possible" with nothing left to run stops; a fast-forward goes on to `until`
				// (a slice may end right after the last event, before the clock reached it).
				else if (c.until === null && speed === 0 && !Number.isFinite(this.nextEventAt())) this.clock = { ...this.clock, playing: false, until: null };
				if (c.until !== null) this.host.notify({ type: 'progress', label: 'fast-forward', done: reached - this.ffFrom, total: c.until - this.ffFrom });
				next = speed === 0 || reached < target ? 0 : 50;
			} else next = -1;
			const due = this.changedSinceCommit && (this.wallSince(this.lastCommit) >= COMMIT_EVERY_MS || !this.clock.playing);
			if (due) await this.commit(false);
			this.emitTick(due);
			if (next >= 0) this.wakeIn(next);
		} catch (err) {
			this.host.notify({ type: 'error', code: 'internal', message: err instanceof Error ? err.message : String(err) });
		} finally {
			this.busy = false;
		}
	}

	private nextEventAt(): number {
		return Math.min(this.engine.nextTimerAt(), this.inputs[0]?.at ?? Infinity, this.outbox.nextDueAt());
	}

	/**
	 * Processes scheduled inputs and timers in time order up to `target`, for at most `budget`
	 * ms of wall time. Returns the virtual time reached.
	 */
	async runTo(target: number, budget: number): Promise<number> {
		const e = this.engine;
		const t0 = performanceNow();
		for (;;) {
			const nextInput = this.inputs.length ? this.inputs[0].at : Infinity;
			const nextTimer = e.nextTimerAt();
			// Sending: simulation deliveries postponed by quiet hours, frequency caps or retries.
			const nextDelivery = this.outbox.nextDueAt();
			const t = Math.min(nextInput, nextTimer, nextDelivery);
			if (t > target) {
				if (target > e.now && Number.isFinite(target)) e.advanceTo(target);
				break;
			}
			// At equal times the engine's timers fire first (apply() advances to the input's time).
			if (nextDelivery < nextInput && nextDelivery < nextTimer) {
				e.advanceTo(Math.max(nextDelivery, e.now));
				for (const m of this.outbox.deliverDue(e.now)) this.react(m, -Infinity);
			} else if (nextInput <= nextTimer) {
				const row = this.inputs.shift()!;
				e.apply(expandAll(e, { ...row.input, at: Math.max(row.at, e.now) } as Input));
				if (row.seq !== undefined && row.rank === undefined) this.consumed.push(row.seq);
			} else e.advanceTo(Math.max(t, e.now));
			this.changedSinceCommit = true;
			this.collectEffects();
			if (performanceNow() - t0 > budget) break;
		}
		this.collectEffects();
		if (e.now > this.clock.now) this.changedSinceCommit = true;
		this.clock = { ...this.clock, now: e.now };
		return e.now;
	}

	/** Turns new effects into messages (simulation: the local inbox) and schedules their reactions. */
	private collectEffects(): void {
		const effects = this.engine.takeEffects();
		if (!effects.length) return;
		const sim = this.entry.kind === 'simulation';
		for (const fx of effects) {
			const m = toMessage(fx, this.messages.length, sim);
			this.messages.push(m);
			this.dirtyMessages.set(m.seq, m);
			// Sending: send-time rules; reactions run once the message is delivered.
			if (this.outbox.admit(m)) this.react(m, -Infinity);
		}
	}

	/** Schedules the reactions to a message that are later than `after`. */
	private react(m: MessageRecord, after: number): void {
		for (const reactor of REACTORS)
			for (const r of reactor.react(m, this))
				if (r.at > after) insertSorted(this.inputs, { at: r.at, input: r.input, source: reactor.name, rank: reactor.rank });
	}

	/**
	 * Reactions are derived, not stored: after a reload every message is asked again and the
	 * reactions still in the future are scheduled (those at or before `now` were applied).
	 */
	private rearmReactions(): void {
		const now = this.engine.now;
		for (const m of this.messages) if (m.route !== 'inbox' || m.status === 'delivered') this.react(m, now);
	}

	/**
	 * Recomputes one reactor's pending reactions after its settings changed: the derived inputs
	 * not yet applied are dropped and every message is asked again (as after a reload).
	 */
	rearmReactor(name: string): void {
		const reactor = REACTORS.find((r) => r.name === name);
		if (!reactor) return;
		this.inputs = this.inputs.filter((row) => row.rank === undefined || row.source !== name);
		const now = this.engine.now;
		for (const m of this.messages) {
			if (m.route === 'inbox' && m.status !== 'delivered') continue;
			for (const r of reactor.react(m, this)) if (r.at > now) insertSorted(this.inputs, { at: r.at, input: r.input, source: reactor.name, rank: reactor.rank });
		}
		this.emitTick(false);
	}

	/** Marks a message changed (inbox interactions, dispatcher updates). */
	touchMessage(m: MessageRecord): void {
		this.dirtyMessages.set(m.seq, m);
		this.changedSinceCommit = true;
	}

	// ------------------------------------------------------------------ commits

	/** Commits pending changes; `force` commits the clock even when nothing else changed. */
	async commit(force: boolean): Promise<void> {
		if (!force && !this.changedSinceCommit && !this.dirtyMessages.size) return;
		const consumed = this.consumed;
		const messages = this.dirtyMessages;
		this.consumed = [];
		this.dirtyMessages = new Map();
		try {
			await this.persister.commit(this.engine, {
				messages,
				allMessages: this.messages,
				consumedInputs: consumed,
				pendingInputs: this.inputs,
				meta: this.scenario ? { clock: this.clock, scenario: this.scenario } : { clock: this.clock }
			});
			this.changedSinceCommit = false;
			this.lastCommit = this.host.wallNow();
			if (this.storageError) {
				this.storageError = null;
				this.emitTick(true);
			}
		} catch (err) {
			this.consumed = [...consumed, ...this.consumed];
			for (const [k, v] of messages) if (!this.dirtyMessages.has(k)) this.dirtyMessages.set(k, v);
			if (isQuotaError(err)) {
				// Stop cleanly: nothing already written is lost; resume once a commit succeeds.
				this.storageError = 'The browser refused to store more data (storage is full). The clock is stopped; free some space (delete simulations or old messages) and it resumes.';
				if (this.clock.kind === 'simulation') this.clock = { ...this.clock, playing: false };
				this.host.notify({ type: 'error', code: 'quota', message: this.storageError });
				this.wakeIn(5000);
				return;
			}
			throw err;
		}
	}

	private emitTick(committed: boolean): void {
		this.host.notify({ type: 'tick', clock: this.clock, committed });
	}

	private wallSince(t: number): number {
		return this.host.wallNow() - t;
	}
}

/** Omit that distributes over a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function toMessage(fx: Effect, seq: number, sim: boolean): MessageRecord {
	return {
		...fx,
		seq,
		route: sim ? 'inbox' : 'network',
		status: sim ? 'delivered' : 'queued',
		attempts: 0,
		nextAttemptAt: sim ? null : fx.at,
		lastError: null,
		doneAt: sim ? fx.at : null,
		openedAt: null,
		clickedAt: null
	};
}

/** Canonical order at one instant: derived reactions by rank, then scheduled inputs in order. */
/** Scheduled inputs in the order they apply: time, then derived reactions by rank, then sequence. */
export function byTimeThenSeq(a: InputRow, b: InputRow): number {
	return a.at - b.at || (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.seq ?? Infinity) - (b.seq ?? Infinity);
}

/** Expands `contacts: ["*"]` to every contact at the time the input applies. */
function expandAll(e: Engine, input: Input): Input {
	if (input.type === 'contacts.added' && input.contacts.length === 1 && input.contacts[0] === '*') return { ...input, contacts: allContacts(e) };
	return input;
}

function insertSorted(list: InputRow[], row: InputRow): void {
	let i = list.length;
	while (i > 0 && byTimeThenSeq(list[i - 1], row) > 0) i--;
	list.splice(i, 0, row);
}

function isQuotaError(err: unknown): boolean {
	const e = err as { name?: string; inner?: { name?: string } } | null;
	return !!e && (e.name === 'QuotaExceededError' || e.inner?.name === 'QuotaExceededError');
}

function performanceNow(): number {
	return globalThis.performance ? globalThis.performance.now() : Date.now();
}

function yieldToEvents(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

export { WorkspaceDb };
