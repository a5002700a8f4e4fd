/**
 * Draft document ↔ automation definition. Pure and deterministic: every peer holding the same
 * document derives the same definition, byte for byte; writing a definition changes only the
 * fields that differ.
 *
 * Concurrent edits can leave the merged document describing a graph no single user made: a step
 * deleted by one user while another connected something to it, two steps inserted on the same
 * edge (the edge's source keeps only one of them). `docToDef` repairs these deterministically (the
 * same document gives the same repair on every peer, so peers converge):
 * - references to a deleted step (edges, go-to targets, the start) follow the `gone` record the
 *   deletion left (the step it led to), through chains of deleted steps, else end the path;
 * - a step nothing leads to whose path rejoins the journey (the loser of two inserts on one edge,
 *   a step inserted before or after a step deleted meanwhile) is spliced back in front of the step
 *   it leads to. What cannot be repaired that way stays visible with the validator's diagnostics.
 * Ids are unique by construction (map keys); equal `$order`s are ordered by id.
 */
import * as Y from 'yjs';
import type { AutomationDef, StepDef, TriggerDef } from '../engine/schema/automation';
import { canonicalJson } from '../engine/core/canonical';
import { applyObject, mapToObject, toY } from './json';
import { DOC_FORMAT, roots } from './schema';
import { flowOrder, linksOf, outputsOf, reachableSteps, startOf, withTarget } from './ops';

const FIRST_KEYS = ['id', 'kind', 'label'];
const ORDER = '$order';

/** The automation a draft document describes (status is always "draft": status lives in the engine). */
export function docToDef(doc: Y.Doc): AutomationDef {
	const r = roots(doc);
	const m = r.meta;
	const def: AutomationDef = {
		id: String(m.get('id') ?? ''),
		name: String(m.get('name') ?? ''),
		status: 'draft',
		entry: (m.get('entry') as AutomationDef['entry']) ?? 'multiple',
		triggers: ordered(r.triggers) as TriggerDef[],
		steps: ordered(r.steps) as StepDef[]
	};
	const description = m.get('description');
	if (typeof description === 'string') def.description = description;
	const start = m.get('start');
	if (typeof start === 'string') def.start = start;
	repairGraph(def, r.gone);
	if (r.layout.size) {
		const layout: Record<string, { x: number; y: number }> = {};
		for (const id of [...r.layout.keys()].sort()) {
			const p = r.layout.get(id)!;
			layout[id] = { x: Number(p.get('x') ?? 0), y: Number(p.get('y') ?? 0) };
		}
		def.layout = layout;
	}
	return def;
}

/**
 * Repairs, in place, what concurrent edits may leave in the merged graph (see the module comment).
 * Deterministic: depends only on the definition and the `gone` records.
 */
export function repairGraph(def: AutomationDef, gone: Pick<Y.Map<string | null>, 'get'>): void {
	const ids = new Set(def.steps.map((s) => s.id));
	const resolve = (id: string): string | null => {
		const seen = new Set<string>();
		let cur: string | null = id;
		while (cur !== null && !ids.has(cur)) {
			if (seen.has(cur)) return null;
			seen.add(cur);
			const to = gone.get(cur);
			cur = typeof to === 'string' ? to : null;
		}
		return cur;
	};
	def.steps = def.steps.map((s) => {
		let out = s;
		for (const o of outputsOf(s)) if (o.target !== null && !ids.has(o.target)) out = withTarget(out, o.key, resolve(o.target));
		if (s.kind === 'goto' && typeof s.target === 'string' && !ids.has(s.target)) {
			const to = resolve(s.target);
			if (to) out = { ...out, target: to };
		}
		return out;
	});
	if (def.start !== undefined && !ids.has(def.start)) {
		const to = resolve(def.start);
		if (to) def.start = to;
		else delete def.start;
	}
	spliceOrphans(def);
}

/** Splices steps nothing leads to back in front of the reachable step their path rejoins. */
function spliceOrphans(def: AutomationDef): void {
	for (let round = 0; round < def.steps.length; round++) {
		const byId = new Map(def.steps.map((s) => [s.id, s]));
		const reach = reachableSteps(def);
		if (reach.size === def.steps.length) return;
		const incoming = new Set<string>();
		const start = startOf(def);
		if (start) incoming.add(start);
		for (const s of def.steps) {
			for (const o of outputsOf(s)) if (o.target) incoming.add(o.target);
			for (const l of linksOf(s)) incoming.add(l);
		}
		const orphans = def.steps.filter((s) => !reach.has(s.id) && !incoming.has(s.id)).map((s) => s.id).sort();
		let done = false;
		for (const w of orphans) {
			// Follow first outputs through unreachable steps until the journey is rejoined.
			let cur = w;
			let rejoin: string | null = null;
			const seen = new Set<string>();
			for (;;) {
				seen.add(cur);
				const t = outputsOf(byId.get(cur)!)[0]?.target ?? null;
				if (t === null || !byId.has(t) || seen.has(t)) break;
				if (reach.has(t)) {
					rejoin = t;
					break;
				}
				cur = t;
			}
			if (rejoin === null) continue;
			const q = rejoin;
			const parent = flowOrder(def).find((s) => reach.has(s.id) && outputsOf(s).some((o) => o.target === q));
			if (parent) {
				const key = outputsOf(parent).find((o) => o.target === q)!.key;
				def.steps = def.steps.map((s) => (s.id === parent.id ? withTarget(s, key, w) : s));
			} else if (q === start) def.start = w;
			else continue;
			done = true;
			break;
		}
		if (!done) return;
	}
}

