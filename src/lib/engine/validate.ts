/**
 * Validation of an automation before it may run: schema of each step, edges, reachability,
 * loops, references to workspace data, plan availability. Each finding is a Diagnostic with a
 * stable code, one sentence of help and the offending step or trigger.
 */
import type { Diagnostic } from './diagnostics';
import { forEachLeaf } from './conditions/compile';
import type { Condition } from './schema/conditions';
import type { AutomationDef } from './schema/automation';
import type { PlanDef } from './schema/workspace';
import { planAllows, STARTER_MAX_ACTIONS, unlockText } from './plans';
import { loopsWithoutWait, reachable, startOf, stepLinks, stepTargets } from './graph';
import { stepKinds } from './steps/registry';
import { triggerKinds } from './triggers/registry';
import type { ValidateCtx } from './steps/kind';
import { ACCOUNT_TAGS, DEAL_TAGS, STANDARD_TAGS, compileTemplate } from './personalize';
import { STANDARD_FIELDS, type Catalog } from './world';
import { zodIssues } from './schema/issues';

/** What validation reads of the workspace. */
export interface WorkspaceView {
	catalog: Catalog;
	automations: AutomationDef[];
	plan: PlanDef;
}

/** Every finding about `def` in the context of the workspace. Errors block publishing. */
export function validateAutomation(def: AutomationDef, ws: WorkspaceView): Diagnostic[] {
	const out: Diagnostic[] = [];
	const automations = new Map<string, { name: string; steps: Set<string>; goals: Set<string> }>();
	for (const a of [...ws.automations.filter((x) => x.id !== def.id), def])
		automations.set(a.id, {
			name: a.name,
			steps: new Set(a.steps.map((s) => s.id)),
			goals: new Set(a.steps.filter((s) => s.kind === 'goal').map((s) => s.id))
		});
	const stepIds = new Set<string>();
	let where: { step?: string; trigger?: string; base: (string | number)[] } = { base: [] };
	const report: ValidateCtx['report'] = (code, message, help, path = [], severity = 'error') =>
		out.push({ code, severity, message, help, ...(where.step ? { step: where.step } : {}), ...(where.trigger ? { trigger: where.trigger } : {}), path: [...where.base, ...path] });
	const v: ValidateCtx = {
		catalog: ws.catalog,
		automations,
		steps: stepIds,
		triggers: def.triggers,
		report,
		condition: (cond, path) => checkCondition(cond, path, v),
		template: (text, path) => checkTemplate(text, path, v),
		field: (field, path, types) => checkField(field, path, v, types)
	};

	// Ids.
	for (const [i, s] of def.steps.entries()) {
		if (stepIds.has(s.id)) {
			where = { step: s.id, base: ['steps', i] };
			report('step.duplicate_id', `Two steps have the id "${s.id}".`, 'Give every step its own id.', ['id']);
		}
		stepIds.add(s.id);
	}
	const triggerIds = new Set<string>();
	for (const [i, t] of def.triggers.entries()) {
		where = { trigger: t.id, base: ['triggers', i] };
		if (triggerIds.has(t.id)) report('trigger.duplicate_id', `Two triggers have the id "${t.id}".`, 'Give every trigger its own id.', ['id']);
		triggerIds.add(t.id);
		const kind = triggerKinds.get(t.kind);
		if (!kind) {
			report('trigger.unknown_kind', `Trigger kind "${t.kind}" does not exist.`, 'Pick a trigger from the palette.', ['kind']);
			continue;
		}
		const parsed = kind.schema.safeParse(t);
		if (!parsed.success) {
			for (const iss of zodIssues(parsed.error)) report('trigger.invalid', `Trigger "${kind.title}": ${iss.message}`, 'Complete the trigger settings.', iss.path);
			continue;
		}
		kind.validate?.(parsed.data, v);
		if (t.filter) checkCondition(t.filter, ['filter'], v);
	}
	where = { base: [] };
	if (def.triggers.length === 0 && def.status === 'active')
		report('trigger.none', 'This automation has no trigger.', 'Add a trigger, or add contacts by hand or from another automation.', ['triggers'], 'warning');

	// Steps: schema, settings, plan.
	let actions = 0;
	let firstOverLimit = -1;
	for (const [i, s] of def.steps.entries()) {
		where = { step: s.id, base: ['steps', i] };
		const kind = stepKinds.get(s.kind);
		if (!kind) {
			report('step.unknown_kind', `Step kind "${s.kind}" does not exist.`, 'Pick an action from the palette.', ['kind']);
			continue;
		}
		if (++actions === STARTER_MAX_ACTIONS + 1) firstOverLimit = i;
		if (!planAllows(ws.plan, kind.plans))
			report('plan.unavailable', `"${kind.title}" is not available on this plan.`, `It needs ${unlockText(kind.plans)}; change the plan profile or remove the step.`, ['kind']);
		const parsed = kind.schema.safeParse(s);
		if (!parsed.success) {
			for (const iss of zodIssues(parsed.error))
				report('step.invalid', `${kind.title} "${s.label ?? s.id}": ${iss.message}`, 'Complete the step settings in the inspector.', iss.path);
			continue;
		}
		for (const o of kind.outputs(parsed.data)) {
			if (o.target && !stepIds.has(o.target))
				report('edge.dangling', `"${s.label ?? s.id}" leads to step "${o.target}", which does not exist.`, 'Reconnect the path to an existing step or end it.', [o.key]);
		}
		for (const l of kind.links?.(parsed.data) ?? []) {
			if (!stepIds.has(l)) report('goto.dangling', `"${s.label ?? s.id}" goes to step "${l}", which does not exist.`, 'Pick an existing step as the go-to target.', ['target']);
		}
		kind.validate?.(parsed.data, v);
	}
	// The limit is reported on the first action past it (the one Starter refuses).
	where = firstOverLimit >= 0 ? { step: def.steps[firstOverLimit].id, base: ['steps', firstOverLimit] } : { base: [] };
	if (ws.plan.tier === 'starter' && actions > STARTER_MAX_ACTIONS)
		report('plan.starter_limit', `Starter allows at most ${STARTER_MAX_ACTIONS} actions per automation; this one has ${actions}.`, 'Split the journey into smaller automations (Start an automation needs Professional) or upgrade the plan.');
	where = { base: [] };

	// Graph.
	const start = startOf(def);
	if (def.start && !stepIds.has(def.start)) report('start.missing', `The start step "${def.start}" does not exist.`, 'Point "start" at an existing step.', ['start']);
	if (start && stepIds.has(start)) {
		const seen = reachable(def);
		for (const [i, s] of def.steps.entries()) {
			if (seen.has(s.id)) continue;
			where = { step: s.id, base: ['steps', i] };
			report('step.unreachable', `No path leads to "${s.label ?? s.id}".`, 'Connect it to the journey or delete it.', [], 'warning');
		}
		where = { base: [] };
		for (const id of structuralCycle(def)) {
			where = { step: id, base: ['steps', def.steps.findIndex((s) => s.id === id)] };
			report('edge.cycle', `Paths loop back to "${id}" without a Go-to step.`, 'Use a "Go to" step to send contacts back up the journey.');
		}
		for (const id of loopsWithoutWait(def)) {
			where = { step: id, base: ['steps', def.steps.findIndex((s) => s.id === id)] };
			report('goto.loop_without_wait', `The loop closed by "${id}" has no wait in it.`, 'Add a Wait step inside the loop; without one, contacts are stopped after 3 passes.', [], 'warning');
		}
	}
	return out;
}

