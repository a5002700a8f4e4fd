/**
 * Keeps docs/format.md true to the code: rewrites its generated regions (the reference of every
 * step kind, trigger kind, condition, script event and expectation, from the registries and the
 * zod schemas) and emits docs/schema/{workspace,scenario}.schema.json with `z.toJSONSchema`.
 *
 *   node --import tsx scripts/gen-format-docs.ts          write the files
 *   node --import tsx scripts/gen-format-docs.ts --check  exit 1 when a file is out of date
 *
 * Prose lives in docs/format.md itself; only text between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->` is replaced. tests/unit/format/docs.test.ts fails when the files
 * are out of date.
 */
import { z } from 'zod';
import { STEP_KINDS } from '../src/lib/engine/steps/registry';
import type { StepKind } from '../src/lib/engine/steps/kind';
import { TRIGGER_KINDS } from '../src/lib/engine/triggers/registry';
import type { TriggerKind } from '../src/lib/engine/triggers/kind';
import { ScenarioFile, WorkspaceFile, ScriptEvent, Expectation, Responder, FORMAT_VERSION } from '../src/lib/engine/schema/file';
import { Condition, FieldOp, LeafCondition } from '../src/lib/engine/schema/conditions';
import { CmpOp, Duration, FieldValue, Id, Instant, TimeOfDay, ZoneRef } from '../src/lib/engine/schema/common';
import {
	AccountDef,
	ContactDef,
	ConversionDef,
	DealDef,
	EmailDef,
	FieldDef,
	FormDef,
	ListDef,
	NoteDef,
	PipelineDef,
	PlanDef,
	ScoringModelDef,
	TaskDef,
	UserDef
} from '../src/lib/engine/schema/workspace';
import { AutomationDef } from '../src/lib/engine/schema/automation';
import { TIER_NAMES, TIERS, unlockText, type Availability } from '../src/lib/engine/plans';
import { TRACE_CODE_NAMES } from '../src/lib/engine/core/trace';

// ---------------------------------------------------------------- JSON Schema

type Json = Record<string, any>;

/** Shared building blocks named in the JSON Schema files (and linked in the docs). */
function registry() {
	const reg = z.registry<{ id: string; description?: string }>();
	reg.add(Id, { id: 'Id', description: 'A user-chosen identifier: letters, digits, "_", "-", ".", ":" and "@".' });
	reg.add(Instant, { id: 'Instant', description: 'An ISO-8601 date ("2026-03-01") or instant with an offset ("2026-03-01T09:00:00Z").' });
	reg.add(TimeOfDay, { id: 'TimeOfDay', description: 'A time of day "HH:MM" on a 24-hour clock.' });
	reg.add(Duration, { id: 'Duration', description: 'A length of time as units: weeks, days, hours, minutes, seconds.' });
	reg.add(ZoneRef, { id: 'Zone', description: '"contact" (the contact\'s own time zone) or an IANA time zone such as "Europe/Paris".' });
	reg.add(FieldValue, { id: 'FieldValue', description: 'A field value: text, number, boolean, a list of texts (multi-select) or null.' });
	reg.add(Condition, { id: 'Condition', description: 'A segment condition: {"all": [...]}, {"any": [...]} or one leaf condition.' });
	return reg;
}

function jsonSchema(schema: z.ZodType, title: string, id: string): Json {
	const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', metadata: registry() }) as Json;
	const { $schema, ...rest } = out;
	return { $schema, $id: id, title, ...rest };
}

/** The two JSON Schema files. */
export function schemaFiles(): Record<string, string> {
	const ws = jsonSchema(WorkspaceFile, `Journey Studio workspace file, version ${FORMAT_VERSION}`, 'https://journey-studio.local/schema/workspace.schema.json');
	const sc = jsonSchema(ScenarioFile, `Journey Studio scenario file, version ${FORMAT_VERSION}`, 'https://journey-studio.local/schema/scenario.schema.json');
	return {
		'docs/schema/workspace.schema.json': JSON.stringify(ws, null, 2) + '\n',
		'docs/schema/scenario.schema.json': JSON.stringify(sc, null, 2) + '\n'
	};
}

// ---------------------------------------------------------------- rendering schemas as tables

const DEF_TEXT: Record<string, string> = {
	Id: 'id',
	Instant: '[instant](#times-and-durations)',
	TimeOfDay: '`"HH:MM"`',
	Duration: '[duration](#times-and-durations)',
	Zone: '[zone](#time-zones)',
	FieldValue: '[field value](#field-values)',
	Condition: '[condition](#conditions)'
};