/** Entries of a keyed map in `$order` then id order, as plain objects. */
function ordered(map: Y.Map<Y.Map<unknown>>): Record<string, unknown>[] {
	return [...map.entries()]
		.map(([id, m]) => ({ id, order: Number(m.get(ORDER) ?? 0), m }))
		.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.map((x) => ({ id: x.id, ...mapToObject(x.m, FIRST_KEYS) }));
}

/** Whether the document holds no automation yet (never seeded). */
export function isEmptyDoc(doc: Y.Doc): boolean {
	return roots(doc).meta.get('id') === undefined;
}

/**
 * Makes the document describe `def` with the fewest writes: meta fields, triggers and steps by id
 * (new ones get an `$order` between their neighbours, existing ones keep theirs and are diffed
 * field by field), layout nudges. Call inside a transaction to make it one undo step.
 */
export function writeDef(doc: Y.Doc, def: AutomationDef): void {
	const r = roots(doc);
	const m = r.meta;
	setOrDelete(m, 'format', DOC_FORMAT);
	setOrDelete(m, 'id', def.id);
	setOrDelete(m, 'name', def.name);
	setOrDelete(m, 'description', def.description);
	setOrDelete(m, 'entry', def.entry ?? 'multiple');
	setOrDelete(m, 'start', def.start);
	writeKeyed(r.triggers, def.triggers ?? []);
	writeKeyed(r.steps, def.steps ?? [], (id, old) => {
		// Where the step led, for peers that concurrently connected something to it.
		const to = outputsOf({ id, ...mapToObject(old) } as StepDef)[0]?.target ?? null;
		if (r.gone.get(id) !== to || !r.gone.has(id)) r.gone.set(id, to);
	});
	for (const s of def.steps ?? []) if (r.gone.has(s.id)) r.gone.delete(s.id);
	const layout = def.layout ?? {};
	for (const id of [...r.layout.keys()]) if (!layout[id]) r.layout.delete(id);
	for (const id of Object.keys(layout).sort()) {
		const cur = r.layout.get(id);
		if (cur) applyObject(cur, { x: layout[id].x, y: layout[id].y });
		else r.layout.set(id, toY({ x: layout[id].x, y: layout[id].y }) as Y.Map<unknown>);
	}
}

function setOrDelete(m: Y.Map<unknown>, key: string, v: unknown): void {
	if (v === undefined) {
		if (m.has(key)) m.delete(key);
	} else if (m.get(key) !== v) m.set(key, v);
}

function writeKeyed(map: Y.Map<Y.Map<unknown>>, items: readonly { id: string }[], onRemove?: (id: string, old: Y.Map<unknown>) => void): void {
	const wanted = new Set(items.map((x) => x.id));
	for (const id of [...map.keys()])
		if (!wanted.has(id)) {
			onRemove?.(id, map.get(id)!);
			map.delete(id);
		}
	// Orders of the items that already exist, in the new sequence; new items go between them.
	const orders: (number | undefined)[] = items.map((x) => {
		const cur = map.get(x.id);
		return cur ? Number(cur.get(ORDER) ?? 0) : undefined;
	});
	for (let i = 0; i < items.length; i++) {
		if (orders[i] !== undefined) continue;
		let prev: number | undefined;
		for (let j = i - 1; j >= 0 && prev === undefined; j--) prev = orders[j];
		let next: number | undefined;
		for (let j = i + 1; j < items.length && next === undefined; j++) next = orders[j];
		orders[i] = prev === undefined ? (next === undefined ? i : next - 1) : next === undefined || next <= prev ? prev + 1 : (prev + next) / 2;
	}
	items.forEach((item, i) => {
		const { id: _id, ...fields } = item as Record<string, unknown>;
		const cur = map.get(item.id);
		if (cur) applyObject(cur, fields);
		else {
			const y = toY(fields) as Y.Map<unknown>;
			y.set(ORDER, orders[i]!);
			map.set(item.id, y);
		}
	});
}

/** A 31-bit client id derived from a text (never 0). */
function clientIdOf(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 1) || 1;
}

/**
 * The update that seeds an empty document with `def`, built under a client id derived from the
 * definition itself: peers that seed the same definition produce identical structs, which Yjs
 * merges into one (no duplicated steps, and later edits to them are kept).
 */
export function seedUpdate(def: AutomationDef): Uint8Array {
	const doc = new Y.Doc();
	const text = canonicalJson({ ...def, status: 'draft' });
	doc.clientID = clientIdOf(text);
	doc.transact(() => writeDef(doc, def));
	return Y.encodeStateAsUpdate(doc);
}
