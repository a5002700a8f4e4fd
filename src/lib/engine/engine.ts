/**
 * The discrete-event journey engine. It owns the run table, the timer heap and the trace, applies
 * inputs in virtual-time order, and moves contacts through compiled automation versions. It is
 * pure: no wall clock, no IO; effects come out as data (`takeEffects`).
 */
import { DAY } from './core/time';
import { TimerHeap } from './core/heap';
import { ENTRY_MANUAL, ENTRY_STARTED, RunStatus, RunTable } from './core/runs';
import { TraceCode, TraceLog, type TraceDetail } from './core/trace';
import { localParts, nextHourBoundary } from './core/zones';
import type { Effect, EffectKind, EffectResult } from './effects';
import type { AutomationState, CompiledCondition, CondEnv, Observation } from './conditions/types';
import type { CompiledAutomation, CompiledStep, CompiledTrigger, StepStats } from './compiled';
import { compileAutomation } from './compile';
import { validateAutomation, type WorkspaceView } from './validate';
import type { Diagnostic } from './diagnostics';
import { hasErrors } from './diagnostics';
import type { Input } from './inputs';
import { applyInput } from './apply';
import { END, GONE, STAY } from './steps/kind';
import type { AutomationDef } from './schema/automation';
import type { PlanDef } from './schema/workspace';
import { FULL_PLAN } from './plans';
import { nextDateFire, type DateTriggerDef } from './triggers/date';
import { migrateRuns, relocateRuns, type InFlightRule } from './migrate';
import { canonicalJson } from './core/canonical';
import type { RenderScope } from './personalize';
import { type Change, type Contact, type Deal, World } from './world';

/** Timer kinds, in the order they fire at equal times. */
const T_STEP = 0;
const T_DATE = 1;
const T_RUN = 2;

/** Safety valve: step executions allowed for one run in one uninterrupted advance. */
const MAX_STEPS_PER_INSTANT = 1000;

/** Options of a new engine. */
export interface EngineOptions {
	/** Seed of every random draw (splits, A/B variants). */
	seed: number;
	/** Virtual time the engine starts at. */
	start: number;
	/** Record the per-contact trace (default true). */
	trace?: boolean;
	/** Zone for contacts without one (default "UTC"). */
	defaultZone?: string;
	/** Plan profile used to validate automations (default: everything). */
	plan?: PlanDef;
}

/** An automation as the engine knows it: its latest definition, status and versions. */
export interface AutomationSlot {
	id: string;
	def: AutomationDef;
	status: 'draft' | 'active' | 'inactive';
	/** Index of the running compiled version, or -1 when never published. */
	version: number;
	/** Every compiled version, oldest first. */
	versions: number[];
	/** Runs whose wake fell due while the automation was inactive. */
	paused: number[];
}

/** Counters of one automation across versions. */
export interface AutomationStats {
	entered: number;
	completed: number;
	exited: number;
}

/** Outcome of applying an input. */
export type ApplyResult = { ok: true } | { ok: false; diagnostics: Diagnostic[] };

interface PendingEntry {
	automation: string;
	trigger: number;
	contact: number;
	deal?: string;
	startedBy?: string;
}

/** @internal A scheduled date-trigger firing for one contact. */
export interface DateSlot {
	trigger: CompiledTrigger;
	contact: number;
	at: number;
	/** Local date of the last firing: one occurrence fires once, even if a zone change moves it later. */
	firedOn?: string;
}

/** @internal A step's own timer. */
export interface StepTimer {
	key: string;
	at: number;
}

/** The engine. One instance per workspace. */
export class Engine implements CondEnv {
	now: number;
	readonly seed: number;
	defaultZone: string;
	plan: PlanDef;
	world = new World();
	runs = new RunTable();
	trace: TraceLog;
	timers = new TimerHeap();
	autos: CompiledAutomation[] = [];
	steps: CompiledStep[] = [];
	slots = new Map<string, AutomationSlot>();
	stepStats = new Map<string, StepStats>();
	autoStats = new Map<string, AutomationStats>();
	/** Per-step runtime state (split counters, A/B results…) keyed "automation/step". */
	stepState = new Map<string, any>();
	/** Go-to passes per "automation/step/contactIdx": recent pass times (rolling 24 h cap). */
	gotoLog = new Map<string, number[]>();
	/** Runs waiting for an effect result, by effect key. */
	awaiting = new Map<string, number>();
	private effects: Effect[] = [];
	/** @internal Effects produced so far (part of effect keys); persisted by `state.ts`. */
	effectSeq = 0;
	private listeners = new Map<Change['type'], CompiledTrigger[]>();
	private dateByField = new Map<string, CompiledTrigger[]>();
	/** @internal Date-trigger schedule (persisted by `state.ts`). */
	dateSlots: DateSlot[] = [];
	/** @internal */
	dateSlotIndex = new Map<string, number>();
	/** @internal Step timers (persisted by `state.ts`). */
	stepTimers: StepTimer[] = [];
	/** @internal */
	stepTimerIndex = new Map<string, number>();
	private jobs: number[] = [];
	private jobHead = 0;
	/** Number of queued jobs (the array is reused between instants, never shrunk). */
	private jobTail = 0;
	private entryCount = 0;
	private entries: PendingEntry[] = [];
	private checkQueue: number[] = [];
	private checkFlags = new Uint8Array(1024);
	private reactive = 0;
	private scratchSeen: Observation[] = [];

