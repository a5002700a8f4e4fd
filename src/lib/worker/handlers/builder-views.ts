/**
 * Read models of the automation builder, computed from the engine's memory: versions, contacts
 * at or through a step, a contact's path through one automation, the map of how automations
 * start and end each other, the automations list.
 */
import type { Engine } from '../../engine/engine';
import { RunStatus } from '../../engine/core/runs';
import type { AutomationDef } from '../../engine/schema/automation';
import type { PlanDef } from '../../engine/schema/workspace';

const STATUS = ['active', 'waiting', 'completed', 'exited'] as const;
export type RunStatusName = (typeof STATUS)[number];

/** One published version of an automation. */
export interface VersionInfo {
	version: number;
	/** Virtual time it was published (null when unknown). */
	publishedAt: number | null;
	steps: number;
	triggers: number;
	/** True for the version contacts run on now. */
	current: boolean;
}

/** What the builder header shows about an automation. */
export interface BuilderInfo {
	id: string;
	/** The engine's definition: the running version, or the saved draft of a never-published one. */
	def: AutomationDef;
	status: 'draft' | 'active' | 'inactive';
	/** Running version number (0: never published). */
	version: number;
	versions: VersionInfo[];
	plan: PlanDef;
	/** Contacts in the automation now. */
	inFlight: number;
}

/** Every version of automation `id`, oldest first. */
export function versionsOf(e: Engine, id: string): VersionInfo[] {
	const slot = e.slots.get(id);
	const current = slot && slot.version >= 0 ? e.autos[slot.version].version : -1;
	return e.autos
		.filter((a) => a.id === id)
		.map((a) => ({
			version: a.version,
			publishedAt: Number.isFinite(a.publishedAt) ? a.publishedAt : null,
			steps: a.def.steps.length,
			triggers: a.def.triggers.length,
			current: a.version === current
		}));
}

/** Runs of automation `id` that are active or waiting. */
export function inFlightOf(e: Engine, id: string): number {
	let n = 0;
	for (let r = 0; r < e.runs.size; r++) {
		const st = e.runs.status[r];
		if ((st === RunStatus.Waiting || st === RunStatus.Active) && e.autos[e.runs.auto[r]].id === id) n++;
	}
	return n;
}

/** The builder's view of an automation (null when it does not exist). */
export function builderInfoOf(e: Engine, id: string): BuilderInfo | null {
	const slot = e.slots.get(id);
	if (!slot) return null;
	return {
		id,
		def: slot.def,
		status: slot.status,
		version: slot.version >= 0 ? e.autos[slot.version].version : 0,
		versions: versionsOf(e, id),
		plan: e.plan,
		inFlight: inFlightOf(e, id)
	};
}

/** The definition of one published version. */
export function versionDefOf(e: Engine, id: string, version: number): AutomationDef | null {
	return e.autos.find((a) => a.id === id && a.version === version)?.def ?? null;
}

/** Which contacts to list at a step. */
export interface StepRunsQuery {
	/** "here": held at the step now; "passed": went through it; "all": both. */
	filter: 'here' | 'passed' | 'all';
	offset: number;
	limit: number;
}

/** A contact's entry that reached a step. */
export interface StepRunRow {
	run: number;
	contact: string;
	name: string;
	email: string;
	status: RunStatusName;
	/** True while the run is held at this step. */
	here: boolean;
	/** When it (last) reached the step. */
	arrivedAt: number;
	/** Where the run is now (step id) or ended. */
	at: string | null;
	/** When a held run wakes up (null: waits for data or ended). */
	wakeAt: number | null;
}

export interface StepRunsPage {
	total: number;
	here: number;
	passed: number;
	rows: StepRunRow[];
}

