/**
 * The scenario report: plain, deterministic JSON (same scenario → byte-identical
 * `JSON.stringify`). Instants are ISO text, ids are the file's ids, records are key-sorted.
 */
import type { Engine } from '../engine/engine';
import type { Effect } from '../engine/effects';
import type { ListStatus } from '../engine/schema/workspace';
import type { FieldValue } from '../engine/core/values';
import type { TraceDetail } from '../engine/core/trace';
import { formatInstant } from '../engine/core/time';
import { stepKinds } from '../engine/steps/registry';
import { latestRuns, waitingByAutomation, type RunStatusName } from './inspect';

export const REPORT_FORMAT = 'journey-studio/report';

/** The whole report. */
export interface Report {
	format: typeof REPORT_FORMAT;
	version: 1;
	scenario: string;
	description?: string;
	workspace: string;
	seed: number;
	start: string;
	end: string;
	/** True when every expectation holds. */
	passed: boolean;
	totals: Totals;
	expectations: ExpectationResult[];
	automations: AutomationReport[];
	steps: StepReport[];
	contacts: ContactReport[];
	deals: DealReport[];
	outbox: OutboxItem[];
	trace: TraceItem[];
}

export interface Totals {
	contacts: number;
	entered: number;
	completed: number;
	exited: number;
	waiting: number;
	outbox: number;
	trace: number;
	expectations: { passed: number; failed: number };
}

/** One checked expectation. */
export interface ExpectationResult {
	/** Index in the scenario's `expect` list. */
	index: number;
	/** What was expected, in words. */
	expected: string;
	passed: boolean;
	/** Why it failed (absent when it passed). */
	message?: string;
}

export interface AutomationReport {
	id: string;
	name: string;
	status: 'draft' | 'active' | 'inactive';
	/** Published versions. */
	versions: number;
	entered: number;
	completed: number;
	exited: number;
	waiting: number;
}

export interface StepReport {
	/** "automation/step". */
	step: string;
	/** Step kind; null for a step deleted by a later version. */
	kind: string | null;
	label?: string;
	entered: number;
	waiting: number;
	completed: number;
	/** Arrivals per outgoing path (if/else, split). */
	paths?: { path: string; label?: string; count: number }[];
}

export interface ContactAutomation {
	automation: string;
	/** Version of the automation the latest run is on. */
	version: number;
	status: RunStatusName;
	/** Where the latest run waits (or ended). */
	step: string | null;
	/** Since when it is at that step, or when it ended. */
	since: string;
	/** When a waiting run is due to move on by itself. */
	wakesAt?: string;
	entered: string;
	entries: number;
	goals: string[];
	exitReason?: string;
}

export interface ContactReport {
	id: string;
	email: string;
	deleted?: true;
	tags: string[];
	lists: Record<string, ListStatus>;
	fields: Record<string, FieldValue>;
	scores: Record<string, number>;
	automations: ContactAutomation[];
}

export interface DealReport {
	id: string;
	contact: string | null;
	pipeline: string;
	stage: string;
	title: string;
	value: number;
	currency: string;
	owner: string | null;
	status: 'open' | 'won' | 'lost';
	score: number;
	fields: Record<string, FieldValue>;
	tasks: { id: string; title: string; done: boolean }[];
	notes: number;
}

/** The answer a responder gave to an awaited effect. */
export interface Answer {
	at: string;
	ok: boolean;
	value?: string;
	error?: string;
}

export interface OutboxItem {
	key: string;
	kind: string;
	at: string;
	contact: string;
	automation: string;
	step: string;
	/** Recipient: address, phone number or URL ("" when the effect has none). */
	to: string;
	subject?: string;
	payload?: Record<string, unknown>;
	/** Deadline of an awaited result. */
	awaitUntil?: string;
	answer?: Answer;
}

export interface TraceItem {
	at: string;
	contact: string;
	automation: string | null;
	version: number | null;
	step: string | null;
	code: string;
	value?: number | string;
	detail?: Record<string, unknown>;
}

