/**
 * Validation as the user types: the kind's zod schema (issues mapped to field paths) and, when the
 * schema passes, the kind's own engine checks run against the catalogue view; plus the engine
 * diagnostics the builder passes in (paths made relative to the item). Pure; no Svelte.
 */
import type { z } from 'zod';
import type { Diagnostic } from '$lib/engine/diagnostics';
import type { ValidateCtx } from '$lib/engine/steps/kind';
import type { Catalog } from '$lib/engine/world';
import { stepKinds } from '$lib/engine/steps/registry';
import { triggerKinds } from '$lib/engine/triggers/registry';
import { checkCondition, checkField, checkTemplate } from '$lib/engine/validate';
import type { Condition } from '$lib/engine/schema/conditions';
import type { CatalogView, InspectorContext, InspectorItem } from './context';

export type Path = (string | number)[];

/** Why a schema value is refused, independent of the language. */
export type SchemaProblem = 'required' | 'min' | 'max' | 'minItems' | 'maxItems' | 'minLength' | 'maxLength' | 'int' | 'format' | 'option' | 'unknownKey' | 'invalid';

/** A problem shown at a field. */
export interface FieldIssue {
	path: Path;
	/** "schema.<problem>" for schema issues, else the engine's diagnostic code. */
	code: string;
	severity: 'error' | 'warning';
	/** English text (the engine's message, or zod's). */
	message: string;
	help?: string;
	/** Values for the localized text (min, max, format…). */
	params?: Record<string, string | number>;
}

/** Dotted key of a path ("paths.1.percent"). */
export function pathKey(path: readonly (string | number)[]): string {
	return path.map(String).join('.');
}

type ZIssue = z.core.$ZodIssue;

/** Issues of a value against a schema, unions resolved to the closest branch, with field paths. */
export function schemaIssues(schema: z.ZodType, value: unknown): FieldIssue[] {
	const res = schema.safeParse(value);
	if (res.success) return [];
	const out: FieldIssue[] = [];
	const walk = (issues: readonly ZIssue[], base: Path) => {
		for (const iss of issues) {
			const path = [...base, ...(iss.path as Path)];
			if (iss.code === 'invalid_union' && 'errors' in iss && iss.errors.length && !('discriminator' in iss && iss.discriminator)) {
				walk(closestBranch(iss.errors), path);
				continue;
			}
			out.push({ path, ...classify(iss) });
		}
	};
	walk(res.error.issues, []);
	return out;
}

/** The union branch that got furthest: deepest issue path, then fewest issues. */
function closestBranch(branches: ZIssue[][]): ZIssue[] {
	let best = branches[0];
	let bestScore = -Infinity;
	for (const b of branches) {
		const score = Math.max(0, ...b.map((x) => x.path.length)) - b.length * 0.01;
		if (score > bestScore) {
			bestScore = score;
			best = b;
		}
	}
	return best;
}

function classify(iss: ZIssue): Omit<FieldIssue, 'path'> {
	const base = { severity: 'error' as const, message: iss.message };
	const problem = (p: SchemaProblem, params?: FieldIssue['params']) => ({ ...base, code: `schema.${p}`, ...(params ? { params } : {}) });
	switch (iss.code) {
		case 'invalid_type':
			return problem(iss.message.includes('received undefined') || iss.message.includes('received null') ? 'required' : 'invalid');
		case 'too_small': {
			const min = Number(iss.minimum);
			if (iss.origin === 'string') return problem(min <= 1 ? 'required' : 'minLength', { min });
			if (iss.origin === 'array') return problem('minItems', { min });
			return problem('min', { min });
		}
		case 'too_big': {
			const max = Number(iss.maximum);
			if (iss.origin === 'string') return problem('maxLength', { max });
			if (iss.origin === 'array') return problem('maxItems', { max });
			return problem('max', { max });
		}
		case 'invalid_format':
			return problem('format', { format: formatName(iss.message) });
		case 'invalid_value':
			return problem('option');
		case 'unrecognized_keys':
			return problem('unknownKey', { keys: iss.keys.join(', ') });
		case 'not_multiple_of':
			return problem('int');
		case 'custom':
			return problem('format', { format: formatName(iss.message) });
		default:
			return problem('invalid');
	}
}

/** Which format a pattern message names (for a localized hint). */
function formatName(message: string): string {
	if (message.includes('HH:MM')) return 'time';
	if (message.includes('YYYY-MM-DD') || message.includes('ISO date')) return 'date';
	if (message.includes('currency')) return 'currency';
	if (message.includes('country')) return 'country';
	if (message.includes('Salesforce')) return 'salesforceField';
	if (message.includes('IANA')) return 'zone';
	if (message.includes('letters, digits')) return 'id';
	if (message.includes('snake_case')) return 'key';
	return 'other';
}