/** Contacts at or through step `step` of automation `id`, newest arrival first. */
export function stepRunsOf(e: Engine, id: string, step: string, q: StepRunsQuery): StepRunsPage {
	const globals = new Set<number>();
	for (const s of e.steps) if (s.id === step && s.automation.id === id) globals.add(s.g);
	const arrived = new Map<number, number>();
	const t = e.trace;
	for (let i = 0; i < t.size; i++) {
		if (!globals.has(t.stepAt(i))) continue;
		const r = t.runAt(i);
		if (r >= 0) arrived.set(r, t.timeAt(i));
	}
	const runs = e.runs;
	// Runs held here are listed even when the trace is off.
	for (let r = 0; r < runs.size; r++) {
		if (runs.status[r] !== RunStatus.Waiting) continue;
		const a = e.autos[runs.auto[r]];
		if (a.id === id && a.steps[runs.step[r]]?.id === step && !arrived.has(r)) arrived.set(r, runs.since[r]);
	}
	const all: StepRunRow[] = [];
	for (const [r, at] of arrived) {
		const a = e.autos[runs.auto[r]];
		const cur = runs.step[r] >= 0 ? a.steps[runs.step[r]]?.id ?? null : null;
		const status = STATUS[runs.status[r]];
		const here = status === 'waiting' && cur === step;
		const c = e.world.contacts[runs.contact[r]];
		all.push({
			run: r,
			contact: c.id,
			name: [c.firstName, c.lastName].filter(Boolean).join(' '),
			email: c.email,
			status,
			here,
			arrivedAt: at,
			at: cur,
			wakeAt: here && !Number.isNaN(runs.wake[r]) ? runs.wake[r] : null
		});
	}
	all.sort((x, y) => y.arrivedAt - x.arrivedAt || y.run - x.run);
	const here = all.filter((x) => x.here).length;
	const rows = q.filter === 'here' ? all.filter((x) => x.here) : q.filter === 'passed' ? all.filter((x) => !x.here) : all;
	return { total: rows.length, here, passed: all.length - here, rows: rows.slice(q.offset, q.offset + q.limit) };
}

/** One line of a contact's path: what the engine did, when, at which step, and why. */
export interface PathLine {
	at: number;
	run: number;
	code: string;
	step: string | null;
	stepKind: string | null;
	stepLabel: string | null;
	value?: number;
	detail?: Record<string, unknown>;
}

/** A contact's path through one automation: its entries and the engine's trace of each. */
export interface ContactPath {
	contact: { id: string; name: string; email: string };
	automation: { id: string; name: string };
	runs: { run: number; status: RunStatusName; step: string | null; entered: number; since: number; wakeAt: number | null; version: number; endReason: string | null }[];
	lines: PathLine[];
}

/** The path of contact `contactId` through automation `id` (null when the contact does not exist). */
export function contactPathOf(e: Engine, id: string, contactId: string): ContactPath | null {
	const c = e.world.contact(contactId);
	if (!c) return null;
	const runs: ContactPath['runs'] = [];
	for (let r = c.firstRun; r >= 0; r = e.runs.nextOfContact[r]) {
		const a = e.autos[e.runs.auto[r]];
		if (a.id !== id) continue;
		const step = e.runs.step[r];
		runs.push({
			run: r,
			status: STATUS[e.runs.status[r]],
			step: step >= 0 ? a.steps[step].id : null,
			entered: e.runs.entered[r],
			since: e.runs.since[r],
			wakeAt: Number.isNaN(e.runs.wake[r]) ? null : e.runs.wake[r],
			version: a.version,
			endReason: e.runs.extra[r]?.endReason ?? null
		});
	}
	runs.sort((x, y) => x.entered - y.entered || x.run - y.run);
	const lines: PathLine[] = [];
	for (const i of e.trace.indicesOfContact(c.idx)) {
		const t = e.trace.entry(i);
		const s = t.step >= 0 ? e.steps[t.step] : null;
		const auto = s?.automation.id ?? (t.run >= 0 ? e.autos[e.runs.auto[t.run]].id : String((t.detail as { automation?: string } | undefined)?.automation ?? ''));
		if (auto !== id) continue;
		lines.push({
			at: t.at,
			run: t.run,
			code: t.code,
			step: s?.id ?? null,
			stepKind: s ? String(s.def.kind) : null,
			stepLabel: s ? ((s.def.label as string | undefined) ?? null) : null,
			...(t.value !== undefined && !Number.isNaN(t.value) ? { value: t.value } : {}),
			...(t.detail ? { detail: t.detail } : {})
		});
	}
	const slot = e.slots.get(id);
	return {
		contact: { id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' '), email: c.email },
		automation: { id, name: slot?.def.name ?? id },
		runs,
		lines
	};
}