/** Ids of steps that close a cycle along structural edges (loops must go through go-to). */
function structuralCycle(def: AutomationDef): string[] {
	const byId = new Map(def.steps.map((s) => [s.id, s]));
	const state = new Map<string, 1 | 2>();
	const bad = new Set<string>();
	const visit = (id: string) => {
		state.set(id, 1);
		const s = byId.get(id);
		if (s)
			for (const t of stepTargets(s)) {
				if (!t || !byId.has(t)) continue;
				const st = state.get(t);
				if (st === 1) bad.add(t);
				else if (!st) visit(t);
			}
		state.set(id, 2);
	};
	for (const s of def.steps) if (!state.has(s.id)) visit(s.id);
	void stepLinks;
	return [...bad];
}

/** Exported for the builder's inspector, which runs a kind's checks as the user types. */
export function checkField(field: string, path: (string | number)[], v: ValidateCtx, types?: string[]): void {
	if ((STANDARD_FIELDS as readonly string[]).includes(field)) {
		if (types && !types.includes('text'))
			v.report('ref.field_type', `Field "${field}" is text, but a ${types.join(' or ')} field is needed here.`, `Pick a ${types.join(' or ')} field.`, path);
		return;
	}
	const f = v.catalog.fields.get(field);
	if (!f) {
		v.report('ref.field', `Contact field "${field}" does not exist.`, 'Pick an existing field or create it in the field settings.', path);
		return;
	}
	if (types && !types.includes(f.type))
		v.report('ref.field_type', `Field "${f.label}" is of type ${f.type}, but a ${types.join(' or ')} field is needed here.`, `Pick a ${types.join(' or ')} field.`, path);
}