/** Notes shown for common keys (the schemas carry no descriptions). */
const KEY_NOTES: Record<string, string> = {
	id: 'Unique among its siblings.',
	next: 'Id of the next step; absent or `null` ends the path here.',
	yes: 'Step taken when the conditions hold; absent or `null` ends the path.',
	no: 'Step taken otherwise; absent or `null` ends the path.',
	runs: '`"once"`: a contact enters through this trigger once ever; `"every"`: each time (at most 10 times in 24 hours).',
	filter: 'Only contacts meeting this condition enter.',
	timeout: 'How long the contact waits for the result.',
	onFailure: 'On an error or a timeout: continue down the path, or exit the automation.',
	zone: '`"contact"` uses the contact\'s time zone (or the workspace\'s).',
	conditions: 'Segment conditions.',
	triggers: 'See [Triggers](#triggers).',
	steps: 'See [Steps](#steps). The first step is the start unless `start` says otherwise.',
	script: 'See [Script events](#script-events).',
	responders: 'See [Responders](#responders).',
	expect: 'See [Expectations](#expectations).'
};

/** Notes of condition keys. */
const CONDITION_NOTES: Record<string, string> = {
	within: 'Only count activity within this period before now.',
	count: 'How many times, e.g. `{"op": "gte", "value": 3}`; default: at least once.',
	'count.op': '',
	'count.value': '',
	days: 'Number of days, for `within_last` / `within_next`.'
};

/** Notes of the workspace's top-level keys. */
const WORKSPACE_NOTES: Record<string, string> = {
	timeZone: 'Zone of contacts without one.',
	plan: 'See [`plan`](#plan); without it every step kind is available.',
	fields: 'Custom contact fields: see [fields](#fields-dealfields-accountfields).',
	dealFields: 'Custom deal fields.',
	accountFields: 'Custom account fields.',
	lists: 'See [`lists`](#lists).',
	tags: 'Known tags.',
	scoring: 'Scoring models: see [`scoring`](#scoring).',
	users: 'Team members (owners, notification recipients): see [`users`](#users).',
	pipelines: 'See [`pipelines`](#pipelines).',
	accounts: 'See [`accounts`](#accounts).',
	contacts: 'See [`contacts`](#contacts).',
	deals: 'See [`deals`](#deals).',
	emails: 'Email templates: see [`emails`](#emails).',
	conversions: 'See [`conversions`](#conversions).',
	forms: 'See [`forms`](#forms).',
	automations: 'See [Automations](#automations) and [`automations`](#automations-1).'
};

/** Notes of a responder's keys. */
const RESPONDER_NOTES: Record<string, string> = {
	kind: 'Effect kind to answer, e.g. `"ai.prompt"`.',
	step: 'Only answer effects of this step (its id).',
	after: 'Delay before the answer, e.g. `"+2s"`, `"+1m"`; default: at once.',
	ok: '`false` answers with an error.',
	value: 'The result; `{input}` is replaced by the effect\'s input text.',
	error: 'The error text when `ok` is `false`.'
};

/** How script event fields that are records are described. */
const SCRIPT_TYPES: Record<string, string> = {
	data: 'a [contact](#contacts) record',
	deal: 'a [deal](#deals) record',
	account: 'an [account](#accounts) record',
	changes: 'object with any of `title`, `value`, `currency`, `owner`, `pipeline`, `stage`, `status`, `score`, `fields`'
};

/** Notes of the scenario's top-level keys. */
const SCENARIO_NOTES: Record<string, string> = {
	start: 'The instant the virtual clock starts.',
	seed: 'Seed of every random draw (splits).',
	trace: 'Record the per-contact trace in the report.',
	workspace: 'A whole [workspace file](#workspace-files).',
	until: 'Instant, or offset after the last scripted event: see [Time in a scenario](#time-in-a-scenario).',
	description: 'Free text.'
};

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown) => '`' + JSON.stringify(v) + '`';

function refName(node: Json): string | null {
	return typeof node.$ref === 'string' ? node.$ref.replace('#/$defs/', '') : null;
}

function variantsOf(node: Json): { key: string; variants: Json[] } | null {
	const list = node.oneOf ?? node.anyOf;
	if (!Array.isArray(list) || list.length < 2) return null;
	if (!list.every((v: Json) => v.type === 'object' && v.properties)) return null;
	for (const key of Object.keys(list[0].properties)) if (list.every((v: Json) => v.properties[key]?.const !== undefined)) return { key, variants: list };
	return null;
}

