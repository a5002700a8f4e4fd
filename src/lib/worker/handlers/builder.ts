/**
 * The automation builder's methods: publishing drafts (with a preview of what happens to contacts
 * in flight), revisions, the plan profile, contacts at a step and a
 * contact's path, the automations list and map, recipes, export and import of one automation.
 */
import type { ApplyResult } from '../../engine/engine';
import type { AutomationDef } from '../../engine/schema/automation';
import type { Diagnostic } from '../../engine/diagnostics';
import { planMigration, type InFlightRule, type MigrationPlan } from '../../engine/migrate';
import type { PlanDef } from '../../engine/schema/workspace';
import { parseWorkspace } from '../../format/parse';
import { analyzeImport, exportFragment, resolveImport, type ImportChoice, type ImportRef } from '../../templates/fragment';
import { buildRecipe, recipeInfos, type RecipeLocale } from '../../templates/recipes';
import type { HandlerCtx } from './context';
import {
	automationLinksOf,
	automationRowsOf,
	builderInfoOf,
	contactPathOf,
	inFlightOf,
	stepRunsOf,
	usedByOf,
	versionDefOf,
	type StepRunsQuery
} from './builder-views';
import type { WorkspaceRuntime } from '../runtime';

/** What publishing a draft would do, shown before confirming. */
export interface PublishPreview {
	/** Validation (errors block publishing), including split.locked for splits with traffic. */
	diagnostics: Diagnostic[];
	/** True when a version runs already. */
	running: boolean;
	status: 'draft' | 'active' | 'inactive';
	/** Contacts in the automation now. */
	inFlight: number;
	/** Under the default rule: who stays, who is re-armed, who is released where. */
	migration: MigrationPlan | null;
	/** Labels of the running version's steps (deleted steps are named from here). */
	oldSteps: Record<string, { kind: string; label: string | null }>;
}

/** What an automation file holds, checked against this workspace. */
export type ImportPreview = { ok: true; name: string; steps: number; triggers: number; refs: ImportRef[] } | { ok: false; diagnostics: Diagnostic[] };

/** Result of an operation creating an automation. */
export type Created = { ok: true; id: string } | { ok: false; diagnostics: Diagnostic[] };

const fail = (code: string, message: string, help: string): { ok: false; diagnostics: Diagnostic[] } => ({ ok: false, diagnostics: [{ code, severity: 'error', message, help }] });

/** An automation id derived from `base` that no automation uses yet. */
function freeAutomationId(rt: WorkspaceRuntime, base: string): string {
	const slug =
		base
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'automation';
	let id = slug;
	for (let n = 2; rt.engine.slots.has(id); n++) id = `${slug}-${n}`;
	return id;
}

/** Stores a new automation as a draft under a free id. */
async function createDraft(rt: WorkspaceRuntime, def: AutomationDef): Promise<Created> {
	const id = rt.engine.slots.has(def.id) ? freeAutomationId(rt, def.id) : def.id;
	const res = await rt.apply({ type: 'automation.published', automation: { ...def, id, status: 'draft' } });
	return res.ok ? { ok: true, id } : res;
}