	constructor(opts: EngineOptions) {
		this.now = opts.start;
		this.seed = opts.seed >>> 0;
		this.trace = new TraceLog(opts.trace ?? true);
		this.defaultZone = opts.defaultZone ?? 'UTC';
		this.plan = opts.plan ?? FULL_PLAN;
		this.world.onChange = (ch) => this.onWorldChange(ch);
		this.world.onTouch = (c) => {
			if (this.reactive > 0) this.queueCheck(c);
		};
		this.world.observed = { 'contact.created': true, 'account.changed': true };
	}

	// ------------------------------------------------------------------ inputs & clock

	/** Applies one input: fires every timer due up to its time, then the input itself. */
	apply(input: Input): ApplyResult {
		if (!(input.at >= this.now)) {
			return fail('input.out_of_order', `Input "${input.type}" at ${new Date(input.at).toISOString()} is earlier than the clock.`, 'Inputs must arrive in time order; advance the clock only forward.');
		}
		this.advanceTo(input.at);
		const res = applyInput(this, input);
		this.drain();
		return res;
	}

	/** Fires, in order, every timer due at or before `t`, then sets the clock to `t`. */
	advanceTo(t: number): void {
		for (;;) {
			const at = this.timers.peekTime();
			if (!(at <= t)) break;
			const kind = this.timers.peekKind();
			const id = this.timers.peekId();
			this.timers.pop();
			if (at > this.now) this.setNow(at);
			this.fireTimer(at, kind, id);
			this.drain();
		}
		if (t > this.now) this.setNow(t);
	}

	/** Time of the next scheduled timer (Infinity when none). Stale entries may make it early. */
	nextTimerAt(): number {
		return this.timers.peekTime();
	}

	/** Effects produced since the last call, in order. */
	takeEffects(): Effect[] {
		const out = this.effects;
		this.effects = [];
		return out;
	}

	/** Effects produced and not yet taken. */
	get pendingEffects(): readonly Effect[] {
		return this.effects;
	}

	private setNow(t: number): void {
		this.now = t;
	}

	private fireTimer(at: number, kind: number, id: number): void {
		if (kind === T_RUN) {
			const runs = this.runs;
			if (runs.status[id] !== RunStatus.Waiting || runs.wake[id] !== at) return;
			const a = this.autos[runs.auto[id]];
			const slot = this.slots.get(a.id);
			if (!slot || slot.status !== 'active') {
				slot?.paused.push(id);
				return;
			}
			runs.wake[id] = NaN;
			const s = a.steps[runs.step[id]];
			const out = s.kind.wake ? s.kind.wake(this, id, s) : STAY;
			this.resolveHeld(id, s, out);
		} else if (kind === T_DATE) {
			const slot = this.dateSlots[id];
			if (!slot || slot.at !== at) return;
			slot.at = NaN;
			this.fireDateTrigger(slot);
		} else {
			const timer = this.stepTimers[id];
			if (!timer || timer.at !== at) return;
			timer.at = NaN;
			const s = this.currentStep(timer.key);
			if (s?.kind.timer) s.kind.timer(this, s);
		}
	}

	// ------------------------------------------------------------------ automations

	/** A read-only view of the workspace for validation. */
	view(): WorkspaceView {
		return { catalog: this.world.catalog, automations: [...this.slots.values()].map((s) => s.def), plan: this.plan };
	}

	/** Validates a definition against this workspace without publishing it. */
	validate(def: AutomationDef): Diagnostic[] {
		const diags = validateAutomation(def, this.view());
		const slot = this.slots.get(def.id);
		if (slot && slot.version >= 0) diags.push(...lockedSplitChanges(this, this.autos[slot.version], def));
		return diags;
	}

	/**
	 * Publishes a definition: validates, compiles an immutable version, moves contacts in flight
	 * onto it (deleted steps release to their next step, waits keep time already spent) and sets
	 * its status. Drafts are stored without compiling.
	 */
	publish(def: AutomationDef, inFlight: InFlightRule = 'migrate'): ApplyResult {
		let slot = this.slots.get(def.id);
		if (def.status === 'draft' && (!slot || slot.version < 0)) {
			if (!slot) {
				slot = { id: def.id, def, status: 'draft', version: -1, versions: [], paused: [] };
				this.slots.set(def.id, slot);
			} else slot.def = def;
			return { ok: true };
		}
		const diags = this.validate(def);
		let moveTo = -1;
		if (typeof inFlight === 'object') {
			moveTo = def.steps.findIndex((s) => s.id === inFlight.moveTo);
			if (moveTo < 0 || def.steps[moveTo].kind !== 'wait')
				diags.push({
					code: 'publish.move_target',
					severity: 'error',
					message: `Contacts in flight can only be moved to a Wait step of the new version; "${inFlight.moveTo}" is not one.`,
					help: 'Pick one of the Wait steps of the version you publish, or let contacts exit.'
				});
		}
		if (hasErrors(diags)) return { ok: false, diagnostics: diags };
		const compiled = compileAutomation(this, def, slot ? slot.versions.length + 1 : 1);
		if (!slot) {
			slot = { id: def.id, def, status: 'inactive', version: -1, versions: [], paused: [] };
			this.slots.set(def.id, slot);
		}
		const previous = slot.version >= 0 ? this.autos[slot.version] : null;
		slot.def = def;
		slot.version = compiled.idx;
		slot.versions.push(compiled.idx);
		if (!this.autoStats.has(def.id)) this.autoStats.set(def.id, { entered: 0, completed: 0, exited: 0 });
		if (previous) {
			if (inFlight === 'migrate') migrateRuns(this, previous, compiled);
			else relocateRuns(this, previous, compiled, inFlight === 'exit' ? 'exit' : { to: moveTo });
		}
		this.setStatus(def.id, def.status === 'draft' ? 'inactive' : def.status);
		return { ok: true };
	}