/** Short type text of a JSON Schema node. */
function typeText(node: Json, defs: Json): string {
	const ref = refName(node);
	if (ref) return DEF_TEXT[ref] ?? typeText(defs[ref] ?? {}, defs);
	if (node.const !== undefined) return code(node.const);
	if (Array.isArray(node.enum)) return node.enum.map(code).join(' | ');
	const list = node.anyOf ?? node.oneOf;
	if (Array.isArray(list)) {
		const v = variantsOf(node);
		if (v) return `one of ${v.variants.length} kinds (by \`${v.key}\`)`;
		if (list.length > 1 && list.every((x: Json) => x.type === 'object' && x.properties)) return `one of ${list.length} forms`;
		return list.map((x: Json) => typeText(x, defs)).join(' or ');
	}
	if (Array.isArray(node.type)) return node.type.map((t: string) => typeText({ ...node, type: t }, defs)).join(' or ');
	switch (node.type) {
		case 'string': {
			if (node.pattern === '^([01]\\d|2[0-3]):[0-5]\\d$') return '`"HH:MM"`';
			if (node.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date `"YYYY-MM-DD"`';
			if (node.pattern === '^[A-Z]{3}$') return 'currency code (`"EUR"`)';
			return 'text';
		}
		case 'integer':
		case 'number': {
			const word = node.type === 'integer' ? 'integer' : 'number';
			const min = node.minimum !== undefined && node.minimum > -9e15 ? node.minimum : undefined;
			const lo = min ?? (node.exclusiveMinimum !== undefined ? `>${node.exclusiveMinimum}` : undefined);
			const hi = node.maximum !== undefined && node.maximum < 9e15 ? node.maximum : undefined;
			if (lo !== undefined && hi !== undefined) return `${word} ${lo}–${hi}`;
			if (lo !== undefined) return typeof lo === 'string' ? `${word} ${lo}` : `${word} ≥ ${lo}`;
			if (hi !== undefined) return `${word} ≤ ${hi}`;
			return word;
		}
		case 'boolean':
			return '`true` or `false`';
		case 'null':
			return '`null`';
		case 'array': {
			const it = node.items ? typeText(node.items, defs) : 'value';
			const n = node.minItems ? ` (at least ${node.minItems})` : '';
			return `list of ${it}${n}`;
		}
		case 'object':
			if (node.properties) return 'object';
			if (node.additionalProperties && typeof node.additionalProperties === 'object') return `map of key → ${typeText(node.additionalProperties, defs)}`;
			return 'object';
	}
	return 'any';
}

interface Row {
	key: string;
	type: string;
	required: boolean;
	notes: string;
}

/** Rows of an object's properties (nested objects flattened as `a.b`), plus variant tables to render after. */
function rows(node: Json, defs: Json, prefix = '', depth = 0, maxDepth = 3, notesFor: Record<string, string> = KEY_NOTES): { rows: Row[]; after: string[] } {
	const out: Row[] = [];
	const after: string[] = [];
	const required = new Set<string>(node.required ?? []);
	for (const [key, raw] of Object.entries<Json>(node.properties ?? {})) {
		const ref = refName(raw);
		const prop = ref && !DEF_TEXT[ref] ? (defs[ref] ?? raw) : raw;
		const notes: string[] = [];
		if (prop.default !== undefined) notes.push(`Default ${code(prop.default)}.`);
		const note = notesFor[prefix + key] ?? (key === 'id' && prefix ? undefined : notesFor[key]);
		if (note && !(key === 'conditions' && depth > 0)) notes.push(note);
		out.push({ key: prefix + key, type: typeText(raw, defs), required: required.has(key), notes: notes.join(' ') });
		const v = variantsOf(prop);
		if (v && depth < maxDepth) {
			for (const variant of v.variants) {
				const inner = rows(variant, defs, `${prefix}${key}.`, depth + 1, maxDepth, notesFor);
				after.push(`When \`${prefix}${key}.${v.key}\` is ${code(variant.properties[v.key].const)}:\n\n${table(inner.rows)}`, ...inner.after);
			}
			continue;
		}
		const nested = prop.type === 'object' && prop.properties ? prop : prop.type === 'array' && prop.items?.type === 'object' && prop.items.properties ? prop.items : null;
		if (nested && depth < maxDepth) {
			const inner = rows(nested, defs, `${prefix}${key}${prop.type === 'array' ? '[]' : ''}.`, depth + 1, maxDepth, notesFor);
			out.push(...inner.rows);
			after.push(...inner.after);
		}
	}
	return { rows: out, after };
}

function table(rs: Row[]): string {
	if (!rs.length) return '_(no settings)_\n';
	const lines = ['| Key | Type | Required | Notes |', '|---|---|---|---|'];
	for (const r of rs) lines.push(`| \`${r.key}\` | ${esc(r.type)} | ${r.required ? 'yes' : ''} | ${esc(r.notes)} |`);
	return lines.join('\n') + '\n';
}

function schemaOf(schema: z.ZodType): { node: Json; defs: Json } {
	const node = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', metadata: registry() }) as Json;
	return { node, defs: node.$defs ?? {} };
}

/** The settings table of an object schema, followed by its variant tables. */
function objectDoc(schema: z.ZodType, maxDepth = 3, notes: Record<string, string> = {}): string {
	const { node, defs } = schemaOf(schema);
	const r = rows(node, defs, '', 0, maxDepth, { ...KEY_NOTES, ...notes });
	return [table(r.rows), ...r.after].join('\n');
}

// ---------------------------------------------------------------- examples

/** Hand-written examples; a kind without one gets an example made from its schema. */
const STEP_EXAMPLES: Record<string, Json> = {
	'email.send': { id: 'send-welcome', kind: 'email.send', email: 'welcome', next: 'wait-2d' },
	wait: { id: 'wait-2d', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'opened' },
	'list.subscribe': { id: 'join-customers', kind: 'list.subscribe', list: 'customers', next: 'thanks' },
	'list.unsubscribe': { id: 'leave-newsletter', kind: 'list.unsubscribe', list: 'newsletter' },
	'tag.add': { id: 'tag-vip', kind: 'tag.add', tag: 'vip', next: 'notify' },
	'tag.remove': { id: 'untag-trial', kind: 'tag.remove', tag: 'trial' },
	if_else: { id: 'opened', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'welcome' }, yes: 'send-guide', no: 'send-again' },
	goto: { id: 'try-again', kind: 'goto', target: 'send-reminder' },
	goal: { id: 'purchased', kind: 'goal', label: 'Purchased', conditions: { kind: 'conversion', op: 'made', conversion: 'order' }, ifUnmet: 'end', next: 'thank' },
	split: {
		id: 'subject-test',
		kind: 'split',
		mode: 'percent',
		paths: [
			{ label: 'A', percent: 50, next: 'send-a' },
			{ label: 'B', percent: 50, next: 'send-b' }
		]
	},
	'automation.start': { id: 'start-onboarding', kind: 'automation.start', automation: 'onboarding', next: 'done' },
	'automation.end_other': { id: 'stop-nurture', kind: 'automation.end_other', automation: 'nurture', next: 'tag-customer' },
	'automation.end_this': { id: 'done', kind: 'automation.end_this' },
	'score.adjust': { id: 'plus-10', kind: 'score.adjust', model: 'engagement', op: 'add', value: 10, next: 'check-score' },
	'deal.add': { id: 'create-deal', kind: 'deal.add', pipeline: 'sales', stage: 'new', title: '%FIRSTNAME% %LASTNAME% — inbound', value: 5000, currency: 'EUR', owner: 'sam', next: 'notify-owner' },
	'note.add': { id: 'note', kind: 'note.add', text: 'Asked for a demo on the pricing page.', next: 'notify' },
	'sms.send': { id: 'sms-reminder', kind: 'sms.send', message: 'Hi %FIRSTNAME%, your appointment is tomorrow at 10:00. Reply STOP to opt out.' },
	webhook: { id: 'post-crm', kind: 'webhook', url: 'https://hooks.example.com/journey', next: 'wait-1d' },
	'contact.update': { id: 'set-plan', kind: 'contact.update', updates: [{ field: 'plan', value: 'pro' }], next: 'tag-pro' },
	'notification.internal': { id: 'notify-sales', kind: 'notification.internal', to: 'sam@example.com', subject: 'Hot lead: %FIRSTNAME% %LASTNAME%', body: '%EMAIL% just asked for a demo.', next: 'wait-1d' },
	'email.transactional': { id: 'receipt', kind: 'email.transactional', email: 'receipt', next: 'wait-1d' },
	'deal.update_stage': { id: 'to-demo', kind: 'deal.update_stage', pipeline: 'sales', stage: 'demo', next: 'notify' },
	'format.math': { id: 'add-points', kind: 'format.math', op: 'add', operand: { value: 10 }, from: { field: 'points' }, to: { field: 'points' }, next: 'check' },
	'ai.prompt': { id: 'summarize-feedback', kind: 'ai.prompt', source: 'feedback', task: 'summarize', output: 'feedback_summary', timeout: { minutes: 2 }, onFailure: 'continue', next: 'route' }
};

