/**
 * Engine state as plain, structured-cloneable data, and back. The runtime persists it in parts
 * (meta, contact chunks, run chunks, trace blocks, deals, accounts) so that a change to a few
 * contacts rewrites a few chunks; tests and the scenario runner use the whole snapshot.
 * Derived indexes (timer heap, trigger listeners, contact index, run lists) are rebuilt on restore.
 */
import type { AutomationSlot, AutomationStats, DateSlot, EngineOptions, StepTimer } from './engine';
import { Engine } from './engine';
import type { StepStats } from './compiled';
import { compileAutomation } from './compile';
import type { RunRows } from './core/runs';
import { RunTable } from './core/runs';
import type { TraceBlock } from './core/trace';
import type { AutomationDef } from './schema/automation';
import type { PlanDef } from './schema/workspace';
import type { Account, Catalog, Contact, Deal, SiteMessage, SuppressionReason } from './world';

/** Version of the persisted engine state layout. */
export const STATE_VERSION = 1;

/** Catalogues as arrays. */
export interface CatalogData {
	lists: Catalog['lists'] extends Map<string, infer T> ? T[] : never;
	fields: Catalog['fields'] extends Map<string, infer T> ? T[] : never;
	dealFields: Catalog['dealFields'] extends Map<string, infer T> ? T[] : never;
	accountFields: Catalog['accountFields'] extends Map<string, infer T> ? T[] : never;
	users: Catalog['users'] extends Map<string, infer T> ? T[] : never;
	pipelines: Catalog['pipelines'] extends Map<string, infer T> ? T[] : never;
	scoring: Catalog['scoring'] extends Map<string, infer T> ? T[] : never;
	emails: Catalog['emails'] extends Map<string, infer T> ? T[] : never;
	conversions: Catalog['conversions'] extends Map<string, infer T> ? T[] : never;
	forms: Catalog['forms'] extends Map<string, infer T> ? T[] : never;
	tags: string[];
}

/** Everything but the big tables: small enough to write on every commit. */
export interface EngineMeta {
	stateVersion: number;
	now: number;
	seed: number;
	defaultZone: string;
	plan: PlanDef;
	effectSeq: number;
	/** Compiled versions in registration order (runs and trace refer to their indices). */
	versions: { id: string; version: number; def: AutomationDef; at?: number | null }[];
	slots: AutomationSlot[];
	stepStats: [string, StepStats][];
	autoStats: [string, AutomationStats][];
	stepState: [string, unknown][];
	gotoLog: [string, number[]][];
	awaiting: [string, number][];
	dateSlots: { automation: number; trigger: string; contact: number; at: number; firedOn?: string }[];
	stepTimers: StepTimer[];
	catalog: CatalogData;
	siteMessages: SiteMessage[];
	suppressions: [string, SuppressionReason][];
	dealSeq: number;
	taskSeq: number;
	counts: { contacts: number; runs: number; trace: number };
}


/** The small part of the state (see EngineMeta). */
export function exportMeta(e: Engine): EngineMeta {
	const w = e.world;
	const c = w.catalog;
	return clone({
		stateVersion: STATE_VERSION,
		now: e.now,
		seed: e.seed,
		defaultZone: e.defaultZone,
		plan: e.plan,
		effectSeq: e.effectSeq,
		versions: e.autos.map((a) => ({ id: a.id, version: a.version, def: a.def, at: a.publishedAt })),
		slots: [...e.slots.values()],
		stepStats: [...e.stepStats],
		autoStats: [...e.autoStats],
		stepState: [...e.stepState],
		gotoLog: [...e.gotoLog],
		awaiting: [...e.awaiting],
		dateSlots: e.dateSlots.map((s: DateSlot) => ({ automation: s.trigger.automation.idx, trigger: s.trigger.id, contact: s.contact, at: s.at, ...(s.firedOn ? { firedOn: s.firedOn } : {}) })),
		stepTimers: e.stepTimers,
		catalog: {
			lists: [...c.lists.values()],
			fields: [...c.fields.values()],
			dealFields: [...c.dealFields.values()],
			accountFields: [...c.accountFields.values()],
			users: [...c.users.values()],
			pipelines: [...c.pipelines.values()],
			scoring: [...c.scoring.values()],
			emails: [...c.emails.values()],
			conversions: [...c.conversions.values()],
			forms: [...c.forms.values()],
			tags: [...c.tags]
		},
		siteMessages: w.siteMessages,
		suppressions: [...w.suppressions],
		dealSeq: w.dealSeq,
		taskSeq: w.taskSeq,
		counts: { contacts: w.contacts.length, runs: e.runs.size, trace: e.trace.size }
	});
}

/** A contact as a plain row (derived fields dropped). */
export function contactRow(c: Contact): Contact {
	return { ...c, firstRun: -1 };
}

