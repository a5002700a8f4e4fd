/**
 * Read models of the CRM screens, computed from the engine's world: the catalogue (pipelines,
 * team, custom fields), a pipeline's board, a deal with its tasks, notes and automations, the
 * accounts. Plain structured-cloneable values.
 */
import type { Engine } from '../../engine/engine';
import type { Deal } from '../../engine/world';
import type { FieldDef } from '../../engine/schema/workspace';
import type { FieldValue } from '../../engine/core/values';
import { latestRuns } from '../../format/inspect';
import { stepNaming, type StepNaming } from '../../reports/funnel';

/** A person or record reference shown on cards. */
export interface Ref {
	id: string;
	name: string;
}

export interface ContactRef extends Ref {
	email: string;
}

export interface CrmCatalogView {
	pipelines: { id: string; name: string; deals: number; stages: { id: string; name: string; deals: number }[] }[];
	users: { id: string; name: string; email: string; deals: number; accounts: number; openTasks: number }[];
	dealFields: FieldDef[];
	accountFields: FieldDef[];
	/** Currencies in use, most used first (the first is the default for new deals). */
	currencies: string[];
}

export interface DealCard {
	id: string;
	title: string;
	value: number;
	currency: string;
	status: 'open' | 'won' | 'lost';
	score: number;
	stage: string;
	owner: Ref | null;
	contact: ContactRef | null;
	account: Ref | null;
	openTasks: number;
	overdueTasks: number;
	/** Earliest due date of an open task. */
	nextDue: number | null;
	createdAt: number;
	updatedAt: number;
}

export interface BoardFilter {
	search?: string;
	owner?: string;
	status?: 'open' | 'won' | 'lost' | 'all';
	sort?: 'updated' | 'value' | 'title' | 'created';
}

export interface BoardView {
	pipeline: Ref;
	now: number;
	stages: { id: string; name: string; count: number; totals: { currency: string; value: number }[]; deals: DealCard[] }[];
}

export interface DealDetail {
	id: string;
	title: string;
	value: number;
	currency: string;
	status: 'open' | 'won' | 'lost';
	score: number;
	pipeline: Ref;
	stage: Ref;
	owner: Ref | null;
	contact: ContactRef | null;
	account: Ref | null;
	fields: Record<string, FieldValue>;
	tasks: { id: string; type: string; title: string; due: number | null; assignee: Ref | null; done: boolean; doneAt: number | null; overdue: boolean }[];
	notes: { at: number; text: string; by: string | null }[];
	createdAt: number;
	updatedAt: number;
	/** The contact's latest run in each automation; `byThisDeal` when this deal started it. */
	automations: { automation: string; name: string; status: string; step: string | null; stepName: (StepNaming & { kind: string }) | null; entered: number; byThisDeal: boolean }[];
	now: number;
}

export interface AccountRow {
	id: string;
	name: string;
	owner: Ref | null;
	contacts: number;
	deals: number;
	openValue: { currency: string; value: number }[];
}

export interface AccountDetail {
	id: string;
	name: string;
	owner: Ref | null;
	fields: Record<string, FieldValue>;
	notes: { at: number; text: string; by: string | null }[];
	contacts: ContactRef[];
	deals: { id: string; title: string; value: number; currency: string; status: string; pipeline: string; stage: string }[];
}

/** Pipelines, team members and custom fields, with counts. */
export function crmCatalogOf(e: Engine): CrmCatalogView {
	const w = e.world;
	const perStage = new Map<string, number>();
	const perOwner = new Map<string, number>();
	const tasksPer = new Map<string, number>();
	const currencies = new Map<string, number>();
	for (const d of w.deals.values()) {
		const k = `${d.pipeline}/${d.stage}`;
		perStage.set(k, (perStage.get(k) ?? 0) + 1);
		if (d.owner) perOwner.set(d.owner, (perOwner.get(d.owner) ?? 0) + 1);
		for (const t of d.tasks) if (!t.done && t.assignee) tasksPer.set(t.assignee, (tasksPer.get(t.assignee) ?? 0) + 1);
		currencies.set(d.currency, (currencies.get(d.currency) ?? 0) + 1);
	}
	const accountsPer = new Map<string, number>();
	for (const a of w.accounts.values()) if (a.owner) accountsPer.set(a.owner, (accountsPer.get(a.owner) ?? 0) + 1);
	return {
		pipelines: [...w.catalog.pipelines.values()].map((p) => {
			const stages = p.stages.map((s) => ({ id: s.id, name: s.name, deals: perStage.get(`${p.id}/${s.id}`) ?? 0 }));
			return { id: p.id, name: p.name, deals: stages.reduce((n, s) => n + s.deals, 0), stages };
		}),
		users: [...w.catalog.users.values()].map((u) => ({
			id: u.id,
			name: u.name,
			email: u.email,
			deals: perOwner.get(u.id) ?? 0,
			accounts: accountsPer.get(u.id) ?? 0,
			openTasks: tasksPer.get(u.id) ?? 0
		})),
		dealFields: [...w.catalog.dealFields.values()].map((f) => structuredClone(f)),
		accountFields: [...w.catalog.accountFields.values()].map((f) => structuredClone(f)),
		currencies: [...currencies].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c)
	};
}