const TRIGGER_EXAMPLES: Record<string, Json> = {
	'list.subscribed': { id: 'joined', kind: 'list.subscribed', list: 'newsletter', runs: 'once' },
	'list.unsubscribed': { id: 'left', kind: 'list.unsubscribed', list: 'newsletter', runs: 'every' },
	'form.submitted': { id: 'demo-form', kind: 'form.submitted', form: 'demo-request', runs: 'every' },
	'email.opened': { id: 'opened-launch', kind: 'email.opened', email: 'launch', runs: 'once' },
	'email.clicked': { id: 'clicked-pricing', kind: 'email.clicked', email: 'launch', link: 'https://example.com/pricing*', runs: 'once' },
	'email.replied': { id: 'replied', kind: 'email.replied', email: 'check-in', runs: 'every' },
	'email.forwarded': { id: 'forwarded', kind: 'email.forwarded', runs: 'once' },
	'tag.added': { id: 'tagged-vip', kind: 'tag.added', tag: 'vip', runs: 'once' },
	'tag.removed': { id: 'untagged-trial', kind: 'tag.removed', tag: 'trial', runs: 'once' },
	'field.changed': { id: 'plan-changed', kind: 'field.changed', field: 'plan', from: 'free', to: 'pro', runs: 'every' },
	'date.based': { id: 'birthday', kind: 'date.based', field: 'birthday', when: 'on', recurrence: 'yearly', time: '09:00', zone: 'contact', runs: 'every' },
	'page.visited': { id: 'pricing', kind: 'page.visited', url: 'https://example.com/pricing*', runs: 'every' },
	'event.recorded': { id: 'cart', kind: 'event.recorded', name: 'cart_abandoned', value: { op: 'gt', value: 50 }, runs: 'every' },
	'score.changed': { id: 'hot-lead', kind: 'score.changed', model: 'engagement', direction: 'above', threshold: 50, runs: 'once', filter: { kind: 'tag', op: 'has_not', tag: 'customer' } },
	'goal.achieved': { id: 'onboarded', kind: 'goal.achieved', automation: 'onboarding', goal: 'activated', runs: 'once' },
	'goal.skipped': { id: 'missed-activation', kind: 'goal.skipped', automation: 'onboarding', goal: 'activated', runs: 'once' },
	'deal.entered_pipeline': { id: 'new-deal', kind: 'deal.entered_pipeline', pipeline: 'sales', stage: 'new', runs: 'every' },
	'deal.stage_changed': { id: 'to-demo', kind: 'deal.stage_changed', pipeline: 'sales', to: 'demo', runs: 'every' },
	'deal.status_changed': { id: 'won', kind: 'deal.status_changed', pipeline: 'sales', to: 'won', runs: 'every' },
	'deal.task_completed': { id: 'call-done', kind: 'deal.task_completed', pipeline: 'sales', taskType: 'call', runs: 'every' },
	'conversion.made': { id: 'ordered', kind: 'conversion.made', conversion: 'order', runs: 'every' },
	'sms.replied': { id: 'sms-yes', kind: 'sms.replied', contains: 'yes', runs: 'every' },
	'automation.started': { id: 'from-welcome', kind: 'automation.started', from: 'welcome', runs: 'once' },
	manual: { id: 'by-hand', kind: 'manual', runs: 'once' }
};

