/**
 * A simulated network of Yjs peers for tests: every local update is queued to each other peer
 * (possibly dropped), messages are delivered in any order the test picks, peers go offline and
 * come back (then they catch up with a state-vector sync, as y-websocket and the tab provider do),
 * and `settle()` ends with a full sync. Deterministic for a given PRNG.
 */
import * as Y from 'yjs';

/** Origin of updates applied from the network (never re-sent, never undoable). */
export const NET = Symbol('net');

/** mulberry32: a small seeded PRNG returning [0, 1). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Message {
	to: number;
	update: Uint8Array;
}

export class Network {
	readonly online: boolean[];
	queue: Message[] = [];
	dropped = 0;
	delivered = 0;

	constructor(
		readonly docs: Y.Doc[],
		private rnd: () => number,
		private dropRate = 0
	) {
		this.online = docs.map(() => true);
		docs.forEach((doc, i) =>
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === NET || !this.online[i]) return;
				for (let j = 0; j < docs.length; j++) {
					if (j === i || !this.online[j]) continue;
					if (this.rnd() < this.dropRate) this.dropped++;
					else this.queue.push({ to: j, update });
				}
			})
		);
	}

	/** Delivers up to `n` queued messages, picked at random (any order). */
	deliver(n = 1): void {
		for (let k = 0; k < n && this.queue.length; k++) {
			const i = Math.floor(this.rnd() * this.queue.length);
			const [m] = this.queue.splice(i, 1);
			if (!this.online[m.to]) continue;
			Y.applyUpdate(this.docs[m.to], m.update, NET);
			this.delivered++;
		}
	}

	/** State-vector sync of two peers (what a provider does on (re)connect and periodically). */
	sync(i: number, j: number): void {
		const a = this.docs[i];
		const b = this.docs[j];
		const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
		const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
		Y.applyUpdate(b, toB, NET);
		Y.applyUpdate(a, toA, NET);
	}

	/** Takes a peer offline: its queued messages are lost, its edits stay local. */
	disconnect(i: number): void {
		this.online[i] = false;
		this.queue = this.queue.filter((m) => m.to !== i);
	}

	/** Brings a peer back: it syncs with every online peer. */
	reconnect(i: number): void {
		this.online[i] = true;
		for (let j = 0; j < this.docs.length; j++) if (j !== i && this.online[j]) this.sync(i, j);
	}

	/** Everyone back online, every message delivered, then a full sync. */
	settle(): void {
		this.online.fill(true);
		while (this.queue.length) this.deliver(this.queue.length);
		for (let i = 1; i < this.docs.length; i++) this.sync(0, i);
		for (let i = 1; i < this.docs.length; i++) this.sync(0, i);
	}
}