	/** Activates or deactivates an automation. Inactive: no entries, contacts in flight pause. */
	setStatus(id: string, status: 'active' | 'inactive'): ApplyResult {
		const slot = this.slots.get(id);
		if (!slot || slot.version < 0)
			return fail('automation.unpublished', `Automation "${id}" has no published version.`, 'Publish the automation before activating it.');
		const was = slot.status;
		slot.status = status;
		slot.def = { ...slot.def, status };
		this.rebuildListeners();
		this.rescheduleDateTriggers(id);
		if (status === 'active' && was !== 'active') {
			// Resume now the runs whose wake fell due while paused, then re-check the held runs
			// against data that changed meanwhile (conditional waits, goals).
			const paused = slot.paused;
			slot.paused = [];
			for (const r of paused) {
				if (this.runs.status[r] !== RunStatus.Waiting) continue;
				const pending = this.runs.extra[r]?.pendingResult;
				if (pending) {
					delete this.runs.extra[r]!.pendingResult;
					const st = this.autos[this.runs.auto[r]].steps[this.runs.step[r]];
					if (st.kind.result) this.resolveHeld(r, st, st.kind.result(this, r, st, pending));
				} else if (this.runs.wake[r] <= this.now) this.fireTimer(this.runs.wake[r], T_RUN, r);
			}
			const a = this.autos[slot.version];
			if (a.reactive)
				for (let r = 0; r < this.runs.size; r++)
					if (this.runs.status[r] === RunStatus.Waiting && this.autos[this.runs.auto[r]].id === id) this.queueCheck(this.runs.contact[r]);
			this.drain();
		}
		return { ok: true };
	}

	/** Deletes an automation: contacts in flight exit with a logged reason. */
	deleteAutomation(id: string): ApplyResult {
		const slot = this.slots.get(id);
		if (!slot) return fail('automation.unknown', `Automation "${id}" does not exist.`, 'Check the automation id.');
		for (let r = 0; r < this.runs.size; r++) {
			const st = this.runs.status[r];
			if ((st === RunStatus.Waiting || st === RunStatus.Active) && this.autos[this.runs.auto[r]].id === id) this.exit(r, 'automation_deleted');
		}
		this.slots.delete(id);
		this.rebuildListeners();
		this.rescheduleDateTriggers(id);
		return { ok: true };
	}

	/** Registers a compiled version (called by the compiler). */
	registerVersion(a: CompiledAutomation): void {
		this.autos.push(a);
		for (const s of a.steps) this.steps.push(s);
	}

	/** Shared live counters of a step across versions. */
	statsFor(automation: string, step: string): StepStats {
		const key = `${automation}/${step}`;
		let s = this.stepStats.get(key);
		if (!s) {
			s = { entered: 0, waiting: 0, completed: 0, paths: [] };
			this.stepStats.set(key, s);
		}
		return s;
	}

	/** The running compiled step for "automation/step", if any. */
	currentStep(key: string): CompiledStep | undefined {
		const slash = key.indexOf('/');
		const slot = this.slots.get(key.slice(0, slash));
		if (!slot || slot.version < 0) return undefined;
		const a = this.autos[slot.version];
		const i = a.stepIndex.get(key.slice(slash + 1));
		return i === undefined ? undefined : a.steps[i];
	}

	/**
	 * @internal Rebuilds derived indexes after a restore: trigger listeners and the timer heap
	 * (from run wakes, date slots and step timers).
	 */
	rebuildAfterRestore(): void {
		this.rebuildListeners();
		this.timers.clear();
		const runs = this.runs;
		for (let r = 0; r < runs.size; r++)
			if (runs.status[r] === RunStatus.Waiting && !Number.isNaN(runs.wake[r])) this.timers.push(runs.wake[r], T_RUN, r);
		this.dateSlots.forEach((s, i) => {
			if (!Number.isNaN(s.at)) this.timers.push(s.at, T_DATE, i);
		});
		this.stepTimers.forEach((s, i) => {
			if (!Number.isNaN(s.at)) this.timers.push(s.at, T_STEP, i);
		});
	}

	private rebuildListeners(): void {
		this.listeners.clear();
		this.dateByField.clear();
		this.reactive = 0;
		for (const slot of this.slots.values()) {
			if (slot.status !== 'active' || slot.version < 0) continue;
			if (this.autos[slot.version].reactive) this.reactive++;
			for (const t of this.autos[slot.version].triggers) {
				const src = t.kind.source;
				if ('changes' in src)
					for (const type of src.changes) {
						const list = this.listeners.get(type);
						if (list) list.push(t);
						else this.listeners.set(type, [t]);
					}
				else if ('scheduled' in src) {
					const field = (t.def as DateTriggerDef).field;
					const list = this.dateByField.get(field);
					if (list) list.push(t);
					else this.dateByField.set(field, [t]);
				}
			}
		}
		const observed: Partial<Record<Change['type'], boolean>> = { 'contact.created': true, 'account.changed': true };
		for (const type of this.listeners.keys()) observed[type] = true;
		if (this.dateByField.size) observed['field.changed'] = true;
		this.world.observed = observed;
	}