const CONDITION_EXAMPLES: Record<string, Json> = {
	field: { kind: 'field', field: 'plan', op: 'eq', value: 'pro' },
	tag: { kind: 'tag', op: 'has', tag: 'vip' },
	list: { kind: 'list', op: 'is', list: 'newsletter', status: 'active' },
	score: { kind: 'score', model: 'engagement', op: 'gte', value: 50 },
	action: { kind: 'action', action: 'clicked', op: 'has', email: 'launch', count: { op: 'gte', value: 2 }, within: { days: 30 } },
	automation: { kind: 'automation', op: 'achieved_goal', automation: 'onboarding', goal: 'activated' },
	site: { kind: 'site', op: 'visited', url: 'https://example.com/pricing*', within: { days: 7 } },
	event: { kind: 'event', op: 'recorded', name: 'cart_abandoned', value: { op: 'gt', value: 100 } },
	deal: { kind: 'deal', op: 'has', pipeline: 'sales', stage: 'demo', status: 'open' },
	account: { kind: 'account', field: 'industry', op: 'eq', value: 'Retail' },
	conversion: { kind: 'conversion', op: 'made', conversion: 'order', within: { days: 90 } },
	time: { kind: 'time', part: 'day_of_week', op: 'in', value: [1, 2, 3, 4, 5], zone: 'contact' }
};

