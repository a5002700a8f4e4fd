/**
 * Plain JSON values ↔ nested Yjs types. Objects become `Y.Map`s and arrays `Y.Array`s all the way
 * down, so two users editing different fields of one step (or different paths of one split) merge
 * instead of overwriting each other. `applyObject` writes only what differs.
 */
import * as Y from 'yjs';

/** A JSON-shaped value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

/** Whether a value is a plain object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);
}

/** A Yjs value for a JSON value (objects → Y.Map, arrays → Y.Array, `undefined` members dropped). */
export function toY(v: unknown): unknown {
	if (Array.isArray(v)) {
		const a = new Y.Array<unknown>();
		a.insert(
			0,
			v.map((x) => toY(x === undefined ? null : x))
		);
		return a;
	}
	if (isObject(v)) {
		const m = new Y.Map<unknown>();
		for (const k of Object.keys(v).sort()) if (v[k] !== undefined) m.set(k, toY(v[k]));
		return m;
	}
	return v;
}

/**
 * The JSON value of a Yjs value. Object keys come out sorted (`first` keys first), whatever order
 * the peers wrote them in, so every peer derives byte-identical JSON from the same document.
 */
export function fromY(v: unknown, first: readonly string[] = []): unknown {
	if (v instanceof Y.Array) return v.toArray().map((x) => fromY(x));
	if (v instanceof Y.Map) return mapToObject(v, first);
	return v;
}

/** A Y.Map as a plain object with ordered keys (`first`, then the rest sorted; `$`-keys skipped). */
export function mapToObject(m: Y.Map<unknown>, first: readonly string[] = []): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const keys = [...m.keys()].filter((k) => !k.startsWith('$'));
	for (const k of first) if (keys.includes(k)) out[k] = fromY(m.get(k));
	for (const k of keys.sort()) if (!first.includes(k)) out[k] = fromY(m.get(k));
	return out;
}

/** Deep equality of two JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
	if (isObject(a) && isObject(b)) {
		const ka = Object.keys(a).filter((k) => a[k] !== undefined);
		const kb = Object.keys(b).filter((k) => b[k] !== undefined);
		return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
	}
	return false;
}

/**
 * Makes `target` hold `next`: deletes keys that disappeared (except those starting with `$`, which
 * carry document bookkeeping), recurses into nested maps and arrays, and sets only changed values.
 */
export function applyObject(target: Y.Map<unknown>, next: Record<string, unknown>): void {
	for (const k of [...target.keys()]) if (!k.startsWith('$') && next[k] === undefined) target.delete(k);
	for (const k of Object.keys(next).sort()) {
		const v = next[k];
		if (v !== undefined) applyValue(target, k, v);
	}
}

function applyValue(parent: Y.Map<unknown>, key: string, v: unknown): void {
	const cur = parent.get(key);
	if (isObject(v)) {
		if (cur instanceof Y.Map) applyObject(cur, v);
		else parent.set(key, toY(v));
	} else if (Array.isArray(v)) {
		if (cur instanceof Y.Array) applyArray(cur, v);
		else parent.set(key, toY(v));
	} else if (cur !== v || !parent.has(key)) parent.set(key, v);
}

/**
 * Makes a Y.Array hold `next`: keeps the common prefix and suffix, updates the differing middle
 * element by element (maps and arrays in place), then inserts or deletes the difference in length.
 */
export function applyArray(arr: Y.Array<unknown>, next: unknown[]): void {
	const cur = arr.toArray();
	let start = 0;
	while (start < cur.length && start < next.length && sameJson(fromY(cur[start]), next[start])) start++;
	let endC = cur.length;
	let endN = next.length;
	while (endC > start && endN > start && sameJson(fromY(cur[endC - 1]), next[endN - 1])) {
		endC--;
		endN--;
	}
	const common = Math.min(endC - start, endN - start);
	for (let i = start; i < start + common; i++) {
		const c = cur[i];
		const n = next[i];
		if (c instanceof Y.Map && isObject(n)) applyObject(c, n);
		else if (c instanceof Y.Array && Array.isArray(n)) applyArray(c, n);
		else {
			arr.delete(i, 1);
			arr.insert(i, [toY(n === undefined ? null : n)]);
		}
	}
	if (endC - start > common) arr.delete(start + common, endC - start - common);
	if (endN - start > common) arr.insert(start + common, next.slice(start + common, endN).map((x) => toY(x === undefined ? null : x)));
}