	// ------------------------------------------------------------------ date triggers & step timers

	private rescheduleDateTriggers(automation: string): void {
		for (const slot of this.dateSlots) if (slot.trigger.automation.id === automation) slot.at = NaN;
		const s = this.slots.get(automation);
		if (!s || s.status !== 'active' || s.version < 0) return;
		for (const t of this.autos[s.version].triggers) {
			if (!('scheduled' in t.kind.source)) continue;
			for (const c of this.world.contacts) if (!c.deleted) this.scheduleDate(t, c);
		}
	}

	/** (Re)computes the next firing of a date trigger for a contact. */
	private scheduleDate(t: CompiledTrigger, c: Contact): void {
		const def = t.def as DateTriggerDef;
		const zone = def.zone === 'contact' ? c.timeZone || this.defaultZone : def.zone;
		const value = this.world.getField(c, def.field);
		const key = `${t.automation.id}/${t.id}/${c.idx}`;
		let at = nextDateFire(def, value, this.now, zone);
		const firedOn = this.dateSlots[this.dateSlotIndex.get(key) ?? -1]?.firedOn;
		if (firedOn && !Number.isNaN(at) && localParts(at, zone).date === firedOn) at = nextDateFire(def, value, at, zone);
		let i = this.dateSlotIndex.get(key);
		if (i === undefined) {
			if (Number.isNaN(at)) return;
			i = this.dateSlots.length;
			this.dateSlots.push({ trigger: t, contact: c.idx, at: NaN });
			this.dateSlotIndex.set(key, i);
		}
		const slot = this.dateSlots[i];
		slot.trigger = t;
		if (slot.at === at) return;
		slot.at = at;
		if (!Number.isNaN(at)) this.timers.push(at, T_DATE, i);
	}

	private fireDateTrigger(slot: DateSlot): void {
		const t = slot.trigger;
		const c = this.world.contacts[slot.contact];
		const s = this.slots.get(t.automation.id);
		if (!c || c.deleted || !s || s.version !== t.automation.idx || s.status !== 'active') return;
		const zone = (t.def as DateTriggerDef).zone;
		slot.firedOn = localParts(this.now, zone === 'contact' ? c.timeZone || this.defaultZone : zone).date;
		this.tryEnter(t, c, {});
		this.scheduleDate(t, c);
	}

	/** Schedules the step timer of "automation/step" at `at` (replacing any earlier one). */
	scheduleStepTimer(key: string, at: number): void {
		let i = this.stepTimerIndex.get(key);
		if (i === undefined) {
			i = this.stepTimers.length;
			this.stepTimers.push({ key, at: NaN });
			this.stepTimerIndex.set(key, i);
		}
		if (this.stepTimers[i].at === at) return;
		this.stepTimers[i].at = at;
		this.timers.push(at, T_STEP, i);
	}

	// ------------------------------------------------------------------ world changes

	private onWorldChange(ch: Change): void {
		if (ch.type === 'account.changed') {
			for (const c of this.world.accountContacts(ch.account)) this.queueCheck(c.idx);
			return;
		}
		if (ch.type === 'contact.created') {
			const c = this.world.contacts[ch.c];
			for (const list of this.dateByField.values()) for (const t of list) this.scheduleDate(t, c);
			return;
		}
		const ts = this.listeners.get(ch.type);
		if (ts) {
			const c = this.world.contacts[ch.c];
			for (let i = 0; i < ts.length; i++) {
				const t = ts[i];
				const m = t.kind.match!(t.def, ch, this.world);
				if (m) this.tryEnter(t, c, m);
			}
		}
		if (ch.type === 'field.changed') {
			// A new time zone moves every date trigger of the contact (they fire in its local time).
			if (ch.field === 'timeZone') {
				for (const list of this.dateByField.values()) for (const t of list) this.scheduleDate(t, this.world.contacts[ch.c]);
				return;
			}
			const dts = this.dateByField.get(ch.field);
			if (dts) for (const t of dts) this.scheduleDate(t, this.world.contacts[ch.c]);
		}
	}

	private queueCheck(c: number): void {
		if (c >= this.checkFlags.length) {
			const f = new Uint8Array(Math.max(c + 1, this.checkFlags.length * 2));
			f.set(this.checkFlags);
			this.checkFlags = f;
		}
		if (this.checkFlags[c]) return;
		this.checkFlags[c] = 1;
		this.checkQueue.push(c);
	}

	// ------------------------------------------------------------------ entering

	/** Evaluates a trigger's filter and entry rule; queues the entry when they pass. */
	tryEnter(t: CompiledTrigger, c: Contact, ctx: { deal?: string; startedBy?: string }): boolean {
		const deal = ctx.deal ? (this.world.deals.get(ctx.deal) ?? null) : null;
		if (t.filter) {
			const seen: Observation[] | null = this.trace.enabled ? [] : null;
			if (!t.filter.test(this, c, seen, deal)) {
				this.trace.add(this.now, c.idx, -1, -1, TraceCode.entry_refused, {
					automation: t.automation.id,
					trigger: t.id,
					reason: 'filter_not_met',
					seen
				});
				return false;
			}
		}
		return this.queueEntry(t.automation.id, t.i, c, ctx);
	}