/** An effect the runner collected, with the answer it scheduled for it (if any). */
export interface SentEffect {
	effect: Effect;
	answer?: { at: number; ok: boolean; value?: string; error?: string };
}

/** Everything about the run that the report needs besides the engine. */
export interface RunFacts {
	scenario: string;
	description?: string;
	workspace: string;
	seed: number;
	start: number;
	outbox: SentEffect[];
	expectations: ExpectationResult[];
}

/** Builds the report from the engine after the run. */
export function buildReport(e: Engine, f: RunFacts): Report {
	const automations = automationReports(e);
	const contacts = contactReports(e);
	const outbox = f.outbox.map(outboxItem);
	const trace = traceItems(e);
	const failed = f.expectations.filter((x) => !x.passed).length;
	const sum = (k: 'entered' | 'completed' | 'exited' | 'waiting') => automations.reduce((n, a) => n + a[k], 0);
	return {
		format: REPORT_FORMAT,
		version: 1,
		scenario: f.scenario,
		...(f.description !== undefined ? { description: f.description } : {}),
		workspace: f.workspace,
		seed: f.seed,
		start: formatInstant(f.start),
		end: formatInstant(e.now),
		passed: failed === 0,
		totals: {
			contacts: contacts.filter((c) => !c.deleted).length,
			entered: sum('entered'),
			completed: sum('completed'),
			exited: sum('exited'),
			waiting: sum('waiting'),
			outbox: outbox.length,
			trace: trace.length,
			expectations: { passed: f.expectations.length - failed, failed }
		},
		expectations: f.expectations,
		automations,
		steps: stepReports(e),
		contacts,
		deals: dealReports(e),
		outbox,
		trace
	};
}

function automationReports(e: Engine): AutomationReport[] {
	const waiting = waitingByAutomation(e);
	return [...e.slots.values()].map((s) => {
		const st = e.autoStats.get(s.id) ?? { entered: 0, completed: 0, exited: 0 };
		return {
			id: s.id,
			name: s.def.name,
			status: s.version < 0 ? 'draft' : s.status,
			versions: s.versions.length,
			entered: st.entered,
			completed: st.completed,
			exited: st.exited,
			waiting: waiting.get(s.id) ?? 0
		};
	});
}

function stepReports(e: Engine): StepReport[] {
	const out: StepReport[] = [];
	const done = new Set<string>();
	for (const slot of e.slots.values()) {
		for (const def of slot.def.steps) {
			const key = `${slot.id}/${def.id}`;
			done.add(key);
			const st = e.stepStats.get(key);
			const kind = stepKinds.get(def.kind);
			const row: StepReport = {
				step: key,
				kind: def.kind,
				...(def.label ? { label: def.label } : {}),
				entered: st?.entered ?? 0,
				waiting: st?.waiting ?? 0,
				completed: st?.completed ?? 0
			};
			const outputs = kind ? kind.outputs(def) : [];
			if (outputs.length > 1)
				row.paths = outputs.map((o, i) => ({ path: o.key, ...(o.label ? { label: o.label } : {}), count: st?.paths[i] ?? 0 }));
			out.push(row);
		}
	}
	// Steps that only exist in older versions.
	for (const [key, st] of e.stepStats) {
		if (done.has(key)) continue;
		out.push({ step: key, kind: null, entered: st.entered, waiting: st.waiting, completed: st.completed });
	}
	return out;
}

function contactReports(e: Engine): ContactReport[] {
	return e.world.contacts.map((c) => {
		const row: ContactReport = {
			id: c.id,
			email: c.email,
			...(c.deleted ? { deleted: true as const } : {}),
			tags: [...c.tags],
			lists: sortKeys(c.lists),
			fields: sortKeys(c.fields),
			scores: sortKeys(c.scores),
			automations: []
		};
		row.automations = latestRuns(e, c).map((v) => {
			const a: ContactAutomation = {
				automation: v.automation,
				version: v.version,
				status: v.status,
				step: v.step,
				since: formatInstant(v.since),
				...(v.wake !== null ? { wakesAt: formatInstant(v.wake) } : {}),
				entered: formatInstant(v.entered),
				entries: v.entries,
				goals: v.goals,
				...(v.exitReason ? { exitReason: v.exitReason } : {})
			};
			return a;
		});
		return row;
	});
}

