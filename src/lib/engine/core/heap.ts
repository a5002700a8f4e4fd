/**
 * The timer queue: a binary min-heap over parallel typed arrays, ordered by (time, kind, id).
 * Entries are never removed early; the owner checks on pop whether an entry is still current
 * (lazy deletion), which keeps scheduling O(log n) with no per-entry objects.
 */
export class TimerHeap {
	private time = new Float64Array(1024);
	private kind = new Uint8Array(1024);
	private id = new Int32Array(1024);
	size = 0;

	/** Adds an entry. `kind` orders equal times; `id` is the owner's index. */
	push(time: number, kind: number, id: number): void {
		if (this.size === this.time.length) this.grow();
		let i = this.size++;
		const T = this.time, K = this.kind, I = this.id;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (!less(time, kind, id, T[p], K[p], I[p])) break;
			T[i] = T[p];
			K[i] = K[p];
			I[i] = I[p];
			i = p;
		}
		T[i] = time;
		K[i] = kind;
		I[i] = id;
	}

	/** Time of the earliest entry, or Infinity when empty. */
	peekTime(): number {
		return this.size ? this.time[0] : Infinity;
	}

	/** Kind of the earliest entry (heap must be non-empty). */
	peekKind(): number {
		return this.kind[0];
	}

	/** Id of the earliest entry (heap must be non-empty). */
	peekId(): number {
		return this.id[0];
	}

	/** Removes the earliest entry. */
	pop(): void {
		const n = --this.size;
		if (n <= 0) return;
		const T = this.time, K = this.kind, I = this.id;
		const t = T[n], k = K[n], d = I[n];
		let i = 0;
		for (;;) {
			let c = 2 * i + 1;
			if (c >= n) break;
			if (c + 1 < n && less(T[c + 1], K[c + 1], I[c + 1], T[c], K[c], I[c])) c++;
			if (!less(T[c], K[c], I[c], t, k, d)) break;
			T[i] = T[c];
			K[i] = K[c];
			I[i] = I[c];
			i = c;
		}
		T[i] = t;
		K[i] = k;
		I[i] = d;
	}

	/** Drops every entry. */
	clear(): void {
		this.size = 0;
	}

	/** Bytes held by the heap's arrays. */
	get byteLength(): number {
		return this.time.byteLength + this.kind.byteLength + this.id.byteLength;
	}

	private grow(): void {
		const n = this.time.length * 2;
		const t = new Float64Array(n);
		t.set(this.time);
		const k = new Uint8Array(n);
		k.set(this.kind);
		const d = new Int32Array(n);
		d.set(this.id);
		this.time = t;
		this.kind = k;
		this.id = d;
	}
}

function less(t1: number, k1: number, i1: number, t2: number, k2: number, i2: number): boolean {
	return t1 < t2 || (t1 === t2 && (k1 < k2 || (k1 === k2 && i1 < i2)));
}