	/** Queues an entry of a contact (manual, started by an automation, or a trigger that passed). */
	queueEntry(automation: string, trigger: number, c: Contact, ctx: { deal?: string; startedBy?: string }): boolean {
		this.entries[this.entryCount++] = { automation, trigger, contact: c.idx, deal: ctx.deal, startedBy: ctx.startedBy };
		this.pushJob(-this.entryCount);
		return true;
	}

	/** Adds contacts by hand (bulk). Uses the automation's "manual" trigger filter/rule when it has one. */
	addManually(automation: string, c: Contact): void {
		this.enterExplicit(automation, 'manual', c, {});
	}

	/** Entry through "Start an automation" or "Added manually". */
	enterExplicit(automation: string, source: 'manual' | 'started', c: Contact, ctx: { startedBy?: string }): void {
		const slot = this.slots.get(automation);
		if (!slot || slot.version < 0 || slot.status !== 'active') {
			this.trace.add(this.now, c.idx, -1, -1, TraceCode.entry_refused, {
				automation,
				reason: slot ? 'automation_inactive' : 'automation_unknown'
			});
			return;
		}
		const a = this.autos[slot.version];
		const kind = source === 'manual' ? 'manual' : 'automation.started';
		const t = a.triggers.find((x) => x.def.kind === kind && (kind !== 'automation.started' || !x.def.from || x.def.from === ctx.startedBy));
		if (t) this.tryEnter(t, c, ctx);
		else this.queueEntry(automation, source === 'manual' ? ENTRY_MANUAL : ENTRY_STARTED, c, ctx);
	}

	private processEntry(p: PendingEntry): void {
		const slot = this.slots.get(p.automation);
		const c = this.world.contacts[p.contact];
		if (!c || c.deleted) return;
		if (!slot || slot.status !== 'active' || slot.version < 0) {
			this.trace.add(this.now, c.idx, -1, -1, TraceCode.entry_refused, { automation: p.automation, reason: 'automation_inactive' });
			return;
		}
		const a = this.autos[slot.version];
		const trig = p.trigger >= 0 ? a.triggers[p.trigger] : undefined;
		const triggerId = trig ? trig.id : p.trigger === ENTRY_MANUAL ? '$manual' : '$started';
		const refuse = this.entryRefusal(a, c, triggerId, trig?.def.runs ?? 'every');
		if (refuse) {
			this.trace.add(this.now, c.idx, -1, -1, TraceCode.entry_refused, { automation: a.id, trigger: triggerId, reason: refuse });
			return;
		}
		const runs = this.runs;
		const r = runs.add(c.idx, a.idx, p.trigger, this.now, c.firstRun);
		c.firstRun = r;
		if (p.deal || p.startedBy) {
			const x = runs.x(r);
			if (p.deal) x.dealId = p.deal;
			if (p.startedBy) x.startedBy = p.startedBy;
		}
		this.autoStats.get(a.id)!.entered++;
		// Automation, version and trigger are in the run table; the entry needs no detail.
		this.trace.add(this.now, c.idx, r, -1, TraceCode.entered);
		if (a.start < 0) {
			this.finish(r, RunStatus.Completed);
			return;
		}
		runs.step[r] = a.start;
		// A contact that already meets a goal when it enters goes straight there.
		const jump = this.goalJump(r, a, a.start, true);
		if (jump !== NO_JUMP) {
			if (jump === END) {
				this.finish(r, RunStatus.Completed);
				return;
			}
			runs.step[r] = jump;
		}
		this.advance(r);
	}

	/** Why a contact may not enter now (null when it may). */
	private entryRefusal(a: CompiledAutomation, c: Contact, triggerId: string, runsRule: 'once' | 'every'): string | null {
		const runs = this.runs;
		const since = this.now - DAY;
		let recent = 0;
		for (let r = c.firstRun; r >= 0; r = runs.nextOfContact[r]) {
			const other = this.autos[runs.auto[r]];
			if (other.id !== a.id) continue;
			if (a.def.entry === 'once') return 'automation_runs_once';
			const t = runs.trigger[r];
			const tid = t >= 0 ? other.triggers[t]?.id : t === ENTRY_MANUAL ? '$manual' : '$started';
			if (tid !== triggerId) continue;
			if (runsRule === 'once') return 'trigger_runs_once';
			if (runs.entered[r] > since) recent++;
		}
		if (recent >= 10) return 'entry_limit_24h';
		return null;
	}

	// ------------------------------------------------------------------ the loop

	/** Runs queued work (entries, runs to advance, data checks) until the instant is quiet. */
	drain(): void {
		for (;;) {
			if (this.checkQueue.length) {
				const q = this.checkQueue;
				this.checkQueue = [];
				for (const c of q) {
					this.checkFlags[c] = 0;
					this.checkContact(c);
				}
				continue;
			}
			if (this.jobHead < this.jobTail) {
				const j = this.jobs[this.jobHead++];
				if (j >= 0) {
					if (this.runs.status[j] === RunStatus.Active) this.advance(j);
				} else this.processEntry(this.entries[-j - 1]);
				continue;
			}
			break;
		}
		// Keep the backing stores (resetting `length` would free them and reallocate on every wake);
		// only a queue that grew very large is let go.
		this.jobHead = this.jobTail = 0;
		if (this.jobs.length > 65_536) this.jobs = [];
		this.entryCount = 0;
		if (this.entries.length > 65_536) this.entries = [];
	}