/** An engine Catalog built from the view (bodies are not in the view: template checks see subjects only). */
export function catalogFromView(v: CatalogView): Catalog {
	const custom = (fs: CatalogView['fields']['contact']) => new Map(fs.filter((f) => !f.standard).map((f) => [f.key, { key: f.key, label: f.label, type: f.type, ...(f.options ? { options: f.options } : {}) }]));
	return {
		lists: new Map(v.lists.map((l) => [l.id, l])),
		fields: custom(v.fields.contact),
		dealFields: custom(v.fields.deal),
		accountFields: custom(v.fields.account),
		users: new Map(v.users.map((u) => [u.id, u])),
		pipelines: new Map(v.pipelines.map((p) => [p.id, p])),
		scoring: new Map(v.scoring.map((s) => [s.id, s])),
		emails: new Map(v.emails.map((m) => [m.id, { ...m, body: '' }])),
		conversions: new Map(v.conversions.map((c) => [c.id, c])),
		forms: new Map(v.forms.map((f) => [f.id, f])),
		tags: new Set(v.tags)
	};
}

const catalogs = new WeakMap<CatalogView, Catalog>();

/** A validation context over the inspector's context, collecting reports. */
function validateCtx(ctx: InspectorContext, out: FieldIssue[]): ValidateCtx {
	let catalog = catalogs.get(ctx.catalog);
	if (!catalog) catalogs.set(ctx.catalog, (catalog = catalogFromView(ctx.catalog)));
	const automations: ValidateCtx['automations'] = new Map();
	for (const a of ctx.catalog.automations)
		if (a.id !== ctx.automationId) automations.set(a.id, { name: a.name, steps: new Set(a.steps.map((s) => s.id)), goals: new Set(a.goals.map((g) => g.id)) });
	automations.set(ctx.automationId, { name: '', steps: new Set(ctx.steps.map((s) => s.id)), goals: new Set(ctx.steps.filter((s) => s.kind === 'goal').map((s) => s.id)) });
	const v: ValidateCtx = {
		catalog,
		automations,
		steps: new Set(ctx.steps.map((s) => s.id)),
		triggers: ctx.triggers,
		report: (code, message, help, path = [], severity = 'error') => out.push({ code, message, help, path, severity }),
		condition: (cond: Condition, path) => checkCondition(cond, path, v),
		template: (text, path) => checkTemplate(text, path, v),
		field: (field, path, types) => checkField(field, path, v, types)
	};
	return v;
}

/** Every problem of an item as typed: schema issues, else the kind's engine checks. */
export function itemIssues(item: InspectorItem, ctx: InspectorContext): FieldIssue[] {
	if (item.type === 'automation') return automationIssues(item.def);
	const kind = item.type === 'step' ? stepKinds.get(item.def.kind) : triggerKinds.get(item.def.kind);
	if (!kind) return [{ path: ['kind'], code: 'step.unknown_kind', severity: 'error', message: `Kind "${item.def.kind}" does not exist.` }];
	const schemaOut = schemaIssues(kind.schema, item.def);
	if (schemaOut.length) return schemaOut;
	const out: FieldIssue[] = [];
	const v = validateCtx(ctx, out);
	const parsed = kind.schema.parse(item.def);
	kind.validate?.(parsed as never, v);
	if (item.type === 'step' && item.def.kind === 'goto' && item.def.target && !v.steps.has(String(item.def.target)))
		out.push({ path: ['target'], code: 'goto.dangling', severity: 'error', message: `Step "${String(item.def.target)}" does not exist.`, help: 'Pick an existing step as the go-to target.' });
	if (item.type === 'trigger' && item.def.filter) v.condition(item.def.filter, ['filter']);
	return out;
}

function automationIssues(def: { name?: string }): FieldIssue[] {
	return def.name?.trim() ? [] : [{ path: ['name'], code: 'schema.required', severity: 'error', message: 'is required' }];
}

/** Engine diagnostics about one item, with paths relative to the item (["steps", 3, …] stripped). */
export function diagnosticIssues(ds: readonly Diagnostic[]): FieldIssue[] {
	return ds.map((d) => {
		const p = d.path ?? [];
		const rel = (p[0] === 'steps' || p[0] === 'triggers') && typeof p[1] === 'number' ? p.slice(2) : p;
		return { path: rel, code: d.code, severity: d.severity, message: d.message, help: d.help };
	});
}

/** Issues without duplicates (same code, path and message). */
export function mergeIssues(...lists: FieldIssue[][]): FieldIssue[] {
	const seen = new Set<string>();
	const out: FieldIssue[] = [];
	for (const list of lists)
		for (const i of list) {
			const k = `${i.code}|${pathKey(i.path)}|${i.message}`;
			if (seen.has(k)) continue;
			seen.add(k);
			out.push(i);
		}
	return out;
}

/** Lookup of issues by field path. */
export class IssueIndex {
	constructor(readonly all: readonly FieldIssue[]) {}

	/** Issues exactly at `path` (or anywhere under it when `deep`). */
	at(path: Path | string, deep = false): FieldIssue[] {
		const key = typeof path === 'string' ? path : pathKey(path);
		return this.all.filter((i) => {
			const k = pathKey(i.path);
			return k === key || (deep && (key === '' || k.startsWith(key + '.')));
		});
	}

	/** Issues under `base`, with paths made relative to it (for nested editors such as conditions). */
	under(base: Path): IssueIndex {
		const key = pathKey(base);
		return new IssueIndex(this.all.filter((i) => pathKey(i.path) === key || pathKey(i.path).startsWith(key + '.')).map((i) => ({ ...i, path: i.path.slice(base.length) })));
	}

	get errors(): number {
		return this.all.filter((i) => i.severity === 'error').length;
	}
}