/** The board of one pipeline: its stages with the deals matching the filter. */
export function boardOf(e: Engine, pipelineId: string, f: BoardFilter = {}): BoardView | null {
	const w = e.world;
	const p = w.catalog.pipelines.get(pipelineId);
	if (!p) return null;
	const search = f.search?.trim().toLowerCase() ?? '';
	const status = f.status ?? 'open';
	const stages = p.stages.map((s) => ({ id: s.id, name: s.name, count: 0, totals: [] as { currency: string; value: number }[], deals: [] as DealCard[] }));
	const byStage = new Map(stages.map((s) => [s.id, s]));
	for (const d of w.deals.values()) {
		if (d.pipeline !== p.id) continue;
		if (status !== 'all' && d.status !== status) continue;
		if (f.owner && (f.owner === '-' ? d.owner !== null : d.owner !== f.owner)) continue;
		const card = cardOf(e, d);
		if (search && !matches(card, search)) continue;
		const col = byStage.get(d.stage);
		if (!col) continue;
		col.deals.push(card);
	}
	const sort = f.sort ?? 'updated';
	for (const s of stages) {
		s.deals.sort(
			sort === 'value'
				? (a, b) => b.value - a.value || cmp(a.id, b.id)
				: sort === 'title'
					? (a, b) => a.title.localeCompare(b.title) || cmp(a.id, b.id)
					: sort === 'created'
						? (a, b) => b.createdAt - a.createdAt || cmp(b.id, a.id)
						: (a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt || cmp(b.id, a.id)
		);
		s.count = s.deals.length;
		s.totals = totals(s.deals);
	}
	return { pipeline: { id: p.id, name: p.name }, now: e.now, stages };
}

/** A deal with everything the deal panel shows. */
export function dealDetailOf(e: Engine, id: string): DealDetail | null {
	const w = e.world;
	const d = w.deals.get(id);
	if (!d) return null;
	const p = w.catalog.pipelines.get(d.pipeline);
	const c = d.contact >= 0 ? w.contacts[d.contact] : undefined;
	const automations: DealDetail['automations'] = [];
	if (c && !c.deleted)
		for (const v of latestRuns(e, c)) {
			const slot = e.slots.get(v.automation);
			const a = e.autos[e.runs.auto[v.run]];
			const step = v.step ? a.steps[a.stepIndex.get(v.step)!] : undefined;
			automations.push({
				automation: v.automation,
				name: slot?.def.name ?? a.def.name,
				status: v.status,
				step: v.step,
				stepName: step ? { kind: step.def.kind, ...stepNaming(step.def, w.catalog) } : null,
				entered: v.entered,
				byThisDeal: e.runs.extra[v.run]?.dealId === d.id
			});
		}
	return {
		id: d.id,
		title: d.title,
		value: d.value,
		currency: d.currency,
		status: d.status,
		score: d.score,
		pipeline: { id: d.pipeline, name: p?.name ?? d.pipeline },
		stage: { id: d.stage, name: p?.stages.find((s) => s.id === d.stage)?.name ?? d.stage },
		owner: userRef(e, d.owner),
		contact: c && !c.deleted ? contactRef(c) : null,
		account: accountRef(e, d.account),
		fields: structuredClone(d.fields),
		tasks: d.tasks.map((t) => ({
			id: t.id,
			type: t.type,
			title: t.title,
			due: t.due,
			assignee: userRef(e, t.assignee),
			done: t.done,
			doneAt: t.doneAt,
			overdue: !t.done && t.due !== null && t.due < e.now
		})),
		notes: d.notes.map((n) => ({ at: n.at, text: n.text, by: n.by ?? null })).reverse(),
		createdAt: d.createdAt,
		updatedAt: d.updatedAt,
		automations,
		now: e.now
	};
}

/** Accounts matching a search, by name. */
export function accountsOf(e: Engine, search = ''): AccountRow[] {
	const w = e.world;
	const q = search.trim().toLowerCase();
	const contacts = new Map<string, number>();
	for (const c of w.contacts) if (!c.deleted && c.account) contacts.set(c.account, (contacts.get(c.account) ?? 0) + 1);
	const deals = new Map<string, Deal[]>();
	for (const d of w.deals.values()) if (d.account) deals.set(d.account, [...(deals.get(d.account) ?? []), d]);
	return [...w.accounts.values()]
		.filter((a) => !q || a.name.toLowerCase().includes(q))
		.sort((a, b) => a.name.localeCompare(b.name) || cmp(a.id, b.id))
		.map((a) => {
			const own = deals.get(a.id) ?? [];
			return {
				id: a.id,
				name: a.name,
				owner: userRef(e, a.owner),
				contacts: contacts.get(a.id) ?? 0,
				deals: own.length,
				openValue: totals(own.filter((d) => d.status === 'open'))
			};
		});
}

/** One account with its contacts, deals and notes. */
export function accountDetailOf(e: Engine, id: string): AccountDetail | null {
	const w = e.world;
	const a = w.accounts.get(id);
	if (!a) return null;
	return {
		id: a.id,
		name: a.name,
		owner: userRef(e, a.owner),
		fields: structuredClone(a.fields),
		notes: a.notes.map((n) => ({ at: n.at, text: n.text, by: n.by ?? null })).reverse(),
		contacts: w.accountContacts(a.id).map(contactRef),
		deals: [...w.deals.values()]
			.filter((d) => d.account === a.id)
			.map((d) => ({
				id: d.id,
				title: d.title,
				value: d.value,
				currency: d.currency,
				status: d.status,
				pipeline: w.catalog.pipelines.get(d.pipeline)?.name ?? d.pipeline,
				stage: w.catalog.pipelines.get(d.pipeline)?.stages.find((s) => s.id === d.stage)?.name ?? d.stage
			}))
	};
}

function cardOf(e: Engine, d: Deal): DealCard {
	const w = e.world;
	const c = d.contact >= 0 ? w.contacts[d.contact] : undefined;
	let open = 0;
	let overdue = 0;
	let nextDue: number | null = null;
	for (const t of d.tasks) {
		if (t.done) continue;
		open++;
		if (t.due !== null) {
			if (t.due < e.now) overdue++;
			if (nextDue === null || t.due < nextDue) nextDue = t.due;
		}
	}
	return {
		id: d.id,
		title: d.title,
		value: d.value,
		currency: d.currency,
		status: d.status,
		score: d.score,
		stage: d.stage,
		owner: userRef(e, d.owner),
		contact: c && !c.deleted ? contactRef(c) : null,
		account: accountRef(e, d.account),
		openTasks: open,
		overdueTasks: overdue,
		nextDue,
		createdAt: d.createdAt,
		updatedAt: d.updatedAt
	};
}

function matches(card: DealCard, q: string): boolean {
	return (
		card.title.toLowerCase().includes(q) ||
		(card.contact !== null && (card.contact.name.toLowerCase().includes(q) || card.contact.email.toLowerCase().includes(q))) ||
		(card.account !== null && card.account.name.toLowerCase().includes(q))
	);
}

/** Sum of values per currency, biggest first. */
function totals(deals: readonly { value: number; currency: string }[]): { currency: string; value: number }[] {
	const m = new Map<string, number>();
	for (const d of deals) m.set(d.currency, (m.get(d.currency) ?? 0) + d.value);
	return [...m].map(([currency, value]) => ({ currency, value })).sort((a, b) => b.value - a.value || cmp(a.currency, b.currency));
}

function userRef(e: Engine, id: string | null): Ref | null {
	if (!id) return null;
	const u = e.world.catalog.users.get(id);
	return { id, name: u?.name ?? id };
}

function accountRef(e: Engine, id: string | null): Ref | null {
	if (!id) return null;
	const a = e.world.accounts.get(id);
	return a ? { id, name: a.name } : null;
}

function contactRef(c: { id: string; firstName: string; lastName: string; email: string }): ContactRef {
	return { id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.id, email: c.email };
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