/** A plausible value for a JSON Schema node (used when a kind has no hand-written example). */
function sample(node: Json, defs: Json, key: string): unknown {
	const ref = refName(node);
	if (ref === 'Id') return key === 'id' ? 'step-1' : `my-${key.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
	if (ref === 'Duration') return { days: 1 };
	if (ref === 'Condition') return { kind: 'tag', op: 'has', tag: 'vip' };
	if (ref === 'Zone') return 'contact';
	if (ref === 'TimeOfDay') return '09:00';
	if (ref === 'Instant') return '2026-03-02T09:00:00Z';
	if (ref === 'FieldValue') return 'value';
	if (ref) return sample(defs[ref] ?? {}, defs, key);
	if (node.const !== undefined) return node.const;
	if (Array.isArray(node.enum)) return node.enum[0];
	const list = node.anyOf ?? node.oneOf;
	if (Array.isArray(list)) return sample(list.find((x: Json) => x.type !== 'null') ?? list[0], defs, key);
	switch (node.type) {
		case 'string':
			if (node.pattern === '^([01]\\d|2[0-3]):[0-5]\\d$') return '09:00';
			if (node.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return '2026-03-02';
			if (node.pattern === '^[A-Z]{3}$') return 'EUR';
			return key === 'url' ? 'https://example.com/hook' : `${key} text`;
		case 'integer':
		case 'number':
			return node.minimum !== undefined && node.minimum > 0 ? node.minimum : 1;
		case 'boolean':
			return true;
		case 'array':
			return Array.from({ length: Math.max(1, node.minItems ?? 1) }, () => sample(node.items ?? {}, defs, key.replace(/s$/, '')));
		case 'object': {
			if (!node.properties) return {};
			const out: Json = {};
			const req = new Set<string>(node.required ?? []);
			for (const [k, v] of Object.entries<Json>(node.properties)) if (req.has(k)) out[k] = sample(v, defs, k);
			return out;
		}
	}
	return null;
}

/** The example of a kind: hand-written when valid, else made from the schema when valid, else null. */
export function exampleFor(schema: z.ZodType, curated: Json | undefined, kind: string): { example: Json | null; curatedInvalid: boolean } {
	if (curated && schema.safeParse(curated).success) return { example: curated, curatedInvalid: false };
	const { node, defs } = schemaOf(schema);
	const made = sample(node, defs, 'id') as Json;
	if (made && typeof made === 'object') {
		made.id = `${kind.replace(/[^a-z0-9]+/gi, '-')}-1`;
		if (node.properties?.next) made.next = 'next-step';
	}
	return { example: schema.safeParse(made).success ? made : null, curatedInvalid: !!curated };
}

// ---------------------------------------------------------------- sections

function plansText(a: Availability): string {
	if ('from' in a) return TIERS.slice(TIERS.indexOf(a.from)).map((t) => TIER_NAMES[t]).join(', ');
	return `with ${unlockText(a)}`;
}

/** JSON on one line with spaces, as people write it. */
function flat(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(flat).join(', ')}]`;
	if (v && typeof v === 'object') {
		const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${flat(x)}`);
		return parts.length ? `{ ${parts.join(', ')} }` : '{}';
	}
	return JSON.stringify(v);
}

/** JSON indented only where a line would be too long. */
function compactJson(v: unknown, indent = ''): string {
	const one = flat(v);
	if (indent.length + one.length <= 96 || v === null || typeof v !== 'object') return one;
	const inner = indent + '  ';
	if (Array.isArray(v)) return `[\n${v.map((x) => inner + compactJson(x, inner)).join(',\n')}\n${indent}]`;
	const parts = Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${compactJson(x, inner)}`);
	return `{\n${parts.join(',\n')}\n${indent}}`;
}

function jsonBlock(v: unknown): string {
	return '```json\n' + compactJson(v) + '\n```\n';
}

const anchor = (kind: string) => kind.replace(/[^a-z0-9_-]/gi, '').toLowerCase();

function stepsSection(): string {
	const out: string[] = [];
	out.push('| Kind | Title | Plans | What it does |', '|---|---|---|---|');
	for (const k of STEP_KINDS as readonly StepKind[]) out.push(`| [\`${k.kind}\`](#step-${anchor(k.kind)}) | ${esc(k.title)} | ${esc(plansText(k.plans))} | ${esc(k.summary)} |`);
	out.push('');
	for (const k of STEP_KINDS as readonly StepKind[]) {
		out.push(`<a id="step-${anchor(k.kind)}"></a>`, '', `#### \`${k.kind}\` — ${k.title}`, '', `${k.summary}`, '', `Plans: ${plansText(k.plans)}. Palette group: ${k.group}.`, '');
		out.push(objectDoc(k.schema as z.ZodType));
		const ex = exampleFor(k.schema as z.ZodType, STEP_EXAMPLES[k.kind], k.kind).example;
		if (ex) out.push('Example:', '', jsonBlock(ex));
	}
	return out.join('\n');
}