function dealReports(e: Engine): DealReport[] {
	return [...e.world.deals.values()].map((d) => ({
		id: d.id,
		contact: d.contact >= 0 ? (e.world.contacts[d.contact]?.id ?? null) : null,
		pipeline: d.pipeline,
		stage: d.stage,
		title: d.title,
		value: d.value,
		currency: d.currency,
		owner: d.owner,
		status: d.status,
		score: d.score,
		fields: sortKeys(d.fields),
		tasks: d.tasks.map((t) => ({ id: t.id, title: t.title, done: t.done })),
		notes: d.notes.length
	}));
}

const EMAIL_KINDS = new Set(['email.send', 'email.one_to_one', 'email.transactional', 'email.internal']);

function outboxItem(s: SentEffect): OutboxItem {
	const f = s.effect;
	const p = f.payload;
	const to = typeof p.to === 'string' ? p.to : typeof p.url === 'string' ? p.url : '';
	const item: OutboxItem = { key: f.key, kind: f.kind, at: formatInstant(f.at), contact: f.contact, automation: f.automation, step: f.step, to };
	if (EMAIL_KINDS.has(f.kind) && typeof p.subject === 'string') item.subject = p.subject;
	else item.payload = plain(p) as Record<string, unknown>;
	if (f.awaitUntil !== null) item.awaitUntil = formatInstant(f.awaitUntil);
	if (s.answer) {
		const a: Answer = { at: formatInstant(s.answer.at), ok: s.answer.ok };
		if (s.answer.value !== undefined) a.value = s.answer.value;
		if (s.answer.error !== undefined) a.error = s.answer.error;
		item.answer = a;
	}
	return item;
}

/** Trace detail keys that hold instants (shown as ISO text). */
const INSTANT_KEYS = new Set(['until', 'at', 'deadline', 'wake', 'due']);

function traceItems(e: Engine): TraceItem[] {
	const t = e.trace;
	const out: TraceItem[] = new Array(t.size);
	for (let i = 0; i < t.size; i++) {
		const x = t.entry(i);
		const c = e.world.contacts[x.contact];
		let automation: string | null = null;
		let version: number | null = null;
		if (x.run >= 0 && x.run < e.runs.size) {
			const a = e.autos[e.runs.auto[x.run]];
			automation = a.id;
			version = a.version;
		} else if (x.detail && typeof x.detail.automation === 'string') automation = x.detail.automation;
		const step = x.step >= 0 ? (e.steps[x.step]?.id ?? null) : null;
		const item: TraceItem = { at: formatInstant(x.at), contact: c ? c.id : String(x.contact), automation, version, step, code: x.code };
		if (x.value !== undefined) item.value = x.code === 'wait_started' || x.code === 'wait_ended' ? formatInstant(x.value) : x.value;
		if (x.detail) item.detail = detailOf(x.detail);
		out[i] = item;
	}
	return out;
}

function detailOf(d: TraceDetail): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(d)) {
		const v = d[k];
		if (v === undefined) continue;
		out[k] = INSTANT_KEYS.has(k) && typeof v === 'number' && Number.isFinite(v) ? formatInstant(v) : plain(v);
	}
	return out;
}

/** A JSON-safe deep copy: NaN/Infinity become null, undefined members are dropped. */
export function plain(v: unknown): unknown {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (typeof v !== 'object') return typeof v === 'function' ? null : v;
	if (Array.isArray(v)) return v.map(plain);
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(v as object)) {
		const x = (v as Record<string, unknown>)[k];
		if (x !== undefined) out[k] = plain(x);
	}
	return out;
}

/** A copy of a record with its keys sorted. */
export function sortKeys<T>(r: Record<string, T>): Record<string, T> {
	const out: Record<string, T> = {};
	for (const k of Object.keys(r).sort()) out[k] = (Array.isArray(r[k]) ? [...(r[k] as unknown[])] : r[k]) as T;
	return out;
}
