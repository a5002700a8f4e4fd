/**
 * The outbox of one workspace runtime (see README.md). Simulations deliver into the local inbox on
 * the virtual clock; live workspaces send through the connectors, at least once, with the same
 * idempotency key on every attempt, so receivers that honour it apply each message exactly once.
 */
import type { MessageRecord, AttemptRecord } from '../../db/records';
import type { WorkspaceDb } from '../../db/workspace';
import type { Input } from '../../engine/inputs';
import { normalizeEmail } from '../../engine/world';
import { draw } from '../../engine/core/random';
import { channelOf, endpointOf, retryOf, webhookEndpoint, withDefaults, type ChannelId, type SendingSettings } from '../../connectors/channels';
import { isPaced, postponement, sendBlock } from '../../connectors/compliance';
import { DeliveryError, type Failure } from '../../connectors/http';
import { nextAttempt } from '../../connectors/retry';
import { deliver } from '../../connectors';
import type { Delivered, OutMessage } from '../../connectors/types';
import { relayUnsubscribes } from '../../connectors/relay';
import { readUnsubscribeToken } from '../../connectors/unsubscribe';
import { sharedVault, Vault, VaultLockedError } from '../secrets/vault';
import { contextFor, relayOf, unsubscribeKey } from './context';
import { emptySettings, emptyState, readSettings, writeSettings, writeState, type OutboxState } from './settings';
import type { Host, WorkspaceRuntime, DistributiveOmit } from '../runtime';

type Command = DistributiveOmit<Input, 'at'>;

/** Why a due message does not leave now. */
export type WaitReason = 'not_configured' | 'paused' | 'locked' | 'relay_missing' | 'endpoint_disabled' | 'offline';

/** Statuses the live pump still works on. */
const ACTIVE: ReadonlySet<string> = new Set(['queued', 'failed', 'unknown', 'sending']);
/** Requests in flight at once, in all and per endpoint. */
const MAX_IN_FLIGHT = 16;
const PER_ENDPOINT = 6;
/**
 * Messages claimed ahead of their request (persisted as "sending" in one commit), per endpoint and
 * in all: one commit covers many requests. After a crash every claimed message is "unknown" and is
 * sent again with its key, so the claim window bounds the duplicates a receiver may see.
 */
const CLAIM_PER_ENDPOINT = 60;
const MAX_CLAIMED = 240;
/** Attempts kept in a message's history. */
const HISTORY = 8;
/** How often a live workspace collects unsubscribe requests from the relay. */
const UNSUBSCRIBE_EVERY_MS = 5 * 60_000;
/**
 * Results are committed in groups (a lost result only means the message is sent again with its
 * key after a crash); engine inputs from results (AI answers, bounces) are applied with them.
 */
const FLUSH_MS = 250;

/** A message blocked by the send-time rules right before its request left. */
class BlockedError extends DeliveryError {
	constructor(readonly reason: string) {
		super({ kind: 'permanent', code: reason, message: `Not sent: ${reason.replace(/_/g, ' ')} when it was about to leave.` });
	}
}

/** Readable texts of send-time blocks (the interface translates the codes). */
const BLOCK_TEXT: Record<string, string> = {
	suppressed_unsubscribed: 'The address unsubscribed.',
	suppressed_bounced: 'The address bounced.',
	suppressed_complained: 'The recipient complained (spam report).',
	suppressed_stop: 'The number replied STOP.',
	no_active_subscription: 'The contact has no active list subscription any more.',
	no_sms_consent: 'The contact has no SMS consent any more.',
	contact_deleted: 'The contact was deleted.'
};

/** The vault for a workspace database (the shared one in browsers; per factory in tests). */
const vaults = new WeakMap<IDBFactory, Vault>();
function vaultFor(db: WorkspaceDb): Vault {
	// Dexie keeps the IndexedDB factory it was opened with; tests use fake-indexeddb factories.
	const deps = (db as unknown as { _deps?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } })._deps;
	const idb = deps?.indexedDB;
	if (!idb || idb === (globalThis as { indexedDB?: IDBFactory }).indexedDB) return sharedVault();
	let v = vaults.get(idb);
	if (!v) vaults.set(idb, (v = new Vault(deps)));
	return v;
}

