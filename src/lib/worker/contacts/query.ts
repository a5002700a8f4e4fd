/**
 * The contacts table's read model: the ordered list of contacts matching a search and a segment,
 * computed once per (query, data state) and kept, so that the page can fetch any index range of
 * 100k contacts while it scrolls. Filtering uses the engine's compiled conditions, the same ones
 * automations run.
 */
import type { Engine } from '../../engine/engine';
import type { Contact } from '../../engine/world';
import type { Condition } from '../../engine/schema/conditions';
import { compileCondition, forEachLeaf } from '../../engine/conditions/compile';

/** Sort keys of the table. */
export type ContactSort = 'email' | 'name' | 'created' | 'score';

/** What the table shows: a search, a segment filter and an order. */
export interface ContactListQuery {
	search?: string;
	segment?: Condition | null;
	sort?: ContactSort;
	dir?: 'asc' | 'desc';
	/** Scoring model shown and sorted by (default: the first one). */
	scoreModel?: string;
}

/** One line of the table. */
export interface ContactListRow {
	index: number;
	id: string;
	email: string;
	name: string;
	phone: string;
	createdAt: number;
	/** Score in the shown model (null when the workspace has no scoring model). */
	score: number | null;
	tags: string[];
	/** List id → status. */
	lists: Record<string, string>;
}

/** A range of the ordered list, with its total. */
export interface ContactListPage {
	total: number;
	/** Changes whenever the order was recomputed (the page drops rows it cached for another order). */
	stamp: string;
	from: number;
	rows: ContactListRow[];
	ms: number;
}

interface Cached {
	key: string;
	data: string;
	stamp: string;
	order: Int32Array;
}

const caches = new WeakMap<Engine, Cached>();

/**
 * A fingerprint of what an order or a filter reads: contacts (their change counters and
 * deletions) always; runs and the trace when the segment reads automation history; the clock when
 * it reads time, deals or accounts. Cheap: one pass over the contacts' counters. While the clock
 * plays, a plain list keeps its cached order; a time-dependent segment is recomputed.
 */
export function dataStamp(e: Engine, segment?: Condition | null): string {
	let ver = 0;
	let live = 0;
	for (const c of e.world.contacts) {
		ver += c.ver;
		if (!c.deleted) live++;
	}
	let stamp = `${e.world.contacts.length}.${live}.${ver}`;
	if (segment) {
		let runs = false;
		let clock = compileCondition(segment).timeDependent;
		forEachLeaf(segment, (l) => {
			if (l.kind === 'automation') runs = true;
			if (l.kind === 'deal' || l.kind === 'account') clock = true;
		});
		if (runs) stamp += `.${e.runs.size}.${e.trace.size}`;
		if (clock) stamp += `@${e.now}`;
	}
	return stamp;
}

/** The ordered contact indexes for a query (cached while the data does not change). */
export function orderFor(e: Engine, q: ContactListQuery): { order: Int32Array; stamp: string } {
	const key = JSON.stringify([q.search?.trim().toLowerCase() ?? '', q.segment ?? null, q.sort ?? 'created', q.dir ?? 'asc', scoreModelOf(e, q)]);
	const data = dataStamp(e, q.segment);
	const hit = caches.get(e);
	if (hit && hit.key === key && hit.data === data) return hit;
	const entry: Cached = { key, data, stamp: `${data}/${hashKey(key)}`, order: computeOrder(e, q) };
	caches.set(e, entry);
	return entry;
}

/** A page of the ordered list. */
export function contactPage(e: Engine, q: ContactListQuery, from: number, to: number): ContactListPage {
	const t0 = performance.now();
	const { order, stamp } = orderFor(e, q);
	const model = scoreModelOf(e, q);
	const rows: ContactListRow[] = [];
	const end = Math.min(order.length, Math.max(from, to));
	for (let i = Math.max(0, from); i < end; i++) rows.push(rowOf(e.world.contacts[order[i]], i, model));
	return { total: order.length, stamp, from, rows, ms: performance.now() - t0 };
}

