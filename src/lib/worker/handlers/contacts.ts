/**
 * Contacts methods: the virtualised table, saved segments, bulk actions, the contact page,
 * custom fields, event simulation, CSV import and export, synthetic populations and behaviour
 * models. Every change is an engine input, applied and committed by the runtime in one go.
 */
import type { ApplyResult } from '../../engine/engine';
import type { Input } from '../../engine/inputs';
import type { Diagnostic } from '../../engine/diagnostics';
import type { FieldDef } from '../../engine/schema/workspace';
import type { Condition } from '../../engine/schema/conditions';
import { isValidZone } from '../../engine/schema/common';
import { normalizeEmail } from '../../engine/world';
import type { HandlerCtx } from './context';
import type { Command } from './core';
import type { WorkspaceRuntime } from '../runtime';
import { contactPage, countMatching, type ContactListQuery } from '../contacts/query';
import { resolveTarget, type ContactTarget } from '../contacts/target';
import { bulkCommands, bulkProblem, type BulkAction } from '../contacts/bulk';
import { pickShare, simCommands, simProblem, type SimulateRequest } from '../contacts/simulate';
import { contactsCsv } from '../contacts/export';
import { contactPageOf } from '../contacts/detail';
import { contactsCatalog, fieldUsage } from '../contacts/catalog';
import { checkChanges, newContactId, type ContactChanges } from '../contacts/edit';
import { checkCondition, segmentName, type SegmentView } from '../contacts/segments';
import { progressReporter } from '../contacts/progress';
import { parseCsv } from '../import/csv';
import { openSession, getSession, closeSession } from '../import/session';
import { checkContactImport, commandsOf, planContactImport, suggestMapping, type ColumnMapping, type ContactImportCheck, type ContactImportOptions } from '../import/contacts';
import { planEventImport, suggestEventColumns, type EventColumn, type EventImportCheck, type EventImportOptions } from '../import/events';
import { checkSpec, generatePopulation, type PopulationSpec } from '../population/generate';
import { checkBehaviour, defaultBehaviour, type BehaviourModel } from '../population/behaviour';
import { behaviourOf, saveBehaviour } from '../population/model-store';

/** Result of a contacts import: done, refused by the check (nothing written), or refused by the engine. */
export type ImportResult =
	| { ok: true; created: number; updated: number; skipped: number; fields: number; ms: number }
	| { ok: false; check: ContactImportCheck }
	| { ok: false; diagnostics: Diagnostic[] };

/** Result of an events import. */
export type EventsImportResult = { ok: true; history: number; scheduled: number; contacts: number } | { ok: false; check: EventImportCheck } | { ok: false; diagnostics: Diagnostic[] };

/** Result of a change to many contacts. */
export type BulkResult = { ok: true; count: number; changed: number } | { ok: false; diagnostics: Diagnostic[] };

function fail(code: string, message: string, help: string): { ok: false; diagnostics: Diagnostic[] } {
	return { ok: false, diagnostics: [{ code, severity: 'error', message, help }] };
}

/** Applies commands in one commit; reports the first refusal (none is expected after the checks). */
async function applyAll(rt: WorkspaceRuntime, commands: Command[]): Promise<{ ok: true } | { ok: false; diagnostics: Diagnostic[] }> {
	if (!commands.length) return { ok: true };
	const results = await rt.applyMany(commands);
	const bad = results.find((r): r is Extract<ApplyResult, { ok: false }> => !r.ok);
	return bad ? { ok: false, diagnostics: bad.diagnostics } : { ok: true };
}