export class Outbox {
	settings: SendingSettings = emptySettings();
	state: OutboxState = emptyState();
	/** Network reachability as the page last reported it. */
	online = true;
	/** The fetch used by connectors (injectable for tests). */
	fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init);
	/** Last error of collecting unsubscribes from the relay (null when fine). */
	unsubscribeError: string | null = null;
	private vaultRef: Vault | null = null;
	private locked = false;
	/** Paced (email/SMS) send times per contact, sorted (frequency cap). */
	private paced = new Map<string, number[]>();
	/** Simulation messages waiting for a later delivery, sorted by (nextAttemptAt, seq). */
	private simQueue: number[] = [];
	/** Live messages still to send (or being sent). */
	private active = new Set<number>();
	private inFlight = new Map<string, number>();
	private inFlightTotal = 0;
	/** Claimed messages waiting for a request slot, per endpoint (oldest first). */
	private claimed = new Map<string, MessageRecord[]>();
	/** Claimed messages per endpoint, waiting or in flight. */
	private claimedCount = new Map<string, number>();
	private claimedTotal = 0;
	/** State before the claim, to undo claims that never started. */
	private beforeClaim = new Map<number, { status: MessageRecord['status']; postponed: MessageRecord['postponed'] }>();
	private running = false;
	private pumping = false;
	private again = false;
	private timer: unknown = null;
	/** Wall time the pending wake-up is due. */
	private timerAt = Infinity;
	private flushTimer: unknown = null;
	private unsubTimer: unknown = null;
	private inputs: Command[] = [];
	/** Decrypted secrets per channel for this session (cleared when settings or secrets change). */
	private secretsCache = new Map<ChannelId, Promise<Record<string, string>>>();

	constructor(
		private rt: WorkspaceRuntime,
		private host: Host
	) {}

	get vault(): Vault {
		return (this.vaultRef ??= vaultFor(this.rt.db));
	}
	set vault(v: Vault) {
		this.vaultRef = v;
	}

	private get workspace(): string {
		return this.rt.entry.id;
	}

	/** The idempotency key of a message: the workspace and the engine's stable effect key. */
	keyOf(m: MessageRecord): string {
		return `${this.workspace}/${m.key}`;
	}

	// ------------------------------------------------------------------ lifecycle (runtime hooks)

	/** Reads settings, rebuilds indexes from the loaded messages and recovers interrupted sends. */
	async load(): Promise<void> {
		const { settings, state } = await readSettings(this.rt.db);
		this.settings = settings;
		this.state = state;
		this.rebuild();
		this.recover();
	}

	/** Rebuilds the in-memory indexes from the message log. */
	rebuild(): void {
		this.paced.clear();
		this.simQueue = [];
		this.active.clear();
		for (const m of this.rt.messages) {
			if (isPaced(m.kind) && (m.status === 'delivered' || m.status === 'sent') && m.doneAt !== null) this.pacedPush(m.contact, m.doneAt);
			if (m.route === 'inbox' && (m.status === 'queued' || m.status === 'failed') && m.nextAttemptAt !== null) this.simQueue.push(m.seq);
			if (m.route === 'network' && ACTIVE.has(m.status)) this.active.add(m.seq);
		}
		this.simQueue.sort((a, b) => this.simOrder(a, b));
	}

	/**
	 * After a reload, a message left in "sending" may or may not have reached its receiver: it
	 * becomes "unknown" and is retried at once with the same idempotency key.
	 */
	recover(): void {
		for (const seq of this.active) {
			const m = this.rt.messages[seq];
			if (m.status !== 'sending') continue;
			m.status = 'unknown';
			m.lastErrorCode = 'interrupted';
			m.lastError = 'The app closed while this message was being sent; the outcome is unknown, so it is sent again with the same idempotency key.';
			m.nextAttemptAt = this.rt.engine.now;
			this.pushHistory(m, { at: this.rt.engine.now, outcome: 'unknown', code: 'interrupted' });
			this.rt.touchMessage(m);
		}
	}

	/** Starts sending (live workspaces). */
	start(): void {
		if (this.rt.entry.kind !== 'live') return;
		this.running = true;
		(globalThis as { addEventListener?: (t: string, f: () => void) => void }).addEventListener?.('online', this.onOnlineEvent);
		this.kick(0);
		this.scheduleUnsubscribes(2000);
	}

	/** Stops sending; requests in flight finish but their results wait for the next session. */
	stop(): void {
		this.running = false;
		// Claims that never started go back to the queue (they were not sent, so they are not "unknown").
		for (const [ep, q] of this.claimed) {
			for (const m of q) this.unclaim(m, ep);
			q.length = 0;
		}
		(globalThis as { removeEventListener?: (t: string, f: () => void) => void }).removeEventListener?.('online', this.onOnlineEvent);
		for (const t of [this.timer, this.flushTimer, this.unsubTimer]) if (t !== null) this.host.clearTimeout(t);
		this.timer = this.flushTimer = this.unsubTimer = null;
		this.timerAt = Infinity;
	}

	/**
	 * A new message from the engine. Simulation: delivered now, postponed or (simulated) failed;
	 * returns whether it was delivered (its reactions run then). Live: queued for the pump.
	 */
	admit(m: MessageRecord): boolean {
		if (m.route === 'inbox') return this.deliverSim(m, m.at);
		this.active.add(m.seq);
		this.kick(0);
		return true;
	}

	/** Virtual time of the next postponed simulation delivery (Infinity when none). */
	nextDueAt(): number {
		if (!this.simQueue.length) return Infinity;
		return this.rt.messages[this.simQueue[0]].nextAttemptAt ?? Infinity;
	}

	/** Delivers the simulation messages due at or before `t`; returns those delivered now. */
	deliverDue(t: number): MessageRecord[] {
		const out: MessageRecord[] = [];
		while (this.simQueue.length) {
			const m = this.rt.messages[this.simQueue[0]];
			const at = m.nextAttemptAt ?? Infinity;
			if (at > t) break;
			this.simQueue.shift();
			if (this.deliverSim(m, at)) out.push(m);
		}
		return out;
	}

	// ------------------------------------------------------------------ simulation delivery

	private simOrder(a: number, b: number): number {
		const ma = this.rt.messages[a];
		const mb = this.rt.messages[b];
		return (ma.nextAttemptAt ?? Infinity) - (mb.nextAttemptAt ?? Infinity) || a - b;
	}

	private insertSim(seq: number): void {
		const q = this.simQueue;
		let lo = 0;
		let hi = q.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.simOrder(q[mid], seq) < 0) lo = mid + 1;
			else hi = mid;
		}
		q.splice(lo, 0, seq);
	}

	/** One simulated delivery at virtual time `t`: the send-time rules, then the inbox. */
	private deliverSim(m: MessageRecord, t: number): boolean {
		const e = this.rt.engine;
		const block = sendBlock(e, m);
		if (block) {
			this.settle(m, 'suppressed', t, block, BLOCK_TEXT[block] ?? block);
			return false;
		}
		const pp = postponement(e, m, this.settings.policy, this.paced.get(m.contact) ?? [], t);
		if (pp) {
			m.status = 'queued';
			m.nextAttemptAt = pp.until;
			m.postponed = pp.reason;
			this.insertSim(m.seq);
			this.rt.touchMessage(m);
			return false;
		}
		const rate = this.settings.policy.simulatedFailureRate;
		if (rate > 0 && draw(e.seed, 'simulated-failure', m.key, m.attempts) < rate) {
			m.attempts++;
			const policy = retryOf(withDefaults(channelOf(m.kind, m.payload), this.settings.channels[channelOf(m.kind, m.payload)] as never));
			const next = nextAttempt(t, e.seed, m.key, m.attempts, policy);
			m.lastErrorCode = 'simulated_failure';
			m.lastError = 'Simulated failure (HTTP 503), as set in Channels → Sending rules.';
			m.postponed = null;
			if (next === null) {
				this.settle(m, 'dead', null, 'simulated_failure', m.lastError);
				return false;
			}
			m.status = 'failed';
			m.nextAttemptAt = next;
			this.pushHistory(m, { at: t, outcome: 'failed', code: 'simulated_failure', status: 503 });
			this.insertSim(m.seq);
			this.rt.touchMessage(m);
			return false;
		}
		const retried = m.attempts > 0 || m.postponed;
		m.status = 'delivered';
		m.doneAt = t;
		m.nextAttemptAt = null;
		if (retried) {
			m.attempts++;
			m.postponed = null;
			m.lastError = null;
			m.lastErrorCode = null;
			this.pushHistory(m, { at: t, outcome: 'delivered' });
		}
		if (isPaced(m.kind)) this.pacedPush(m.contact, t);
		this.rt.touchMessage(m);
		return true;
	}

	// ------------------------------------------------------------------ live sending

	private isOnline(): boolean {
		const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
		return this.online && nav?.onLine !== false;
	}

	/**
	 * Reports network reachability (from the page). Back online, sending resumes at once, including
	 * messages whose last attempt failed on the network (they do not wait out their backoff).
	 */
	setOnline(online: boolean): void {
		const was = this.online;
		this.online = online;
		if (online && !was) this.resumeAfterNetworkErrors();
		if (online) this.kick(0);
	}

	private readonly onOnlineEvent = () => {
		this.resumeAfterNetworkErrors();
		this.kick(0);
	};

	private resumeAfterNetworkErrors(): void {
		const now = this.host.wallNow();
		for (const seq of this.active) {
			const m = this.rt.messages[seq];
			if ((m.status === 'unknown' || m.status === 'failed') && m.lastErrorCode === 'network' && (m.nextAttemptAt ?? 0) > now) {
				m.nextAttemptAt = now;
				this.rt.touchMessage(m);
			}
		}
	}

	/** Wakes the pump after `ms` (0: as soon as possible). */
	kick(ms = 0): void {
		if (!this.running) return;
		if (this.timer !== null) this.host.clearTimeout(this.timer);
		this.timerAt = this.host.wallNow() + Math.max(0, ms);
		this.timer = this.host.setTimeout(() => {
			this.timer = null;
			this.timerAt = Infinity;
			void this.pump();
		}, Math.max(0, ms));
	}

	/** Whether the channel of a message requires the mail relay and lacks it. */
	private relayMissing(channel: ChannelId): boolean {
		const s = this.settings.channels[channel] as Record<string, unknown> | undefined;
		if (!s || channel === 'mail') return false;
		const needs = s.via === 'relay' || s.delivery === 'relay';
		return needs && !this.settings.channels.mail?.relayUrl;
	}

	/** Why a due live message cannot leave now (null: it can). */
	waitReason(m: MessageRecord): WaitReason | null {
		if (m.route !== 'network') return null;
		const channel = channelOf(m.kind, m.payload);
		const s = this.settings.channels[channel];
		if (!s) return 'not_configured';
		if (!s.enabled) return 'paused';
		if (this.locked) return 'locked';
		if (this.relayMissing(channel)) return 'relay_missing';
		if (channel === 'webhooks' && this.settings.channels.webhooks?.disabled.includes(webhookEndpoint(String(m.payload.url ?? '')))) return 'endpoint_disabled';
		if (!this.isOnline()) return 'offline';
		return null;
	}

	/** Messages due now, oldest first. */
	private due(now: number): MessageRecord[] {
		const out: MessageRecord[] = [];
		for (const seq of this.active) {
			const m = this.rt.messages[seq];
			if (m.status !== 'sending' && (m.nextAttemptAt ?? 0) <= now) out.push(m);
		}
		return out.sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.seq - b.seq);
	}

	private async pump(): Promise<void> {
		if (!this.running) return;
		if (this.pumping) {
			this.again = true;
			return;
		}
		this.pumping = true;
		try {
			this.locked = !(await this.vault.unlocked().catch(() => false));
			do {
				this.again = false;
				if (!this.isOnline()) break;
				const now = this.host.wallNow();
				const e = this.rt.engine;
				const claims: MessageRecord[] = [];
				for (const m of this.due(now)) {
					if (this.claimedTotal >= MAX_CLAIMED) break;
					if (this.waitReason(m)) continue;
					const ep = endpointOf(m.kind, m.payload);
					if ((this.claimedCount.get(ep) ?? 0) >= CLAIM_PER_ENDPOINT) continue;
					const block = sendBlock(e, m);
					if (block) {
						this.settle(m, 'suppressed', now, block, BLOCK_TEXT[block] ?? block);
						this.resolveAwaited(m, false, BLOCK_TEXT[block] ?? block);
						continue;
					}
					const pp = postponement(e, m, this.settings.policy, this.paced.get(m.contact) ?? [], now);
					if (pp) {
						m.nextAttemptAt = pp.until;
						m.postponed = pp.reason;
						this.rt.touchMessage(m);
						continue;
					}
					this.beforeClaim.set(m.seq, { status: m.status, postponed: m.postponed });
					m.status = 'sending';
					m.attempts++;
					m.postponed = null;
					this.claimedCount.set(ep, (this.claimedCount.get(ep) ?? 0) + 1);
					this.claimedTotal++;
					this.rt.touchMessage(m);
					claims.push(m);
				}
				if (!claims.length) break;
				// Durable before any request leaves: after a crash these become "unknown", never lost.
				await this.rt.commit(false);
				if (this.rt.storageError || !this.running) {
					for (const m of claims) this.unclaim(m, endpointOf(m.kind, m.payload));
					break;
				}
				for (const m of claims) {
					const ep = endpointOf(m.kind, m.payload);
					let q = this.claimed.get(ep);
					if (!q) this.claimed.set(ep, (q = []));
					q.push(m);
				}
				this.startRequests();
			} while (this.again);
			this.scheduleNext();
		} catch (err) {
			this.host.notify({ type: 'error', code: 'internal', message: `Outbox: ${err instanceof Error ? err.message : String(err)}` });
			this.kick(5000);
		} finally {
			this.pumping = false;
		}
	}

	/** Starts requests for claimed messages while there are free slots. */
	private startRequests(): void {
		if (!this.running) return;
		for (const [ep, q] of this.claimed) {
			while (q.length && (this.inFlight.get(ep) ?? 0) < PER_ENDPOINT && this.inFlightTotal < MAX_IN_FLIGHT) {
				const m = q.shift()!;
				this.inFlight.set(ep, (this.inFlight.get(ep) ?? 0) + 1);
				this.inFlightTotal++;
				void this.attempt(m, ep);
			}
		}
	}

	/** Undoes a claim that never started. */
	private unclaim(m: MessageRecord, ep: string): void {
		const before = this.beforeClaim.get(m.seq);
		this.beforeClaim.delete(m.seq);
		m.status = before?.status ?? 'queued';
		m.postponed = before?.postponed ?? null;
		m.attempts = Math.max(0, m.attempts - 1);
		this.claimedCount.set(ep, Math.max(0, (this.claimedCount.get(ep) ?? 0) - 1));
		this.claimedTotal = Math.max(0, this.claimedTotal - 1);
		this.rt.touchMessage(m);
	}

	/** Wakes up for the next retry or postponed message. */
	private scheduleNext(): void {
		const now = this.host.wallNow();
		let next = Infinity;
		for (const seq of this.active) {
			const m = this.rt.messages[seq];
			if (m.status === 'sending' || this.waitReason(m)) continue;
			// Messages held back only by a full claim window leave when one of its requests finishes.
			if ((this.claimedCount.get(endpointOf(m.kind, m.payload)) ?? 0) >= CLAIM_PER_ENDPOINT) continue;
			next = Math.min(next, m.nextAttemptAt ?? now);
		}
		// Wake for the soonest one (an earlier wake-up already pending is kept).
		if (Number.isFinite(next) && next < this.timerAt && this.claimedTotal < MAX_CLAIMED) this.kick(Math.min(next - now, 2 ** 31 - 1));
	}

	/** Frees the request slot and the claim of a finished attempt. */
	private release(m: MessageRecord, ep: string): void {
		this.inFlight.set(ep, Math.max(0, (this.inFlight.get(ep) ?? 0) - 1));
		this.inFlightTotal = Math.max(0, this.inFlightTotal - 1);
		this.claimedCount.set(ep, Math.max(0, (this.claimedCount.get(ep) ?? 0) - 1));
		this.claimedTotal = Math.max(0, this.claimedTotal - 1);
		this.beforeClaim.delete(m.seq);
	}

	private toOut(m: MessageRecord): OutMessage {
		return { idempotencyKey: this.keyOf(m), kind: m.kind, contact: m.contact, payload: m.payload, marketing: m.marketing };
	}

	/** Context dependencies shared by attempts and tests of channels. */
	contextDeps() {
		return {
			vault: this.vault,
			secretsOf: (channel: ChannelId) => {
				let p = this.secretsCache.get(channel);
				if (!p) {
					p = this.vault.getAll(this.workspace, `${channel}.`);
					p.catch(() => this.secretsCache.delete(channel));
					this.secretsCache.set(channel, p);
				}
				return p;
			},
			workspace: this.workspace,
			settings: this.settings,
			state: this.state,
			saveState: () => void writeState(this.rt.db, this.state),
			fetch: this.fetchImpl,
			wallNow: () => this.host.wallNow()
		};
	}

	/** One attempt of a claimed message. */
	private async attempt(m: MessageRecord, ep: string): Promise<void> {
		const channel = channelOf(m.kind, m.payload);
		let result: { ok: true; d: Delivered } | { ok: false; err: unknown };
		try {
			// The rules are checked again synchronously right before each request leaves.
			const ctx = await contextFor(channel, this.contextDeps(), () => {
				const b = sendBlock(this.rt.engine, m);
				if (b) throw new BlockedError(b);
			});
			result = { ok: true, d: await deliver(channel, this.toOut(m), ctx) };
		} catch (err) {
			result = { ok: false, err };
		} finally {
			this.release(m, ep);
		}
		try {
			this.finish(m, channel, result);
		} catch (err) {
			this.host.notify({ type: 'error', code: 'internal', message: `Outbox: ${err instanceof Error ? err.message : String(err)}` });
		}
		this.scheduleFlush();
		this.startRequests();
		// Claim more once two thirds of the window went out (one commit for many requests).
		if ((this.claimed.get(ep)?.length ?? 0) < CLAIM_PER_ENDPOINT / 3) {
			this.again = true;
			void this.pump();
		}
	}

	/** Records the outcome of an attempt. */
	private finish(m: MessageRecord, channel: ChannelId, r: { ok: true; d: Delivered } | { ok: false; err: unknown }): void {
		const now = this.host.wallNow();
		if (r.ok) {
			m.lastError = null;
			m.lastErrorCode = null;
			m.providerId = r.d.providerId || null;
			m.result = r.d.value ?? null;
			this.pushHistory(m, { at: now, outcome: 'sent', ...(r.d.status ? { status: r.d.status } : {}) });
			this.settle(m, 'sent', now, null, null);
			if (isPaced(m.kind)) this.pacedPush(m.contact, now);
			this.resolveAwaited(m, true, r.d.value ?? '');
			return;
		}
		const err = r.err;
		if (err instanceof BlockedError) {
			m.attempts--;
			this.settle(m, 'suppressed', now, err.reason, BLOCK_TEXT[err.reason] ?? err.message);
			this.resolveAwaited(m, false, BLOCK_TEXT[err.reason] ?? err.message);
			return;
		}
		if (err instanceof VaultLockedError) {
			// Not an attempt: the secrets got locked meanwhile; it waits for the passphrase.
			m.attempts--;
			m.status = m.attempts > 0 ? 'failed' : 'queued';
			this.locked = true;
			this.rt.touchMessage(m);
			return;
		}
		const f: Failure = err instanceof DeliveryError ? err.failure : { kind: 'retry', code: 'internal', message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}` };
		m.lastError = f.message;
		m.lastErrorCode = f.code;
		const outcome: AttemptRecord = { at: now, outcome: f.kind === 'unknown' ? 'unknown' : 'failed', code: f.code, ...(f.status ? { status: f.status } : {}) };
		if (f.kind === 'retry' || f.kind === 'unknown') {
			const policy = retryOf(withDefaults(channel, this.settings.channels[channel] as never));
			const next = nextAttempt(now, this.rt.engine.seed, this.keyOf(m), m.attempts, policy, f.retryAfterMs);
			if (next !== null) {
				this.pushHistory(m, outcome);
				m.status = f.kind === 'unknown' ? 'unknown' : 'failed';
				m.nextAttemptAt = next;
				this.rt.touchMessage(m);
				return;
			}
			m.lastError = `${f.message} Gave up after ${m.attempts} attempts.`;
		}
		this.pushHistory(m, { ...outcome, outcome: 'dead' });
		this.settle(m, 'dead', null, f.code, m.lastError);
		if (f.bounce && (m.kind === 'email.send' || m.kind === 'email.transactional' || m.kind === 'email.one_to_one') && this.rt.engine.world.contact(m.contact))
			this.inputs.push({ type: 'email.bounced', contact: m.contact });
		if (f.kind === 'gone') this.disableEndpoint(channel, endpointOf(m.kind, m.payload));
		this.resolveAwaited(m, false, f.message);
	}

	/** Puts a message in a final state. */
	private settle(m: MessageRecord, status: 'sent' | 'dead' | 'suppressed' | 'dropped', at: number | null, code: string | null, text: string | null): void {
		m.status = status;
		m.nextAttemptAt = null;
		m.postponed = null;
		if (at !== null) m.doneAt = at;
		if (status !== 'sent') {
			m.lastErrorCode = code;
			m.lastError = text;
		}
		if (status === 'suppressed') this.pushHistory(m, { at: at ?? this.rt.engine.now, outcome: 'suppressed', ...(code ? { code } : {}) });
		this.active.delete(m.seq);
		this.rt.touchMessage(m);
	}

	/** Feeds the result of an awaited effect (AI answer, record id) back to the engine. */
	private resolveAwaited(m: MessageRecord, ok: boolean, value: string): void {
		if (m.awaitUntil === null) return;
		this.inputs.push(ok ? { type: 'effect.resolved', key: m.key, ok: true, value } : { type: 'effect.resolved', key: m.key, ok: false, error: value });
	}

	/** 410 Gone: the webhook endpoint (or the whole channel) stops until re-enabled. */
	private disableEndpoint(channel: ChannelId, endpoint: string): void {
		const s = this.settings.channels[channel];
		if (!s) return;
		if (channel === 'webhooks') {
			const w = this.settings.channels.webhooks!;
			const ep = endpoint.replace(/^webhook:/, '');
			if (!w.disabled.includes(ep)) w.disabled = [...w.disabled, ep];
		} else s.enabled = false;
		void writeSettings(this.rt.db, this.settings);
	}

	private scheduleFlush(): void {
		if (this.flushTimer !== null) return;
		this.flushTimer = this.host.setTimeout(() => {
			this.flushTimer = null;
			void this.flush();
		}, FLUSH_MS);
	}

	/** Commits recorded outcomes (and applies their engine inputs) in one go. */
	async flush(): Promise<void> {
		const inputs = this.inputs;
		this.inputs = [];
		try {
			if (inputs.length) await this.rt.applyMany(inputs);
			else await this.rt.commit(false);
			this.host.notify({ type: 'tick', clock: this.rt.clock, committed: true });
		} catch (err) {
			this.inputs = [...inputs, ...this.inputs];
			this.host.notify({ type: 'error', code: 'internal', message: `Outbox: ${err instanceof Error ? err.message : String(err)}` });
		}
	}

	// ------------------------------------------------------------------ user actions

	/** Sends a dead, failed or unknown message again now, with a fresh count of attempts. */
	retry(seq: number): boolean {
		const m = this.rt.messages[seq];
		if (!m || !['dead', 'failed', 'unknown', 'suppressed'].includes(m.status)) return false;
		m.status = 'queued';
		m.attempts = 0;
		m.nextAttemptAt = this.rt.engine.now;
		m.postponed = null;
		if (m.route === 'inbox') this.insertSim(m.seq);
		else {
			m.nextAttemptAt = this.host.wallNow();
			this.active.add(m.seq);
			this.kick(0);
		}
		this.rt.touchMessage(m);
		return true;
	}

	/** Removes a message that has not been sent from the outbox. */
	drop(seq: number): boolean {
		const m = this.rt.messages[seq];
		if (!m || !['dead', 'failed', 'unknown', 'queued', 'suppressed'].includes(m.status)) return false;
		const i = this.simQueue.indexOf(seq);
		if (i >= 0) this.simQueue.splice(i, 1);
		this.settle(m, 'dropped', m.route === 'inbox' ? this.rt.engine.now : this.host.wallNow(), m.lastErrorCode ?? null, m.lastError);
		this.resolveAwaited(m, false, 'Dropped from the outbox.');
		return true;
	}

	/** Saves settings and wakes the pump (waiting messages may now leave). */
	async saveSettings(settings: SendingSettings): Promise<void> {
		this.settings = settings;
		this.secretsCache.clear();
		await writeSettings(this.rt.db, settings);
		this.kick(0);
	}

	/** Re-checks the vault and wakes the pump (after unlocking or saving secrets). */
	async secretsChanged(): Promise<void> {
		this.secretsCache.clear();
		this.locked = !(await this.vault.unlocked().catch(() => false));
		this.kick(0);
	}

	/** Pending engine inputs produced by outcomes (applied at the next flush). */
	get pendingInputs(): readonly Command[] {
		return this.inputs;
	}

	/** Counts for the interface. */
	stats(): { waiting: number; inFlight: number; locked: boolean } {
		let waiting = 0;
		for (const seq of this.active) if (this.rt.messages[seq].status !== 'sending') waiting++;
		return { waiting, inFlight: this.inFlightTotal, locked: this.locked };
	}

	// ------------------------------------------------------------------ unsubscribes

	private scheduleUnsubscribes(ms: number): void {
		if (!this.running) return;
		this.unsubTimer = this.host.setTimeout(async () => {
			this.unsubTimer = null;
			await this.collectUnsubscribes().catch(() => 0);
			this.scheduleUnsubscribes(UNSUBSCRIBE_EVERY_MS);
		}, ms);
	}

	/**
	 * Collects unsubscribe requests the relay received (one-click List-Unsubscribe), checks their
	 * signatures and unsubscribes the contacts from every list. Returns how many contacts changed.
	 */
	async collectUnsubscribes(): Promise<number> {
		const mail = this.settings.channels.mail;
		if (!mail || mail.unsubscribe !== 'relay' || !(await this.vault.unlocked())) return 0;
		const relay = await relayOf(this.vault, this.workspace, this.settings);
		if (!relay) return 0;
		try {
			const { events, last } = await relayUnsubscribes(relay, this.state.unsubscribeCursor, { timeoutMs: 15_000, fetch: this.fetchImpl, wallNow: () => this.host.wallNow() });
			const key = await unsubscribeKey(this.vault, this.workspace);
			const inputs: Command[] = [];
			let contacts = 0;
			for (const ev of events) {
				const t = await readUnsubscribeToken(key, ev.token, this.workspace);
				if (!t) continue;
				const c = this.rt.engine.world.contact(t.c);
				if (!c || c.deleted || normalizeEmail(c.email) !== normalizeEmail(t.e)) continue;
				const lists = Object.keys(c.lists).filter((l) => c.lists[l] === 'active');
				if (lists.length) contacts++;
				for (const list of lists) inputs.push({ type: 'list.unsubscribed', contact: c.id, list });
			}
			this.state.unsubscribeCursor = last;
			await writeState(this.rt.db, this.state);
			if (inputs.length) await this.rt.applyMany(inputs);
			this.unsubscribeError = null;
			return contacts;
		} catch (err) {
			this.unsubscribeError = err instanceof Error ? err.message : String(err);
			throw err;
		}
	}

	// ------------------------------------------------------------------ helpers

	private pacedPush(contact: string, t: number): void {
		let list = this.paced.get(contact);
		if (!list) this.paced.set(contact, (list = []));
		let i = list.length;
		while (i > 0 && list[i - 1] > t) i--;
		list.splice(i, 0, t);
	}

	private pushHistory(m: MessageRecord, a: AttemptRecord): void {
		const h = m.history ? [...m.history, a] : [a];
		m.history = h.length > HISTORY ? h.slice(h.length - HISTORY) : h;
	}
}