/** Ids of every contact matching the query (for bulk actions on "all matching"). */
export function matchingIds(e: Engine, q: ContactListQuery): string[] {
	const { order } = orderFor(e, q);
	const out = new Array<string>(order.length);
	for (let i = 0; i < order.length; i++) out[i] = e.world.contacts[order[i]].id;
	return out;
}

/** Number of live contacts matching a condition (segment counts), timed. */
export function countMatching(e: Engine, cond: Condition): { count: number; ms: number } {
	const t0 = performance.now();
	const test = compileCondition(cond).test;
	let n = 0;
	for (const c of e.world.contacts) if (!c.deleted && test(e, c, null, null)) n++;
	return { count: n, ms: performance.now() - t0 };
}

function rowOf(c: Contact, index: number, model: string): ContactListRow {
	return {
		index,
		id: c.id,
		email: c.email,
		name: [c.firstName, c.lastName].filter(Boolean).join(' '),
		phone: c.phone,
		createdAt: c.createdAt,
		score: model ? (c.scores[model] ?? 0) : null,
		tags: [...c.tags],
		lists: { ...c.lists }
	};
}

function scoreModelOf(e: Engine, q: ContactListQuery): string {
	if (q.scoreModel && e.world.catalog.scoring.has(q.scoreModel)) return q.scoreModel;
	for (const m of e.world.catalog.scoring.values()) if (m.target !== 'deal') return m.id;
	return '';
}

function computeOrder(e: Engine, q: ContactListQuery): Int32Array {
	const contacts = e.world.contacts;
	const search = fold(q.search?.trim() ?? '');
	const digits = /\d{3,}/.test(search) ? search.replace(/\D/g, '') : '';
	const test = q.segment ? compileCondition(q.segment).test : null;
	const picked: number[] = [];
	for (const c of contacts) {
		if (c.deleted) continue;
		if (search && !matchesSearch(c, search, digits)) continue;
		if (test && !test(e, c, null, null)) continue;
		picked.push(c.idx);
	}
	const sort = q.sort ?? 'created';
	const sign = q.dir === 'desc' ? -1 : 1;
	let cmp: (a: number, b: number) => number;
	if (sort === 'created') cmp = (a, b) => sign * (contacts[a].createdAt - contacts[b].createdAt || a - b);
	else if (sort === 'score') {
		const model = scoreModelOf(e, q);
		const s = (i: number) => contacts[i].scores[model] ?? 0;
		cmp = (a, b) => sign * (s(a) - s(b) || a - b);
	} else {
		// Accent- and case-folded keys with numbers padded ("anna2" before "anna10"), compared by
		// code unit: fast on 100k rows, and the order people expect. Empty values sort last.
		const keys: string[] = new Array(contacts.length);
		for (const i of picked) {
			const c = contacts[i];
			keys[i] = natural(sort === 'email' ? c.email.toLowerCase() : fold(`${c.lastName} ${c.firstName}`.trim()));
		}
		cmp = (a, b) => {
			const ka = keys[a];
			const kb = keys[b];
			if (!ka !== !kb) return ka ? -1 : 1;
			return sign * (ka < kb ? -1 : ka > kb ? 1 : a - b);
		};
	}
	picked.sort(cmp);
	return Int32Array.from(picked);
}

function matchesSearch(c: Contact, s: string, digits: string): boolean {
	if (c.email.toLowerCase().includes(s)) return true;
	if (fold(`${c.firstName} ${c.lastName}`).includes(s) || fold(`${c.lastName} ${c.firstName}`).includes(s)) return true;
	if (c.id.toLowerCase() === s) return true;
	if (digits && c.phone.replace(/\D/g, '').includes(digits)) return true;
	for (const t of c.tags) if (t.toLowerCase() === s) return true;
	return false;
}

/** Pads digit runs so that code-unit order is numeric order ("a2" < "a10"). */
function natural(s: string): string {
	return /\d/.test(s) ? s.replace(/\d+/g, (d) => d.padStart(12, '0')) : s;
}

/** Lower case without accents ("Chloé" → "chloe"). */
export function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
}

function hashKey(s: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(36);
}
