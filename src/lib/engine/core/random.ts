/**
 * Seeded randomness. The engine never calls Math.random: every draw is a pure function of the
 * workspace seed and stable identifiers, so replays give the same answers in any order.
 */

/** 32-bit FNV-1a hash of a string, continuing from `h`. */
export function hashString(s: string, h = 0x811c9dc5): number {
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** Final avalanche of a 32-bit value (murmur3 fmix32). */
export function mix32(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** A uniform draw in [0, 1) determined by the seed and the given keys. */
export function draw(seed: number, ...keys: (string | number)[]): number {
	let h = mix32(seed >>> 0 || 0x9e3779b9);
	for (const k of keys) h = hashString(typeof k === 'number' ? String(k) : k, h ^ 0x5bd1e995);
	return mix32(h) / 4294967296;
}

/** A small sequential PRNG (sfc32) for generators that need a stream of numbers. */
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number) {
		this.a = 0x9e3779b9;
		this.b = 0x243f6a88;
		this.c = 0xb7e15162;
		this.d = seed >>> 0;
		for (let i = 0; i < 15; i++) this.next();
	}

	/** Next uniform float in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** One element of a non-empty array. */
	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}
}