export const contactsHandlers = {
	// ---------------------------------------------------------------- table & catalogue

	/** Rows [from, to) of the contacts matching a query, in its order. */
	contactRows: ({ rt }: HandlerCtx, q: ContactListQuery, from: number, to: number) => contactPage(rt.engine, q, from, to),
	/** Fields, lists, tags, models, emails, forms, conversions and automations to pick from. */
	contactsCatalog: ({ rt }: HandlerCtx) => contactsCatalog(rt.engine, rt.entry.kind),
	/** Number of contacts an action would touch. */
	contactTargetCount: async ({ rt }: HandlerCtx, t: ContactTarget) => (await resolveTarget(rt, t)).length,

	// ---------------------------------------------------------------- segments

	/** Saved segments with live counts. */
	async contactSegments({ rt }: HandlerCtx): Promise<SegmentView[]> {
		const rows = await rt.db.segments.toArray();
		return rows.sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ ...s, ...countMatching(rt.engine, s.condition) }));
	},
	/** Counts contacts matching a condition now (the builder's live count). */
	countSegment({ rt }: HandlerCtx, cond: Condition): { ok: true; count: number; ms: number } | { ok: false; diagnostics: Diagnostic[] } {
		const problems = checkCondition(rt.engine, cond);
		if (problems.length) return { ok: false, diagnostics: problems };
		return { ok: true, ...countMatching(rt.engine, cond) };
	},
	/** Creates or updates a saved segment. */
	async saveContactSegment({ rt, wallNow }: HandlerCtx, seg: { id?: string; name: string; condition: Condition }): Promise<{ ok: true; id: string } | { ok: false; diagnostics: Diagnostic[] }> {
		const name = segmentName(seg.name);
		if (!name) return fail('segment.name', 'Give the segment a name.', 'For example "Engaged Parisians".');
		const problems = checkCondition(rt.engine, seg.condition);
		if (problems.length) return { ok: false, diagnostics: problems };
		const clash = (await rt.db.segments.where('name').equalsIgnoreCase(name).toArray()).find((s) => s.id !== seg.id);
		if (clash) return fail('segment.name_taken', `A segment is already named "${name}".`, 'Pick another name, or open that segment.');
		const now = wallNow();
		const old = seg.id ? await rt.db.segments.get(seg.id) : undefined;
		const id = old?.id ?? `seg-${now.toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
		await rt.db.segments.put({ id, name, condition: seg.condition, createdAt: old?.createdAt ?? now, updatedAt: now });
		return { ok: true, id };
	},
	deleteContactSegment: async ({ rt }: HandlerCtx, id: string) => void (await rt.db.segments.delete(id)),

	// ---------------------------------------------------------------- bulk actions

	/**
	 * Applies an action to every contact of a target, as engine inputs in one commit. `expected`
	 * (the count the person confirmed) must still be the target's size, or nothing happens.
	 */
	async bulkContactAction({ rt }: HandlerCtx, target: ContactTarget, action: BulkAction, expected?: number): Promise<BulkResult> {
		const p = bulkProblem(rt.engine, action);
		if (p) return { ok: false, diagnostics: [p] };
		const ids = await resolveTarget(rt, target);
		if (expected !== undefined && ids.length !== expected)
			return fail('bulk.target_changed', `The selection now holds ${ids.length} contacts, not ${expected}.`, 'Check the selection and confirm again.');
		const commands = bulkCommands(rt.engine, ids, action);
		const res = await applyAll(rt, commands);
		if (!res.ok) return res;
		return { ok: true, count: ids.length, changed: action.kind === 'automation.add' ? ids.length : commands.length };
	},

	// ---------------------------------------------------------------- one contact

	/** Everything the contact page shows. */
	contactView: ({ rt }: HandlerCtx, id: string) => contactPageOf(rt.engine, id, rt.messages),
	/** Edits standard properties, consents and custom fields (checked against their types). */
	async updateContact({ rt }: HandlerCtx, id: string, changes: ContactChanges): Promise<ApplyResult> {
		const c = rt.engine.world.contact(id);
		if (!c || c.deleted) return fail('input.unknown_contact', `Contact "${id}" does not exist.`, 'It may have been deleted.');
		const checked = checkChanges(rt.engine, id, changes);
		if (!checked.ok) return checked;
		return rt.apply({ type: 'contact.upserted', contact: { ...checked.def, id } });
	},
	/** Creates a contact by hand (optionally subscribed to a list); returns its id. */
	async createContact({ rt }: HandlerCtx, changes: ContactChanges & { list?: string | null; tags?: string[] }): Promise<{ ok: true; id: string } | { ok: false; diagnostics: Diagnostic[] }> {
		const checked = checkChanges(rt.engine, null, { ...changes, email: changes.email ?? '' });
		if (!checked.ok) return checked;
		if (changes.list && !rt.engine.world.catalog.lists.has(changes.list)) return fail('input.unknown_list', `List "${changes.list}" does not exist.`, 'Pick an existing list.');
		const id = newContactId(rt.engine);
		const tags = (changes.tags ?? []).map((t) => t.trim()).filter(Boolean);
		const res = await rt.apply({ type: 'contact.upserted', contact: { ...checked.def, id, ...(changes.list ? { lists: { [changes.list]: 'active' } } : {}), ...(tags.length ? { tags } : {}) } });
		return res.ok ? { ok: true, id } : res;
	},
	/** Adds a note to a contact. */
	addContactNote: ({ rt }: HandlerCtx, id: string, text: string): Promise<ApplyResult> => rt.apply({ type: 'note.added', contact: id, text }),
	/** Adjusts a contact score (add, subtract, set or reset). */
	adjustContactScore: ({ rt }: HandlerCtx, id: string, model: string, op: 'add' | 'subtract' | 'set' | 'reset', value: number): Promise<ApplyResult> =>
		rt.engine.world.catalog.scoring.has(model) ? rt.apply({ type: 'score.adjusted', contact: id, model, op, value }) : Promise.resolve(fail('input.unknown_model', `Scoring model "${model}" does not exist.`, 'Pick an existing scoring model.')),

	// ---------------------------------------------------------------- custom fields

	contactFieldUsage: ({ rt }: HandlerCtx) => fieldUsage(rt.engine),
	/** Creates or changes a custom contact field (`field.defined`). */
	defineContactField: ({ rt }: HandlerCtx, field: FieldDef): Promise<ApplyResult> => rt.apply({ type: 'field.defined', field }),
	/** Removes a custom contact field and its values (`field.removed`). */
	removeContactField: ({ rt }: HandlerCtx, key: string): Promise<ApplyResult> => rt.apply({ type: 'field.removed', field: key }),

	// ---------------------------------------------------------------- event simulation

	/**
	 * Fires an event for a target (or a seeded random share of it), now or scheduled for later.
	 * Returns how many contacts it concerns.
	 */
	async simulateEvent({ rt }: HandlerCtx, req: SimulateRequest): Promise<{ ok: true; count: number; scheduledAt: number | null } | { ok: false; diagnostics: Diagnostic[] }> {
		const p = simProblem(rt.engine, req.event, req.at, req.percent);
		if (p) return { ok: false, diagnostics: [p] };
		const ids = pickShare(await resolveTarget(rt, req.target), req.percent, req.seed);
		const commands = ids.flatMap((id) => simCommands(id, req.event));
		if (req.at !== null && req.at > rt.engine.now) {
			const at = req.at;
			await rt.schedule(commands.map((c) => ({ at, input: { ...c, at } as Input, source: 'simulation' })));
			return { ok: true, count: ids.length, scheduledAt: at };
		}
		const res = await applyAll(rt, commands);
		return res.ok ? { ok: true, count: ids.length, scheduledAt: null } : res;
	},

	// ---------------------------------------------------------------- CSV import

	/** Reads a CSV file (progress on the contacts channel) and suggests a mapping. */
	async csvImportOpen({ rt }: HandlerCtx, kind: 'contacts' | 'events', file: Blob | string, name: string) {
		const progress = progressReporter(rt, 'import');
		try {
			const parsed = await parseCsv(file, (done, total) => progress.report('read', done, total));
			const s = openSession(rt, kind, name, parsed);
			return {
				id: s.id,
				name,
				headers: parsed.headers,
				rows: parsed.rows.length,
				preview: parsed.rows.slice(0, 8),
				problems: parsed.problems.slice(0, 50),
				mapping: kind === 'contacts' ? suggestMapping(rt.engine, parsed.headers, parsed.rows) : null,
				eventColumns: kind === 'events' ? suggestEventColumns(parsed.headers) : null
			};
		} finally {
			progress.report('done', 1, 1);
			progress.close();
		}
	},
	/** Checks a contacts file against a mapping: counts and the row-level error report. */
	csvImportCheck: ({ rt }: HandlerCtx, id: string, mapping: ColumnMapping[], opts: ContactImportOptions) => {
		const s = getSession(rt, id);
		return checkContactImport(rt.engine, s.parsed.headers, s.parsed.rows, mapping, opts);
	},
	/**
	 * Imports a contacts file in ONE commit: the new custom fields, then every valid row merged by
	 * email (or nothing at all when the mode is "all" and a row is invalid).
	 */
	async csvImportCommit({ rt }: HandlerCtx, id: string, mapping: ColumnMapping[], opts: ContactImportOptions): Promise<ImportResult> {
		const s = getSession(rt, id);
		const plan = planContactImport(rt.engine, s.parsed.headers, s.parsed.rows, mapping, opts);
		if (!plan.canCommit) {
			const { defs: _d, newFields: _n, ...check } = plan;
			return { ok: false, check };
		}
		const t0 = performance.now();
		const res = await applyAll(rt, commandsOf(plan, opts));
		if (!res.ok) return { ok: false, diagnostics: res.diagnostics };
		closeSession(rt, id);
		return { ok: true, created: plan.creates, updated: plan.updates, skipped: plan.invalidRows, fields: plan.newFields.length, ms: performance.now() - t0 };
	},
	/** Checks an events file. */
	csvEventsCheck({ rt }: HandlerCtx, id: string, columns: EventColumn[], opts: EventImportOptions) {
		const s = getSession(rt, id);
		const { now: _n, later: _l, ...check } = planEventImport(rt.engine, s.parsed.headers, s.parsed.rows, columns, opts);
		return check;
	},
	/** Imports events: past ones into the contacts' history (one commit), later ones scheduled. */
	async csvEventsCommit({ rt }: HandlerCtx, id: string, columns: EventColumn[], opts: EventImportOptions): Promise<EventsImportResult> {
		const s = getSession(rt, id);
		const plan = planEventImport(rt.engine, s.parsed.headers, s.parsed.rows, columns, opts);
		if (!plan.canCommit) {
			const { now: _n, later: _l, ...check } = plan;
			return { ok: false, check };
		}
		const res = await applyAll(rt, plan.now);
		if (!res.ok) return { ok: false, diagnostics: res.diagnostics };
		if (plan.later.length) await rt.schedule(plan.later.map((l) => ({ at: l.at, input: { ...l.command, at: l.at } as Input, source: 'import' })));
		closeSession(rt, id);
		return { ok: true, history: plan.past, scheduled: plan.future, contacts: plan.contacts };
	},
	csvImportDiscard: ({ rt }: HandlerCtx, id: string) => closeSession(rt, id),

	// ---------------------------------------------------------------- CSV export

	/** The contacts of a target as CSV text (formula injection neutralised). */
	exportContacts: async ({ rt }: HandlerCtx, t: ContactTarget) => contactsCsv(rt.engine, await resolveTarget(rt, t)),

	// ---------------------------------------------------------------- synthetic populations

	/** Generates N seeded contacts in a simulation workspace (one commit). */
	async generatePopulation({ rt }: HandlerCtx, spec: PopulationSpec, runAutomations: boolean) {
		if (rt.entry.kind !== 'simulation') return fail('population.live', 'Synthetic contacts belong in simulation workspaces.', 'Create a simulation (it can copy this workspace) and generate them there.');
		const w = rt.engine.world;
		const issues = checkSpec(spec, w.catalog.fields, new Set(w.catalog.lists.keys()), isValidZone);
		if (issues.length) return { ok: false as const, issues };
		const t0 = performance.now();
		const taken = { ids: new Set(w.contactIndex.keys()), emails: new Set(w.contacts.filter((c) => !c.deleted && c.email).map((c) => normalizeEmail(c.email))) };
		const defs = generatePopulation(spec, w.catalog.fields, taken);
		const res = await applyAll(rt, defs.map((contact): Command => ({ type: 'contact.upserted', contact, announce: runAutomations })));
		if (!res.ok) return res;
		return { ok: true as const, count: defs.length, ms: performance.now() - t0 };
	},
	/** The behaviour model (or null) and a default one to start from. */
	behaviourModel: ({ rt }: HandlerCtx) => ({ model: behaviourOf(rt), defaults: defaultBehaviour([...rt.engine.world.catalog.lists.keys()][0] ?? '') }),
	/** Saves (null: removes) the behaviour model; pending simulated reactions are recomputed. */
	async saveBehaviourModel({ rt }: HandlerCtx, model: BehaviourModel | null) {
		if (rt.entry.kind !== 'simulation') return fail('behaviour.live', 'Behaviour models drive simulated contacts only.', 'Use a simulation workspace.');
		if (model) {
			const issues = checkBehaviour(model, new Set(rt.engine.world.catalog.lists.keys()));
			if (issues.length) return { ok: false as const, issues };
		}
		await saveBehaviour(rt, model);
		return { ok: true as const };
	}
};