/** Exported for the builder's inspector, which runs a kind's checks as the user types. */
export function checkCondition(cond: Condition, base: (string | number)[], v: ValidateCtx): void {
	const c = v.catalog;
	forEachLeaf(cond, (l, p) => {
		const path = [...base, ...p];
		switch (l.kind) {
			case 'field':
				checkField(l.field, [...path, 'field'], v);
				break;
			case 'list':
				if (!c.lists.has(l.list)) v.report('ref.list', `List "${l.list}" does not exist.`, 'Pick an existing list.', [...path, 'list']);
				break;
			case 'score':
				if (!c.scoring.has(l.model)) v.report('ref.score', `Scoring model "${l.model}" does not exist.`, 'Pick an existing scoring model.', [...path, 'model']);
				break;
			case 'action':
				if (l.email && !c.emails.has(l.email)) v.report('ref.email', `Email "${l.email}" does not exist.`, 'Pick an existing email.', [...path, 'email']);
				if (l.form && !c.forms.has(l.form)) v.report('ref.form', `Form "${l.form}" does not exist.`, 'Pick an existing form.', [...path, 'form']);
				break;
			case 'automation': {
				const a = v.automations.get(l.automation);
				if (!a) v.report('ref.automation', `Automation "${l.automation}" does not exist.`, 'Pick an existing automation.', [...path, 'automation']);
				else if (l.goal && !a.goals.has(l.goal)) v.report('ref.goal', `Automation "${a.name}" has no goal "${l.goal}".`, 'Pick one of its goal steps.', [...path, 'goal']);
				break;
			}
			case 'deal':
				if (l.pipeline) {
					const p = c.pipelines.get(l.pipeline);
					if (!p) v.report('ref.pipeline', `Pipeline "${l.pipeline}" does not exist.`, 'Pick an existing pipeline.', [...path, 'pipeline']);
					else if (l.stage && !p.stages.some((s) => s.id === l.stage))
						v.report('ref.stage', `Stage "${l.stage}" is not in pipeline "${p.name}".`, 'Pick a stage of the chosen pipeline.', [...path, 'stage']);
				}
				break;
			case 'conversion':
				if (l.conversion && !c.conversions.has(l.conversion))
					v.report('ref.conversion', `Conversion "${l.conversion}" does not exist.`, 'Pick an existing conversion.', [...path, 'conversion']);
				break;
			case 'time':
				if (l.part === 'hour' && l.op !== 'in' && !(Number(l.value) >= 0 && Number(l.value) <= 23))
					v.report('condition.time_value', `Hour must be between 0 and 23 (got ${String(l.value)}).`, 'Use a 24-hour clock hour.', [...path, 'value']);
				if (l.part === 'day_of_week' && l.op !== 'in' && !(Number(l.value) >= 1 && Number(l.value) <= 7))
					v.report('condition.time_value', `Day of week must be 1 (Monday) to 7 (Sunday) (got ${String(l.value)}).`, 'Use 1 for Monday through 7 for Sunday.', [...path, 'value']);
				break;
		}
	});
}

/** Exported for the builder's inspector, which runs a kind's checks as the user types. */
export function checkTemplate(text: string, path: (string | number)[], v: ValidateCtx): void {
	const known = new Set([...STANDARD_TAGS, ...DEAL_TAGS, ...ACCOUNT_TAGS]);
	for (const f of v.catalog.fields.keys()) known.add(f.toUpperCase());
	for (const f of v.catalog.dealFields.keys()) known.add(`DEAL_${f.toUpperCase()}`);
	for (const f of v.catalog.accountFields.keys()) known.add(`ACCOUNT_${f.toUpperCase()}`);
	for (const tag of compileTemplate(text).tags)
		if (!known.has(tag))
			v.report('template.unknown_tag', `Personalization tag %${tag}% is unknown and will be empty.`, 'Pick a tag from the personalization menu (type %).', path, 'warning');
}