	private pushJob(j: number): void {
		this.jobs[this.jobTail++] = j;
	}

	/** Moves an active run through instantaneous steps until it waits or ends. */
	private advance(r: number): void {
		const runs = this.runs;
		const a = this.autos[runs.auto[r]];
		const c = this.world.contacts[runs.contact[r]];
		let s = runs.step[r];
		let budget = MAX_STEPS_PER_INSTANT;
		for (;;) {
			if (--budget < 0) {
				this.exit(r, 'too_many_steps_in_one_instant');
				return;
			}
			const st = a.steps[s];
			st.stats.entered++;
			const ver = c.ver;
			let out = st.kind.enter(this, r, st);
			if (out === STAY) {
				runs.status[r] = RunStatus.Waiting;
				st.stats.waiting++;
				runs.touch(r);
				if (runs.extra[r]?.loopPasses) delete runs.extra[r]!.loopPasses;
				if (c.ver !== ver) this.queueCheck(c.idx);
				return;
			}
			if (out === GONE) {
				// "End this automation" completes the run at this step; exits do not count as completed.
				if (runs.status[r] === RunStatus.Completed) st.stats.completed++;
				return;
			}
			st.stats.completed++;
			if (c.ver !== ver && st.goalsBelow.length) {
				const g = this.goalJump(r, a, s, false);
				if (g !== NO_JUMP) out = g;
			}
			if (out === END) {
				this.finish(r, RunStatus.Completed);
				return;
			}
			runs.step[r] = out;
			runs.since[r] = this.now;
			s = out;
		}
	}

	/** Continues a held run according to a handler outcome (from wake, recheck or result). */
	resolveHeld(r: number, s: CompiledStep, out: number): void {
		if (out === STAY || out === GONE) return;
		const runs = this.runs;
		runs.status[r] = RunStatus.Active;
		runs.wake[r] = NaN;
		s.stats.waiting--;
		s.stats.completed++;
		runs.touch(r);
		if (out === END) {
			this.finish(r, RunStatus.Completed);
			return;
		}
		runs.step[r] = out;
		runs.since[r] = this.now;
		this.pushJob(r);
	}

	/** Releases a run held at a step deleted by a new version to `to` (a local index or END). */
	releaseDeleted(r: number, old: CompiledStep, to: number): void {
		const key = this.runs.extra[r]?.awaiting;
		if (key) {
			this.awaiting.delete(key);
			delete this.runs.extra[r]!.awaiting;
		}
		this.resolveHeld(r, old, to);
	}

	/** Moves a run held at `old` to local step `to` of its (new) version, which it enters afresh. */
	relocate(r: number, old: CompiledStep, to: number): void {
		this.leaveHeld(r, old);
		const runs = this.runs;
		runs.status[r] = RunStatus.Active;
		runs.step[r] = to;
		runs.since[r] = this.now;
		this.pushJob(r);
	}

	/** Reacts to a contact's data change: conditional waits and goals of its held runs. */
	private checkContact(ci: number): void {
		const runs = this.runs;
		const c = this.world.contacts[ci];
		if (!c) return;
		for (let r = c.firstRun; r >= 0; r = runs.nextOfContact[r]) {
			if (runs.status[r] !== RunStatus.Waiting) continue;
			const a = this.autos[runs.auto[r]];
			if (!a.reactive) continue;
			const slot = this.slots.get(a.id);
			if (!slot || slot.status !== 'active') continue;
			const si = runs.step[r];
			const s = a.steps[si];
			if (s.goalsBelow.length) {
				const g = this.goalJump(r, a, si, false);
				if (g !== NO_JUMP) {
					this.leaveHeld(r, s);
					if (g === END) this.finish(r, RunStatus.Completed);
					else {
						runs.status[r] = RunStatus.Active;
						runs.step[r] = g;
						runs.since[r] = this.now;
						this.pushJob(r);
					}
					continue;
				}
			}
			if (s.kind.recheck) this.resolveHeld(r, s, s.kind.recheck(this, r, s));
		}
	}

	/** Bookkeeping when a held run leaves its step other than forward (goal jump, exit). */
	private leaveHeld(r: number, s: CompiledStep): void {
		const runs = this.runs;
		s.stats.waiting--;
		runs.wake[r] = NaN;
		const key = runs.extra[r]?.awaiting;
		if (key) {
			this.awaiting.delete(key);
			delete runs.extra[r]!.awaiting;
		}
		runs.touch(r);
	}

