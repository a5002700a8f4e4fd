/**
 * A virtual clock for XState actors (its `Clock` interface: setTimeout / clearTimeout) that keeps
 * every pending timeout of every actor in one binary min-heap and fires them in time order,
 * ties in scheduling order. XState's own SimulatedClock sorts all pending timeouts on every
 * advance (quadratic when shared by many actors, and it fires late timeouts at the target time),
 * so this is the fair way to drive 100k actors on one virtual timeline.
 */
export class HeapClock {
	private t: number;
	private due = new Float64Array(1024);
	private ids = new Int32Array(1024);
	private size = 0;
	/** Callbacks by timeout id (cleared when fired or cancelled). */
	private fns: (((...args: unknown[]) => void) | undefined)[] = [];

	constructor(start: number) {
		this.t = start;
	}

	/** Current virtual time (epoch ms). */
	now(): number {
		return this.t;
	}

	setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
		const id = this.fns.length;
		this.fns.push(fn);
		this.push(this.t + timeout, id);
		return id;
	}

	clearTimeout(id: number): void {
		this.fns[id] = undefined;
	}

	/** Fires, in order, every timeout due at or before `t` (each at its own time), then sets the clock to `t`. */
	advanceTo(t: number): void {
		while (this.size && this.due[0] <= t) {
			const at = this.due[0];
			const id = this.ids[0];
			this.pop();
			const fn = this.fns[id];
			if (!fn) continue;
			this.fns[id] = undefined;
			this.t = at;
			fn();
		}
		if (t > this.t) this.t = t;
	}

	private push(at: number, id: number): void {
		if (this.size === this.due.length) {
			const due = new Float64Array(this.size * 2);
			due.set(this.due);
			const ids = new Int32Array(this.size * 2);
			ids.set(this.ids);
			this.due = due;
			this.ids = ids;
		}
		const D = this.due, I = this.ids;
		let i = this.size++;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (D[p] < at || (D[p] === at && I[p] < id)) break;
			D[i] = D[p];
			I[i] = I[p];
			i = p;
		}
		D[i] = at;
		I[i] = id;
	}

	private pop(): void {
		const n = --this.size;
		if (n === 0) return;
		const D = this.due, I = this.ids;
		const at = D[n], id = I[n];
		let i = 0;
		for (;;) {
			let c = 2 * i + 1;
			if (c >= n) break;
			if (c + 1 < n && (D[c + 1] < D[c] || (D[c + 1] === D[c] && I[c + 1] < I[c]))) c++;
			if (at < D[c] || (at === D[c] && id < I[c])) break;
			D[i] = D[c];
			I[i] = I[c];
			i = c;
		}
		D[i] = at;
		I[i] = id;
	}
}
