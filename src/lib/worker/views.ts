/** Read models for the pages: plain values computed from the engine's memory. */
import type { Engine } from '../engine/engine';
import { RunStatus } from '../engine/core/runs';
import { TRACE_CODE_NAMES } from '../engine/core/trace';
import type { Contact } from '../engine/world';
import { compileCondition } from '../engine/conditions/compile';
import type { Condition } from '../engine/schema/conditions';
import { stepKinds } from '../engine/steps/registry';
import { triggerKinds } from '../engine/triggers/registry';
import type { MessageRecord } from '../db/records';
import type { ClockState } from './clock';
import type { WorkspaceEntry } from '../db/registry';

export interface WorkspaceSummary {
	entry: WorkspaceEntry;
	clock: ClockState;
	/** The workspace's default time zone (clock display, contacts without a zone). */
	timeZone: string;
	contacts: number;
	automations: { total: number; active: number };
	runs: { active: number; waiting: number; completed: number; exited: number };
	messages: { total: number; byKind: Record<string, number> };
	scheduledInputs: number;
	nextEventAt: number | null;
	storageError: string | null;
}

export interface AutomationView {
	id: string;
	name: string;
	description: string;
	status: 'draft' | 'active' | 'inactive';
	version: number;
	triggers: { kind: string; title: string }[];
	steps: number;
	entered: number;
	completed: number;
	exited: number;
	inFlight: number;
	/** Automations this one starts or ends (for the map). */
	starts: string[];
	ends: string[];
}

export interface StepCountsView {
	automation: string;
	steps: { id: string; kind: string; title: string; label: string; entered: number; waiting: number; completed: number; paths: number[] }[];
}

export interface ContactQuery {
	search?: string;
	segment?: Condition;
	sort?: 'email' | 'name' | 'created';
	offset: number;
	limit: number;
}

export interface ContactRow {
	id: string;
	email: string;
	name: string;
	tags: string[];
	lists: Record<string, string>;
	scores: Record<string, number>;
	createdAt: number;
}

export interface ContactPage {
	total: number;
	rows: ContactRow[];
}

export interface TraceLine {
	at: number;
	/** Run of the entry (-1: not tied to a run, e.g. a refused entry). */
	run: number;
	automation: string;
	automationName: string;
	version: number;
	step: string | null;
	/** Step kind ("email.send", "wait"…) for wording the line. */
	stepKind: string | null;
	stepTitle: string | null;
	/** The step's own label, when it has one (else the page words the kind). */
	stepLabel: string | null;
	/** What the step acts on, by name (the tag, list, email or automation), for wording the line. */
	subject?: string;
	code: string;
	value?: number;
	detail?: Record<string, unknown>;
}

export interface ContactDetail {
	contact: Omit<Contact, 'firstRun' | 'idx' | 'ver'>;
	runs: { run: number; automation: string; name: string; status: string; step: string | null; entered: number; since: number; wakeAt: number | null; goals: string[]; endReason: string | null }[];
	trace: TraceLine[];
	deals: { id: string; title: string; pipeline: string; stage: string; status: string; value: number; currency: string }[];
	messages: MessageRecord[];
}

export interface MessageQuery {
	contact?: string;
	kind?: string;
	status?: string;
	offset: number;
	limit: number;
}

export interface MessagePage {
	total: number;
	rows: MessageRecord[];
}

const STATUS_NAMES = ['active', 'waiting', 'completed', 'exited'];

/** Counts for the header and dashboard. */
export function summaryOf(e: Engine, entry: WorkspaceEntry, clock: ClockState, messages: MessageRecord[], scheduled: number, nextInput: number | null, storageError: string | null): WorkspaceSummary {
	const runs = { active: 0, waiting: 0, completed: 0, exited: 0 };
	for (let r = 0; r < e.runs.size; r++) runs[STATUS_NAMES[e.runs.status[r]] as keyof typeof runs]++;
	const byKind: Record<string, number> = {};
	for (const m of messages) byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
	let active = 0;
	for (const s of e.slots.values()) if (s.status === 'active') active++;
	const nextTimer = e.nextTimerAt();
	const next = Math.min(nextTimer, nextInput ?? Infinity);
	return {
		entry,
		clock,
		timeZone: e.defaultZone,
		contacts: e.world.contacts.filter((c) => !c.deleted).length,
		automations: { total: e.slots.size, active },
		runs,
		messages: { total: messages.length, byKind },
		scheduledInputs: scheduled,
		nextEventAt: Number.isFinite(next) ? next : null,
		storageError
	};
}

/** Automations with live totals. */
export function automationsOf(e: Engine): AutomationView[] {
	const inFlight = new Map<string, number>();
	for (let r = 0; r < e.runs.size; r++) {
		const st = e.runs.status[r];
		if (st !== RunStatus.Active && st !== RunStatus.Waiting) continue;
		const id = e.autos[e.runs.auto[r]].id;
		inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
	}
	return [...e.slots.values()].map((s) => {
		const stats = e.autoStats.get(s.id) ?? { entered: 0, completed: 0, exited: 0 };
		const starts = new Set<string>();
		const ends = new Set<string>();
		for (const st of s.def.steps) {
			if (st.kind === 'automation.start') starts.add(String(st.automation));
			if (st.kind === 'automation.end_other') ends.add(String(st.automation));
		}
		return {
			id: s.id,
			name: s.def.name,
			description: s.def.description ?? '',
			status: s.status,
			version: s.version >= 0 ? e.autos[s.version].version : 0,
			triggers: s.def.triggers.map((t) => ({ kind: t.kind, title: triggerKinds.get(t.kind)?.title ?? t.kind })),
			steps: s.def.steps.length,
			entered: stats.entered,
			completed: stats.completed,
			exited: stats.exited,
			inFlight: inFlight.get(s.id) ?? 0,
			starts: [...starts],
			ends: [...ends]
		};
	});
}