/** The whole engine as data (tests, exports, determinism checks); `restoreEngine` takes it back. */
export function snapshot(e: Engine): RestoreParts {
	return {
		meta: exportMeta(e),
		contacts: e.world.contacts.map((c) => clone(contactRow(c))),
		runs: [e.runs.exportRows(0, e.runs.size)],
		trace: [e.trace.exportRange(0, e.trace.size)],
		deals: clone([...e.world.deals.values()]),
		accounts: clone([...e.world.accounts.values()])
	};
}

/** Parts to rebuild an engine from. Runs and trace may come in several chunks/blocks, in order. */
export interface RestoreParts {
	meta: EngineMeta;
	contacts: Contact[];
	runs: RunRows[];
	trace: TraceBlock[];
	deals: Deal[];
	accounts: Account[];
}

/** Rebuilds an engine that behaves exactly as the one that was saved. */
export function restoreEngine(parts: RestoreParts, opts: Partial<Pick<EngineOptions, 'trace'>> = {}): Engine {
	const m = parts.meta;
	if (m.stateVersion !== STATE_VERSION) throw new Error(`Unsupported engine state version ${m.stateVersion}`);
	const e = new Engine({ seed: m.seed, start: m.now, trace: opts.trace ?? true, defaultZone: m.defaultZone, plan: m.plan });
	const w = e.world;
	const cat = w.catalog;
	for (const x of m.catalog.lists) cat.lists.set(x.id, x);
	for (const x of m.catalog.fields) cat.fields.set(x.key, x);
	for (const x of m.catalog.dealFields) cat.dealFields.set(x.key, x);
	for (const x of m.catalog.accountFields) cat.accountFields.set(x.key, x);
	for (const x of m.catalog.users) cat.users.set(x.id, x);
	for (const x of m.catalog.pipelines) cat.pipelines.set(x.id, x);
	for (const x of m.catalog.scoring) cat.scoring.set(x.id, x);
	for (const x of m.catalog.emails) cat.emails.set(x.id, x);
	for (const x of m.catalog.conversions) cat.conversions.set(x.id, x);
	for (const x of m.catalog.forms) cat.forms.set(x.id, x);
	for (const t of m.catalog.tags) cat.tags.add(t);
	w.siteMessages = m.siteMessages;
	w.suppressions = new Map(m.suppressions);
	w.dealSeq = m.dealSeq;
	w.taskSeq = m.taskSeq;

	// Contacts, in index order.
	const contacts = [...parts.contacts].sort((a, b) => a.idx - b.idx);
	for (const c of contacts) {
		if (c.idx !== w.contacts.length) throw new Error(`Contact rows are not contiguous at index ${w.contacts.length}`);
		w.insertContact(c);
		const rec = w.contacts[c.idx];
		rec.ver = c.ver;
		rec.deleted = c.deleted;
	}
	for (const a of parts.accounts) w.accounts.set(a.id, a);
	for (const d of parts.deals) w.insertDeal(d, false);

	// Stats first: compiling a version binds its steps to the shared counters.
	for (const [k, v] of m.stepStats) e.stepStats.set(k, v);
	for (const [k, v] of m.autoStats) e.autoStats.set(k, v);
	for (const v of m.versions) compileAutomation(e, v.def, v.version, v.at ?? NaN);
	for (const s of m.slots) e.slots.set(s.id, s);
	for (const [k, v] of m.stepState) e.stepState.set(k, v);
	for (const [k, v] of m.gotoLog) e.gotoLog.set(k, v);
	for (const [k, v] of m.awaiting) e.awaiting.set(k, v);
	e.effectSeq = m.effectSeq;
	for (const s of m.dateSlots) {
		const t = e.autos[s.automation].triggers.find((x) => x.id === s.trigger)!;
		e.dateSlotIndex.set(`${t.automation.id}/${t.id}/${s.contact}`, e.dateSlots.length);
		e.dateSlots.push({ trigger: t, contact: s.contact, at: s.at ?? NaN, ...(s.firedOn ? { firedOn: s.firedOn } : {}) });
	}
	m.stepTimers.forEach((t, i) => {
		e.stepTimers.push({ key: t.key, at: t.at ?? NaN });
		e.stepTimerIndex.set(t.key, i);
	});

	// Runs, then each contact's run list head (runs are linked newest-first).
	e.runs = new RunTable();
	for (const rows of parts.runs) e.runs.importRows(rows);
	for (let r = 0; r < e.runs.size; r++) {
		const c = w.contacts[e.runs.contact[r]];
		if (c) c.firstRun = r;
	}
	e.runs.takeDirtyChunks();
	for (const b of parts.trace) e.trace.importBlock(b);
	w.dirtyContacts.take();
	w.dirtyDeals.clear();
	w.dirtyAccounts.clear();
	w.dirtyCatalog = false;
	w.dirtySiteMessages = false;
	w.dirtySuppressions = false;
	e.rebuildAfterRestore();
	return e;
}

/** Deep copy through JSON (state is JSON-shaped apart from typed arrays, handled separately). */
function clone<T>(x: T): T {
	return JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? null : v)), (_k, v) => v) as T;
}