	/**
	 * Checks the goals downstream of local step `from` (including `from` itself when `inclusive`):
	 * when one is met, records it achieved and returns where the run continues after it;
	 * NO_JUMP when none is met.
	 */
	private goalJump(r: number, a: CompiledAutomation, from: number, inclusive: boolean): number {
		const st = a.steps[from];
		const goals = inclusive && st.def.kind === 'goal' ? [from, ...st.goalsBelow] : st.goalsBelow;
		if (!goals.length) return NO_JUMP;
		const c = this.world.contacts[this.runs.contact[r]];
		const met = this.runs.extra[r]?.goalsMet;
		for (const gi of goals) {
			if (met?.includes(gi)) continue;
			const g = a.steps[gi];
			const cond = (g.data as { cond: CompiledCondition }).cond;
			const seen: Observation[] | null = this.trace.enabled ? [] : null;
			if (!cond.test(this, c, seen, this.deal(r))) continue;
			g.stats.entered++;
			g.stats.completed++;
			this.achieveGoal(r, g, { jumpedFrom: from === gi ? undefined : a.steps[from].id, seen });
			return g.out[0];
		}
		return NO_JUMP;
	}

	/** Records a goal as achieved for a run (trace, stats, goal.achieved change). */
	achieveGoal(r: number, g: CompiledStep, detail: TraceDetail): void {
		const x = this.runs.x(r);
		(x.goalsMet ??= []).push(g.i);
		this.runs.touch(r);
		const c = this.world.contacts[this.runs.contact[r]];
		this.trace.add(this.now, c.idx, r, g.g, TraceCode.goal_achieved, detail);
		this.world.goalEvent(c, 'goal.achieved', g.automation.id, g.id);
	}

	// ------------------------------------------------------------------ API for step kinds

	/** The contact of a run. */
	contactOf(r: number): Contact {
		return this.world.contacts[this.runs.contact[r]];
	}

	/** The deal in context of a run: from a deal trigger or created in the run, else the contact's newest open deal. */
	deal(r: number): Deal | null {
		const id = this.runs.extra[r]?.dealId;
		if (id) {
			const d = this.world.deals.get(id);
			if (d) return d;
		}
		// Without a deal in context, the contact's newest open deal becomes the run's deal (later
		// steps keep acting on it even once it is won or lost); won/lost deals are never picked up.
		const open = this.world.contactDeals(this.contactOf(r)).find((d) => d.status === 'open');
		if (!open) return null;
		this.runs.x(r).dealId = open.id;
		this.runs.touch(r);
		return open;
	}

	/** Personalization scope of a run (the deal is looked up only when `withDeal`). */
	scope(r: number, withDeal = true): RenderScope {
		return { world: this.world, contact: this.contactOf(r), deal: withDeal ? this.deal(r) : null };
	}

	/** Appends a trace entry for a run at a step. */
	log(r: number, s: CompiledStep | null, code: number, detail?: TraceDetail): void {
		this.trace.add(this.now, this.runs.contact[r], r, s ? s.g : -1, code, detail);
	}

	/** Appends a trace entry carrying a number (e.g. the instant a wait ends). */
	logValue(r: number, s: CompiledStep, code: number, value: number): void {
		this.trace.add(this.now, this.runs.contact[r], r, s.g, code, undefined, value);
	}

	/** Evaluates a compiled condition for a run; records observations when tracing. */
	test(cond: CompiledCondition, r: number): { ok: boolean; seen: Observation[] | null } {
		if (!this.trace.enabled) return { ok: cond.test(this, this.contactOf(r), null, this.deal(r)), seen: null };
		// Observe into a scratch array, keep an exact-size copy for the trace.
		const scratch = this.scratchSeen;
		scratch.length = 0;
		const ok = cond.test(this, this.contactOf(r), scratch, this.deal(r));
		return { ok, seen: scratch.slice() };
	}

	/** Parks the run until `t` (or until data changes when `t` is NaN); returns STAY. */
	holdUntil(r: number, t: number): number {
		const runs = this.runs;
		if (t !== runs.wake[r]) {
			runs.wake[r] = t;
			if (!Number.isNaN(t)) this.timers.push(t, T_RUN, r);
			runs.touch(r);
		}
		return STAY;
	}

	/** The next instant at which a time-dependent condition could change (quarter-hour boundary). */
	nextRecheck(): number {
		return nextHourBoundary(this.now);
	}

	/** Produces an effect for the host. Returns it (its key is stable across replays). */
	emit(r: number, s: CompiledStep, kind: EffectKind, payload: Record<string, unknown>, opts: { marketing?: boolean; awaitUntil?: number } = {}): Effect {
		const c = this.contactOf(r);
		const e: Effect = {
			key: `${s.automation.id}.${s.id}.${r}.${++this.effectSeq}`,
			kind,
			at: this.now,
			contact: c.id,
			automation: s.automation.id,
			step: s.id,
			run: r,
			payload,
			marketing: opts.marketing === true,
			awaitUntil: opts.awaitUntil ?? null
		};
		if (opts.awaitUntil !== undefined) {
			this.awaiting.set(e.key, r);
			this.runs.x(r).awaiting = e.key;
		}
		this.effects.push(e);
		return e;
	}