/** Live counts per step of an automation's current definition. */
export function stepCountsOf(e: Engine, automation: string): StepCountsView {
	const slot = e.slots.get(automation);
	const steps = slot
		? slot.def.steps.map((st) => {
				const s = e.statsFor(automation, st.id);
				return {
					id: st.id,
					kind: st.kind,
					title: stepKinds.get(st.kind)?.title ?? st.kind,
					label: st.label ?? '',
					entered: s.entered,
					waiting: s.waiting,
					completed: s.completed,
					paths: [...s.paths]
				};
			})
		: [];
	return { automation, steps };
}

/** A page of contacts matching a search and an optional segment. */
export function contactsOf(e: Engine, q: ContactQuery): ContactPage {
	const search = q.search?.trim().toLowerCase() ?? '';
	const seg = q.segment ? compileCondition(q.segment) : null;
	const rows: Contact[] = [];
	for (const c of e.world.contacts) {
		if (c.deleted) continue;
		if (search && !(c.email.toLowerCase().includes(search) || `${c.firstName} ${c.lastName}`.toLowerCase().includes(search) || c.id.toLowerCase() === search)) continue;
		if (seg && !seg.test(e, c, null, null)) continue;
		rows.push(c);
	}
	if (q.sort === 'email') rows.sort((a, b) => a.email.localeCompare(b.email));
	else if (q.sort === 'name') rows.sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`));
	return {
		total: rows.length,
		rows: rows.slice(q.offset, q.offset + q.limit).map((c) => ({
			id: c.id,
			email: c.email,
			name: [c.firstName, c.lastName].filter(Boolean).join(' '),
			tags: [...c.tags],
			lists: { ...c.lists },
			scores: { ...c.scores },
			createdAt: c.createdAt
		}))
	};
}

/** Everything about one contact, including its automation paths with the engine's trace. */
export function contactDetailOf(e: Engine, id: string, messages: MessageRecord[]): ContactDetail | null {
	const c = e.world.contact(id);
	if (!c) return null;
	const runs: ContactDetail['runs'] = [];
	for (let r = c.firstRun; r >= 0; r = e.runs.nextOfContact[r]) {
		const a = e.autos[e.runs.auto[r]];
		const step = e.runs.step[r];
		const x = e.runs.extra[r];
		runs.push({
			run: r,
			automation: a.id,
			name: a.def.name,
			status: STATUS_NAMES[e.runs.status[r]],
			step: step >= 0 ? a.steps[step].id : null,
			entered: e.runs.entered[r],
			since: e.runs.since[r],
			wakeAt: Number.isNaN(e.runs.wake[r]) ? null : e.runs.wake[r],
			goals: (x?.goalsMet ?? []).map((gi) => a.steps[gi].id),
			endReason: x?.endReason ?? null
		});
	}
	const trace: TraceLine[] = e.trace.indicesOfContact(c.idx).map((i) => {
		const t = e.trace.entry(i);
		const s = t.step >= 0 ? e.steps[t.step] : null;
		const runAuto = t.run >= 0 ? e.autos[e.runs.auto[t.run]] : null;
		const automation = s?.automation ?? runAuto;
		const automationId = automation?.id ?? String((t.detail as { automation?: string } | undefined)?.automation ?? '');
		return {
			at: t.at,
			run: t.run,
			automation: automationId,
			automationName: e.slots.get(automationId)?.def.name ?? automation?.def.name ?? automationId,
			version: automation?.version ?? 0,
			step: s?.id ?? null,
			stepKind: s ? (s.def.kind as string) : null,
			...(s ? subjectOf(e, s.def) : {}),
			stepTitle: s ? (s.def.label as string | undefined) || s.kind.title : null,
			stepLabel: s ? ((s.def.label as string | undefined) ?? null) : null,
			code: t.code,
			...(t.value !== undefined ? { value: t.value } : {}),
			...(t.detail ? { detail: t.detail } : {})
		};
	});
	const { firstRun: _f, idx: _i, ver: _v, ...contact } = c;
	void TRACE_CODE_NAMES;
	return {
		contact: structuredClone(contact),
		runs,
		trace,
		deals: e.world.contactDeals(c).map((d) => ({ id: d.id, title: d.title, pipeline: d.pipeline, stage: d.stage, status: d.status, value: d.value, currency: d.currency })),
		messages: messages.filter((m) => m.contact === id)
	};
}

/** The name of what a step acts on: its tag, list, email or automation. */
function subjectOf(e: Engine, def: Record<string, unknown>): { subject?: string } {
	const cat = e.world.catalog;
	if (typeof def.tag === 'string') return { subject: def.tag };
	if (typeof def.list === 'string') return { subject: cat.lists.get(def.list)?.name ?? def.list };
	if (typeof def.email === 'string') return { subject: cat.emails.get(def.email)?.name ?? def.email };
	if (typeof def.automation === 'string') return { subject: def.automation === '*' ? '*' : (e.slots.get(def.automation)?.def.name ?? def.automation) };
	return {};
}

/** A page of messages, newest first. */
export function messagesOf(messages: MessageRecord[], q: MessageQuery): MessagePage {
	const rows: MessageRecord[] = [];
	for (let i = messages.length - 1; i >= 0; i--) {
		const m = messages[i];
		if (q.contact && m.contact !== q.contact) continue;
		if (q.kind && m.kind !== q.kind) continue;
		if (q.status && m.status !== q.status) continue;
		rows.push(m);
	}
	return { total: rows.length, rows: rows.slice(q.offset, q.offset + q.limit) };
}
