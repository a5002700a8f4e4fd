/**
 * A Yjs provider for the tabs of one browser: document updates and awareness travel over a
 * `BroadcastChannel` with the y-protocols sync and awareness messages (the same bytes y-websocket
 * sends), so an edit in one tab shows in the others at once. On connect it sends its state vector
 * (sync step 1) and its whole state (step 2); peers apply the state and answer step 1 with what it
 * lacks. Remote changes are applied with this provider as the transaction origin, so undo
 * managers tracking the local user ignore them.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** Something that can carry messages between tabs (a BroadcastChannel, or a fake in tests). */
export interface Channel {
	postMessage(data: unknown): void;
	onmessage: ((ev: MessageEvent) => void) | null;
	close(): void;
}

/** The tab-to-tab provider of one document. */
export class BroadcastProvider {
	private channel: Channel;
	private closed = false;

	constructor(
		name: string,
		readonly doc: Y.Doc,
		readonly awareness: awarenessProtocol.Awareness,
		channel?: Channel
	) {
		this.channel = channel ?? new BroadcastChannel(name);
		this.channel.onmessage = (ev) => this.receive(ev.data);
		doc.on('update', this.onUpdate);
		awareness.on('update', this.onAwareness);
		this.connect();
	}

	private post(encoder: encoding.Encoder): void {
		if (!this.closed) this.channel.postMessage(encoding.toUint8Array(encoder));
	}

	private connect(): void {
		const step1 = encoding.createEncoder();
		encoding.writeVarUint(step1, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(step1, this.doc);
		this.post(step1);
		const step2 = encoding.createEncoder();
		encoding.writeVarUint(step2, MESSAGE_SYNC);
		syncProtocol.writeSyncStep2(step2, this.doc);
		this.post(step2);
		const query = encoding.createEncoder();
		encoding.writeVarUint(query, MESSAGE_QUERY_AWARENESS);
		this.post(query);
		if (this.awareness.getLocalState() !== null) this.sendAwareness([this.doc.clientID]);
	}

	private onUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === this) return;
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeUpdate(enc, update);
		this.post(enc);
	};

	private onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
		if (origin === this) return;
		this.sendAwareness([...added, ...updated, ...removed]);
	};

	private sendAwareness(clients: number[]): void {
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
		this.post(enc);
	}

	private receive(data: unknown): void {
		if (this.closed || !(data instanceof Uint8Array)) return;
		const dec = decoding.createDecoder(data);
		const type = decoding.readVarUint(dec);
		if (type === MESSAGE_SYNC) {
			const reply = encoding.createEncoder();
			encoding.writeVarUint(reply, MESSAGE_SYNC);
			syncProtocol.readSyncMessage(dec, reply, this.doc, this);
			if (encoding.length(reply) > 1) this.post(reply);
		} else if (type === MESSAGE_AWARENESS) {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(dec), this);
		} else if (type === MESSAGE_QUERY_AWARENESS) {
			this.sendAwareness([...this.awareness.getStates().keys()]);
		}
	}

	/** Tells the other tabs this user left, then stops. */
	destroy(): void {
		if (this.closed) return;
		// Emits an awareness update that onAwareness sends to the other tabs.
		awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'provider destroyed');
		this.closed = true;
		this.doc.off('update', this.onUpdate);
		this.awareness.off('update', this.onAwareness);
		this.channel.onmessage = null;
		this.channel.close();
	}
}