	/** Feeds an effect result back to the run waiting for it. */
	resolveEffect(res: EffectResult): ApplyResult {
		const r = this.awaiting.get(res.key);
		if (r === undefined) return { ok: true }; // late or duplicate answer: nothing waits for it any more
		this.awaiting.delete(res.key);
		const runs = this.runs;
		if (runs.extra[r]?.awaiting !== res.key) return { ok: true };
		delete runs.extra[r]!.awaiting;
		if (runs.status[r] !== RunStatus.Waiting) return { ok: true };
		const a = this.autos[runs.auto[r]];
		const slot = this.slots.get(a.id);
		if (!slot || slot.status !== 'active') {
			// Paused automation: keep the answer for when it is reactivated.
			runs.x(r).pendingResult = res;
			runs.touch(r);
			slot?.paused.push(r);
			return { ok: true };
		}
		const s = a.steps[runs.step[r]];
		if (!s.kind.result) return { ok: true };
		this.resolveHeld(r, s, s.kind.result(this, r, s, res));
		return { ok: true };
	}

	/** Stops waiting for a run's pending effect result (timeout): a late answer is then ignored. */
	clearAwait(r: number): void {
		const key = this.runs.extra[r]?.awaiting;
		if (!key) return;
		this.awaiting.delete(key);
		delete this.runs.extra[r]!.awaiting;
		this.runs.touch(r);
	}

	/** Ends a run as exited with a logged reason (from any state). Returns GONE. */
	exit(r: number, reason: string, detail?: TraceDetail): number {
		const runs = this.runs;
		const st = runs.status[r];
		if (st === RunStatus.Completed || st === RunStatus.Exited) return GONE;
		if (st === RunStatus.Waiting) this.leaveHeld(r, this.autos[runs.auto[r]].steps[runs.step[r]]);
		runs.x(r).endReason = reason;
		this.finish(r, RunStatus.Exited, { reason, ...detail });
		return GONE;
	}

	/** Marks a run completed or exited now. */
	private finish(r: number, status: typeof RunStatus.Completed | typeof RunStatus.Exited, detail?: TraceDetail): void {
		const runs = this.runs;
		runs.status[r] = status;
		runs.since[r] = this.now;
		runs.wake[r] = NaN;
		runs.touch(r);
		const a = this.autos[runs.auto[r]];
		const stats = this.autoStats.get(a.id);
		const step = runs.step[r];
		const g = step >= 0 ? a.steps[step].g : -1;
		if (status === RunStatus.Completed) {
			if (stats) stats.completed++;
			this.trace.add(this.now, runs.contact[r], r, g, TraceCode.completed, detail);
		} else {
			if (stats) stats.exited++;
			this.trace.add(this.now, runs.contact[r], r, g, TraceCode.exited, detail);
		}
	}

	/** Ends the run as completed ("End this automation"). Returns GONE. */
	complete(r: number, detail?: TraceDetail): number {
		this.finish(r, RunStatus.Completed, detail);
		return GONE;
	}

	/** Ends the contact's runs in another automation (or in all others when `automation` is "*"). */
	endRunsOf(contact: Contact, automation: string, exceptRun: number, reason: string): number {
		const runs = this.runs;
		const self = this.autos[runs.auto[exceptRun]].id;
		let n = 0;
		for (let r = contact.firstRun; r >= 0; r = runs.nextOfContact[r]) {
			if (r === exceptRun) continue;
			const st = runs.status[r];
			if (st !== RunStatus.Waiting && st !== RunStatus.Active) continue;
			const id = this.autos[runs.auto[r]].id;
			if (automation === '*' ? id === self : id !== automation) continue;
			this.exit(r, reason, { by: self });
			n++;
		}
		return n;
	}

	// ------------------------------------------------------------------ CondEnv

	/** The contact's history with an automation (for automation conditions). */
	automationState(c: Contact, automationId: string): AutomationState {
		const runs = this.runs;
		let inNow = false, completed = false, entered = false;
		const goals: string[] = [];
		for (let r = c.firstRun; r >= 0; r = runs.nextOfContact[r]) {
			const a = this.autos[runs.auto[r]];
			if (a.id !== automationId) continue;
			entered = true;
			const st = runs.status[r];
			if (st === RunStatus.Waiting || st === RunStatus.Active) inNow = true;
			else if (st === RunStatus.Completed) completed = true;
			const met = runs.extra[r]?.goalsMet;
			if (met) for (const gi of met) goals.push(a.steps[gi].id);
		}
		return { inNow, completed, entered, goals };
	}
}

/** Marker: no goal was met. */
const NO_JUMP = -100;

function fail(code: string, message: string, help: string): ApplyResult {
	return { ok: false, diagnostics: [{ code, severity: 'error', message, help }] };
}

/** Errors for split steps whose settings changed after contacts passed them. */
function lockedSplitChanges(e: Engine, prev: CompiledAutomation, next: AutomationDef): Diagnostic[] {
	const out: Diagnostic[] = [];
	for (const [n, s] of next.steps.entries()) {
		if (s.kind !== 'split') continue;
		const i = prev.stepIndex.get(s.id);
		if (i === undefined) continue;
		const old = prev.steps[i];
		if (old.def.kind !== 'split' || old.stats.entered === 0) continue;
		const strip = (d: any) => canonicalJson({ ...d, label: undefined, paths: d.paths?.map((p: any) => ({ ...p, next: undefined, label: undefined })) });
		if (strip(old.def) !== strip(s))
			out.push({
				code: 'split.locked',
				severity: 'error',
				message: `Split "${s.label ?? s.id}" cannot change: ${old.stats.entered} contact(s) already passed it.`,
				help: 'Keep the split as it is, or add a new split step instead.',
				step: s.id,
				path: ['steps', n]
			});
	}
	void e;
	return out;
}