export const builderHandlers = {
	/** The builder's view of an automation: definition, status, versions, plan, contacts in flight. */
	builderInfo: ({ rt }: HandlerCtx, id: string) => builderInfoOf(rt.engine, id),

	/** The definition of a published version (revision preview). */
	versionDef: ({ rt }: HandlerCtx, id: string, version: number) => versionDefOf(rt.engine, id, version),

	/** Validates a draft and previews what publishing it does to contacts in flight. */
	preparePublish({ rt }: HandlerCtx, def: AutomationDef, inFlight: InFlightRule = 'migrate'): PublishPreview {
		const e = rt.engine;
		const slot = e.slots.get(def.id);
		const status = slot?.status ?? 'draft';
		const diagnostics = e.validate({ ...def, status: status === 'draft' ? 'inactive' : status });
		if (typeof inFlight === 'object' && !def.steps.some((s) => s.id === inFlight.moveTo && s.kind === 'wait'))
			diagnostics.push({ code: 'publish.move_target', severity: 'error', message: 'Pick a Wait step of this version to move contacts in flight to.', help: 'Contacts in flight can only move to a Wait step.' });
		const prev = slot && slot.version >= 0 ? e.autos[slot.version] : null;
		const oldSteps: PublishPreview['oldSteps'] = {};
		if (prev) for (const s of prev.steps) oldSteps[s.id] = { kind: String(s.def.kind), label: (s.def.label as string | undefined) ?? null };
		return {
			diagnostics,
			running: !!prev,
			status,
			inFlight: inFlightOf(e, def.id),
			migration: prev && inFlight === 'migrate' ? planMigration(e, prev, def.steps.map((s) => ({ id: s.id, kind: s.kind, def: s }))) : null,
			oldSteps
		};
	},

	/**
	 * Publishes a draft as a new immutable version. It stays active if it was; a first publish is
	 * activated when `activate`. `inFlight` chooses what happens to contacts in flight.
	 */
	async publishDraft({ rt }: HandlerCtx, def: AutomationDef, opts: { activate: boolean; inFlight?: InFlightRule }): Promise<ApplyResult & { version?: number }> {
		const slot = rt.engine.slots.get(def.id);
		const status = opts.activate || slot?.status === 'active' ? 'active' : 'inactive';
		const res = await rt.apply({ type: 'automation.published', automation: { ...def, status }, ...(opts.inFlight && opts.inFlight !== 'migrate' ? { inFlight: opts.inFlight } : {}) });
		if (!res.ok) return res;
		const s = rt.engine.slots.get(def.id)!;
		return { ok: true, version: rt.engine.autos[s.version].version };
	},

	/** Saves the draft of a never-published automation in the workspace (so lists and exports see it). */
	async saveDraft({ rt }: HandlerCtx, def: AutomationDef): Promise<ApplyResult> {
		const slot = rt.engine.slots.get(def.id);
		if (slot && slot.version >= 0) return { ok: true };
		return rt.apply({ type: 'automation.published', automation: { ...def, status: 'draft' } });
	},

	/** Creates an automation from a definition (blank, duplicate); the id is made unique. */
	createAutomation: ({ rt }: HandlerCtx, def: AutomationDef): Promise<Created> => createDraft(rt, { ...def, id: def.id || freeAutomationId(rt, def.name) }),

	/** A free automation id for a name. */
	freeAutomationId: ({ rt }: HandlerCtx, name: string) => freeAutomationId(rt, name),

	/** What deleting an automation affects: contacts in flight and automations that refer to it. */
	deletePreview: ({ rt }: HandlerCtx, id: string) => ({ inFlight: inFlightOf(rt.engine, id), usedBy: usedByOf(rt.engine, id) }),

	/** The plan profile. */
	plan: ({ rt }: HandlerCtx): PlanDef => rt.engine.plan,

	/** Changes the plan profile (validation and the palette follow it). */
	setPlan: ({ rt }: HandlerCtx, plan: PlanDef): Promise<ApplyResult> => rt.apply({ type: 'plan.changed', plan }),

	/** Contacts at or through a step, with status, arrival and wake time (paged). */
	stepRuns: ({ rt }: HandlerCtx, id: string, step: string, q: StepRunsQuery) => stepRunsOf(rt.engine, id, step, q),

	/** A contact's path through an automation, from the engine's trace. */
	contactPath: ({ rt }: HandlerCtx, id: string, contact: string) => contactPathOf(rt.engine, id, contact),

	/** The automations list with live totals. */
	automationRows: ({ rt }: HandlerCtx) => automationRowsOf(rt.engine),

	/** How automations start, end and listen to each other. */
	automationLinks: ({ rt }: HandlerCtx) => automationLinksOf(rt.engine),

	/** The recipes gallery. */
	recipes: (_: HandlerCtx, locale: RecipeLocale) => recipeInfos(locale),

	/** Builds a recipe for this workspace (creating the lists, emails, fields and tags it needs). */
	async installRecipe({ rt }: HandlerCtx, recipe: string, locale: RecipeLocale): Promise<Created> {
		const built = buildRecipe(recipe, rt.engine.world.catalog, locale, freeAutomationId(rt, recipe));
		if (!built) return fail('recipe.unknown', `Recipe "${recipe}" does not exist.`, 'Pick a recipe from the gallery.');
		if (Object.keys(built.additions).length) {
			const res = await rt.apply({ type: 'catalog.upserted', ...built.additions });
			if (!res.ok) return res;
		}
		return createDraft(rt, built.def);
	},

	/** One automation as a portable file (the definition given, e.g. the current draft). */
	exportAutomation: ({ rt }: HandlerCtx, def: AutomationDef) => exportFragment(def, rt.engine.world.catalog),

	/** Reads an automation file and lists its references that this workspace lacks. */
	importPreview({ rt }: HandlerCtx, text: string): ImportPreview {
		const parsed = parseWorkspace(text);
		if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics.filter((d) => d.severity === 'error').slice(0, 5) };
		if (parsed.value.automations.length !== 1) return fail('import.one_automation', `The file holds ${parsed.value.automations.length} automations; an automation file holds exactly one.`, 'Export a single automation from its builder or the automations list.');
		const a = parsed.value.automations[0];
		return { ok: true, name: a.name, steps: a.steps.length, triggers: a.triggers.length, refs: analyzeImport(parsed.value, rt.engine.world.catalog) };
	},

	/** Imports an automation file with the chosen mapping, creating what is missing; returns the new id. */
	async importAutomation({ rt }: HandlerCtx, text: string, choices: Record<string, ImportChoice>): Promise<Created> {
		const parsed = parseWorkspace(text);
		if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
		if (parsed.value.automations.length !== 1) return fail('import.one_automation', 'An automation file holds exactly one automation.', 'Export a single automation.');
		const { def, additions } = resolveImport(parsed.value, rt.engine.world.catalog, choices);
		if (Object.keys(additions).length) {
			const res = await rt.apply({ type: 'catalog.upserted', ...additions });
			if (!res.ok) return res;
		}
		return createDraft(rt, def);
	}
};