/** A row of the automations list. */
export interface AutomationRow {
	id: string;
	name: string;
	description: string;
	status: 'draft' | 'active' | 'inactive';
	version: number;
	publishedAt: number | null;
	triggers: string[];
	steps: number;
	entered: number;
	completed: number;
	exited: number;
	inFlight: number;
}

/** Every automation with its live totals. */
export function automationRowsOf(e: Engine): AutomationRow[] {
	const inFlight = new Map<string, number>();
	for (let r = 0; r < e.runs.size; r++) {
		const st = e.runs.status[r];
		if (st !== RunStatus.Active && st !== RunStatus.Waiting) continue;
		const id = e.autos[e.runs.auto[r]].id;
		inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
	}
	return [...e.slots.values()].map((s) => {
		const stats = e.autoStats.get(s.id) ?? { entered: 0, completed: 0, exited: 0 };
		const v = s.version >= 0 ? e.autos[s.version] : null;
		return {
			id: s.id,
			name: s.def.name,
			description: s.def.description ?? '',
			status: s.status,
			version: v?.version ?? 0,
			publishedAt: v && Number.isFinite(v.publishedAt) ? v.publishedAt : null,
			triggers: s.def.triggers.map((t) => t.kind),
			steps: s.def.steps.length,
			entered: stats.entered,
			completed: stats.completed,
			exited: stats.exited,
			inFlight: inFlight.get(s.id) ?? 0
		};
	});
}

/** How automations lead to each other. */
export interface AutomationLink {
	from: string;
	to: string;
	/** "starts": a Start-an-automation step; "ends": an End-another-automation step ("*" = all others);
	 * "goal": a Goal-achieved (or skipped) trigger listening to the other's goals. */
	how: 'starts' | 'ends' | 'goal';
	/** The step or trigger making the link; the goal for goal links. */
	via: string;
	goal?: string;
}

/** Links between automations from their start/end steps and goal triggers. */
export function automationLinksOf(e: Engine): AutomationLink[] {
	const out: AutomationLink[] = [];
	const ids = [...e.slots.keys()];
	for (const s of e.slots.values()) {
		for (const st of s.def.steps) {
			if (st.kind === 'automation.start' && typeof st.automation === 'string') out.push({ from: s.id, to: st.automation, how: 'starts', via: st.id });
			if (st.kind === 'automation.end_other' && typeof st.automation === 'string') {
				if (st.automation === '*') for (const other of ids) other !== s.id && out.push({ from: s.id, to: other, how: 'ends', via: st.id });
				else out.push({ from: s.id, to: st.automation, how: 'ends', via: st.id });
			}
		}
		for (const t of s.def.triggers) {
			if ((t.kind === 'goal.achieved' || t.kind === 'goal.skipped') && typeof t.automation === 'string')
				out.push({ from: t.automation, to: s.id, how: 'goal', via: t.id, ...(typeof t.goal === 'string' ? { goal: t.goal } : {}) });
			if (t.kind === 'automation.started' && typeof t.from === 'string' && !out.some((l) => l.how === 'starts' && l.from === t.from && l.to === s.id))
				out.push({ from: t.from, to: s.id, how: 'starts', via: t.id });
		}
	}
	return out.filter((l) => e.slots.has(l.from) && e.slots.has(l.to));
}

/** Other automations referring to `id` (what deleting it would break). */
export function usedByOf(e: Engine, id: string): { id: string; name: string; how: AutomationLink['how'] }[] {
	return automationLinksOf(e)
		.filter((l) => (l.how === 'goal' ? l.from === id : l.to === id) && (l.how === 'goal' ? l.to : l.from) !== id)
		.filter((l) => !(l.how === 'ends' && e.slots.get(l.from)?.def.steps.some((s) => s.id === l.via && s.automation === '*')))
		.map((l) => {
			const other = l.how === 'goal' ? l.to : l.from;
			return { id: other, name: e.slots.get(other)!.def.name, how: l.how };
		});
}
