/**
 * A document connected to a room of a standard y-websocket server (y-websocket's
 * `WebsocketProvider`): status (connecting / connected / offline), the first sync, reconnection
 * (the provider retries with backoff; the browser's online/offline events make it react at once),
 * and a deliberate "work offline" switch. Edits made while offline stay in the document and merge
 * when the connection returns (Yjs sync exchanges what each side lacks).
 *
 * Read-only (spectators): the provider syncs a mirror document instead of the edited one, and
 * only the mirror's changes flow into it: the spectator's document receives everything and sends
 * nothing (presence excepted, which is not part of the document).
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';

/** Where a connection stands. */
export type LinkStatus = 'connecting' | 'connected' | 'offline';

/** A connection's state as shown to the user. */
export interface LinkState {
	status: LinkStatus;
	/** Received the server's state at least once since the last connect. */
	synced: boolean;
	/** True when the user chose to work offline (no reconnection until they reconnect). */
	paused: boolean;
}

/** How to connect. */
export interface LinkOptions {
	/** ws:// or wss:// address of the server. */
	server: string;
	/** Name of the document on the server. */
	room: string;
	/** Presence to share (default: none besides the provider's own). */
	awareness?: Awareness;
	/** Never send this document's changes (spectators). */
	readonly?: boolean;
	/** WebSocket implementation (Node tests pass the `ws` package). */
	WebSocketPolyfill?: typeof WebSocket;
	/** Events source for online/offline (default: `window` when there is one). */
	events?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
}

/** Origin of the changes a read-only connection copies into the document. */
export const REMOTE_ORIGIN = 'websocket';

/** Whether a transaction origin is a room connection (changes made on other machines). */
export function isRoomOrigin(origin: unknown): boolean {
	return origin === REMOTE_ORIGIN || origin instanceof WebsocketProvider;
}

/** One document connected to one room. */
export class RoomLink {
	readonly provider: WebsocketProvider;
	private mirror: Y.Doc | null = null;
	private listeners = new Set<(s: LinkState) => void>();
	private current: LinkState = { status: 'connecting', synced: false, paused: false };
	private destroyed = false;
	private events: LinkOptions['events'];

	constructor(
		readonly doc: Y.Doc,
		readonly opts: LinkOptions
	) {
		let target = doc;
		if (opts.readonly) {
			// The provider talks to a mirror that starts empty (so nothing local is ever offered to
			// the server); what it receives is copied into the document.
			const mirror = new Y.Doc({ gc: doc.gc });
			mirror.clientID = doc.clientID;
			mirror.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, REMOTE_ORIGIN));
			this.mirror = mirror;
			target = mirror;
		}
		this.provider = new WebsocketProvider(opts.server, opts.room, target, {
			awareness: opts.awareness,
			disableBc: true,
			maxBackoffTime: 4000,
			...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {})
		});
		this.provider.on('status', ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }) =>
			this.set({ status: status === 'disconnected' ? 'offline' : status, synced: status === 'connected' ? this.current.synced : false })
		);
		this.provider.on('sync', (synced: boolean) => this.set({ synced }));
		this.provider.on('connection-error', () => this.set({ status: this.current.paused ? 'offline' : 'connecting', synced: false }));
		this.events = opts.events === undefined ? (typeof window !== 'undefined' ? window : null) : opts.events;
		this.events?.addEventListener('offline', this.onOffline);
		this.events?.addEventListener('online', this.onOnline);
	}

	/** The connection's state now. */
	get state(): LinkState {
		return this.current;
	}

	private set(patch: Partial<LinkState>): void {
		if (this.destroyed) return;
		const next = { ...this.current, ...patch };
		if (next.status === this.current.status && next.synced === this.current.synced && next.paused === this.current.paused) return;
		this.current = next;
		for (const fn of this.listeners) fn(next);
	}

	/** Calls `fn` on every change of state; returns the unsubscriber. */
	subscribe(fn: (s: LinkState) => void): () => void {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}

	/**
	 * Resolves true once the server's state arrived, false when the connection failed first or
	 * `timeout` ms passed (the caller then goes on with what it has; syncing continues later).
	 */
	whenSynced(timeout = 4000): Promise<boolean> {
		if (this.current.synced) return Promise.resolve(true);
		return new Promise((resolve) => {
			let failures = 0;
			const done = (ok: boolean) => {
				clearTimeout(timer);
				this.provider.off('sync', onSync);
				this.provider.off('connection-error', onFail);
				this.provider.off('connection-close', onFail);
				resolve(ok);
			};
			const onSync = (s: boolean) => s && done(true);
			// A refused connection fails at once; give one retry a chance before giving up.
			const onFail = () => ++failures >= 2 && done(false);
			const timer = setTimeout(() => done(false), timeout);
			this.provider.on('sync', onSync);
			this.provider.on('connection-error', onFail);
			this.provider.on('connection-close', onFail);
		});
	}

	private onOffline = (): void => {
		// The socket may not notice a dead network for a long time: drop it now, retry when online.
		if (this.current.paused) return;
		this.provider.disconnect();
		this.set({ status: 'offline', synced: false });
	};

	private onOnline = (): void => {
		if (!this.current.paused && !this.destroyed) this.provider.connect();
	};

	/** Works offline: closes the connection until `reconnect()`; edits stay local meanwhile. */
	pause(): void {
		this.set({ paused: true });
		this.provider.disconnect();
		this.set({ status: 'offline', synced: false });
	}

	/** Connects again (after `pause()` or to retry at once); offline edits merge on sync. */
	reconnect(): void {
		this.set({ paused: false, status: 'connecting' });
		this.provider.connect();
	}

	/** Leaves the room (announcing it to the peers) and stops. */
	destroy(): void {
		if (this.destroyed) return;
		this.events?.removeEventListener('offline', this.onOffline);
		this.events?.removeEventListener('online', this.onOnline);
		this.provider.destroy();
		this.mirror?.destroy();
		this.destroyed = true;
		this.listeners.clear();
	}
}