function triggersSection(): string {
	const out: string[] = [];
	out.push('| Kind | Title | Group | When it fires |', '|---|---|---|---|');
	for (const k of TRIGGER_KINDS as readonly TriggerKind<any>[]) out.push(`| [\`${k.kind}\`](#trigger-${anchor(k.kind)}) | ${esc(k.title)} | ${k.group} | ${esc(k.summary)} |`);
	out.push('');
	for (const k of TRIGGER_KINDS as readonly TriggerKind<any>[]) {
		out.push(`<a id="trigger-${anchor(k.kind)}"></a>`, '', `#### \`${k.kind}\` — ${k.title}`, '', k.summary, '');
		out.push(objectDoc(k.schema as z.ZodType));
		const ex = exampleFor(k.schema as z.ZodType, TRIGGER_EXAMPLES[k.kind], k.kind).example;
		if (ex) out.push('Example:', '', jsonBlock(ex));
	}
	return out.join('\n');
}

function optionsOf(schema: z.ZodType): z.ZodType[] {
	return ((schema as unknown as { _zod: { def: { options: z.ZodType[] } } })._zod.def.options ?? []) as z.ZodType[];
}

function literalOf(schema: z.ZodType, key: string): string {
	const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
	const def = (shape[key] as unknown as { _zod: { def: { values: unknown[] } } })._zod.def;
	return String(def.values[0]);
}

function conditionsSection(): string {
	const out: string[] = [];
	for (const leaf of optionsOf(LeafCondition as unknown as z.ZodType)) {
		const kind = literalOf(leaf, 'kind');
		out.push(`#### \`${kind}\``, '', objectDoc(leaf, 3, CONDITION_NOTES));
		if (CONDITION_EXAMPLES[kind] && leaf.safeParse(CONDITION_EXAMPLES[kind]).success) out.push('Example:', '', jsonBlock(CONDITION_EXAMPLES[kind]));
	}
	return out.join('\n');
}

function scriptSection(): string {
	const out: string[] = ['| Event | Fields besides `at` |', '|---|---|'];
	const opts = optionsOf(ScriptEvent as unknown as z.ZodType);
	for (const o of opts) {
		const { node, defs } = schemaOf(o);
		const req = new Set<string>(node.required ?? []);
		const fields = Object.entries<Json>(node.properties ?? {})
			.filter(([k]) => k !== 'at' && k !== 'event')
			.map(([k, v]) => {
				const t = typeText(v, defs);
				return `\`${k}\`${req.has(k) ? '' : '?'}: ${t === 'object' && SCRIPT_TYPES[k] ? SCRIPT_TYPES[k] : t}`;
			});
		out.push(`| \`${literalOf(o, 'event')}\` | ${esc(fields.join('; ') || '—')} |`);
	}
	return out.join('\n') + '\n';
}

function expectSection(): string {
	const names = ['Contact state', 'Step counts', 'Outbox'];
	return optionsOf(Expectation as unknown as z.ZodType)
		.map((o, i) => `**${names[i] ?? `Form ${i + 1}`}**\n\n${objectDoc(o)}`)
		.join('\n');
}

function workspaceSection(): string {
	return objectDoc(WorkspaceFile as unknown as z.ZodType, 0, WORKSPACE_NOTES);
}

function recordsSection(): string {
	const recs: [string, z.ZodType][] = [
		['fields, dealFields, accountFields', FieldDef],
		['lists', ListDef],
		['scoring', ScoringModelDef],
		['users', UserDef],
		['pipelines', PipelineDef],
		['accounts', AccountDef],
		['contacts', ContactDef],
		['deals', DealDef],
		['deals[].tasks', TaskDef],
		['notes (deals, accounts)', NoteDef],
		['emails', EmailDef],
		['conversions', ConversionDef],
		['forms', FormDef],
		['plan', PlanDef],
		['automations', AutomationDef as unknown as z.ZodType]
	];
	return recs.map(([name, s]) => `#### \`${name}\`\n\n${objectDoc(s, name === 'automations' || name === 'deals' ? 0 : 3)}`).join('\n');
}

function scenarioSection(): string {
	return objectDoc(ScenarioFile as unknown as z.ZodType, 0, SCENARIO_NOTES);
}

function respondersSection(): string {
	return objectDoc(Responder as unknown as z.ZodType, 3, RESPONDER_NOTES);
}

function traceCodesSection(): string {
	return TRACE_CODE_NAMES.map((c) => `\`${c}\``).join(', ') + '\n';
}

