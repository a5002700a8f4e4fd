/** A set of small non-negative integers (row indices) changed since the last take: flags + list. */
export class DirtySet {
	private flags = new Uint8Array(1024);
	private list: number[] = [];

	/** Marks `i`. */
	add(i: number): void {
		if (i >= this.flags.length) {
			const f = new Uint8Array(Math.max(i + 1, this.flags.length * 2));
			f.set(this.flags);
			this.flags = f;
		}
		if (this.flags[i]) return;
		this.flags[i] = 1;
		this.list.push(i);
	}

	/** Whether `i` is marked. */
	has(i: number): boolean {
		return i < this.flags.length && this.flags[i] === 1;
	}

	/** Number of marked indices. */
	get size(): number {
		return this.list.length;
	}

	/** The marked indices in ascending order; clears the set. */
	take(): number[] {
		const out = this.list.sort((a, b) => a - b);
		for (const i of out) this.flags[i] = 0;
		this.list = [];
		return out;
	}
}