function operatorsSection(): string {
	const list = (xs: readonly string[]) => xs.map((o) => `\`${o}\``).join(', ');
	return [
		`- Field operators (\`field\`, \`account\`, deal fields, event values): ${list(FieldOp.options)}.`,
		`- Comparison operators (counts, scores, times): ${list(CmpOp.options)}.`
	].join('\n') + '\n';
}

/** Generated regions of docs/format.md by name. */
export function regions(): Record<string, string> {
	return {
		version: `Format version: **${FORMAT_VERSION}** (\`"version": ${FORMAT_VERSION}\`).\n`,
		workspace: workspaceSection(),
		records: recordsSection(),
		conditions: conditionsSection(),
		operators: operatorsSection(),
		triggers: triggersSection(),
		steps: stepsSection(),
		scenario: scenarioSection(),
		script: scriptSection(),
		responders: respondersSection(),
		expect: expectSection(),
		'trace-codes': traceCodesSection()
	};
}

/** `md` with every generated region replaced; throws when a region marker is missing or unknown. */
export function fillRegions(md: string, values: Record<string, string> = regions()): string {
	const seen = new Set<string>();
	const out = md.replace(/<!-- generated:([a-z-]+) -->\n[\s\S]*?<!-- \/generated:\1 -->/g, (_m, name: string) => {
		if (!(name in values)) throw new Error(`docs/format.md: unknown generated region "${name}"`);
		seen.add(name);
		return `<!-- generated:${name} -->\n${values[name].trimEnd()}\n<!-- /generated:${name} -->`;
	});
	const missing = Object.keys(values).filter((n) => !seen.has(n));
	if (missing.length) throw new Error(`docs/format.md: missing generated region(s) ${missing.join(', ')}`);
	return out;
}

/** Every generated file's expected content, given the current docs/format.md. */
export function generateFiles(currentFormatMd: string): Record<string, string> {
	return { 'docs/format.md': fillRegions(currentFormatMd), ...schemaFiles() };
}

/** Hand-written examples that no longer match their kind's schema (kinds that exist only). */
export function staleExamples(): string[] {
	const out: string[] = [];
	for (const k of STEP_KINDS as readonly StepKind[]) {
		const ex = STEP_EXAMPLES[k.kind];
		if (ex && !(k.schema as z.ZodType).safeParse(ex).success) out.push(`step ${k.kind}`);
	}
	for (const k of TRIGGER_KINDS as readonly TriggerKind<any>[]) {
		const ex = TRIGGER_EXAMPLES[k.kind];
		if (ex && !(k.schema as z.ZodType).safeParse(ex).success) out.push(`trigger ${k.kind}`);
	}
	for (const leaf of optionsOf(LeafCondition as unknown as z.ZodType)) {
		const kind = literalOf(leaf, 'kind');
		if (CONDITION_EXAMPLES[kind] && !leaf.safeParse(CONDITION_EXAMPLES[kind]).success) out.push(`condition ${kind}`);
	}
	return out;
}

// ---------------------------------------------------------------- command line

interface NodeFs {
	readFileSync(p: string, enc: 'utf8'): string;
	writeFileSync(p: string, data: string): void;
	existsSync(p: string): boolean;
	mkdirSync(p: string, o: { recursive: boolean }): void;
}

async function main(argv: string[]): Promise<number> {
	const fs = (await import(/* @vite-ignore */ 'node:fs' as string)) as NodeFs;
	const check = argv.includes('--check');
	const current = fs.readFileSync('docs/format.md', 'utf8');
	const files = generateFiles(current);
	for (const s of staleExamples()) process.stderr.write(`warning: the hand-written example of ${s} does not match its schema; using one made from the schema\n`);
	let stale = 0;
	for (const [path, text] of Object.entries(files)) {
		const old = fs.existsSync(path) ? fs.readFileSync(path, 'utf8') : null;
		if (old === text) continue;
		stale++;
		if (check) process.stderr.write(`${path} is out of date\n`);
		else {
			fs.mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
			fs.writeFileSync(path, text);
			process.stderr.write(`wrote ${path}\n`);
		}
	}
	if (check && stale) process.stderr.write('run: node --import tsx scripts/gen-format-docs.ts\n');
	return check && stale ? 1 : 0;
}

declare const process: { argv: string[]; exitCode?: number; stderr: { write(s: string): void } };
const invoked = typeof process !== 'undefined' && /gen-format-docs\.ts$/.test(process.argv[1] ?? '');
if (invoked)
	main(process.argv.slice(2)).then(
		(code) => (process.exitCode = code),
		(err) => {
			process.stderr.write(`internal error: ${(err as Error)?.message ?? String(err)}\n`);
			process.exitCode = 3;
		}
	);
