/**
 * Validation: every diagnostic code names the offending step (or trigger), carries one sentence of
 * help, and errors block publishing while warnings do not.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/engine/diagnostics';
import type { Engine } from '../../../src/lib/engine/engine';
import { STEP_KINDS } from '../../../src/lib/engine/steps/registry';
import { engineWith, T0 } from './helpers';

const catalog = {
	lists: [{ id: 'news', name: 'News' }],
	emails: [
		{ id: 'e1', name: 'E1', subject: 'Hi %FIRSTNAME%', body: '<p>%PLAN% %DEAL_TITLE% %ACCOUNT_NAME%</p>' },
		{ id: 'e2', name: 'E2', subject: 'Hi %FIRSTNAME%', body: '<p>%FAVOURITE_COLOUR%</p>' }
	],
	fields: [
		{ key: 'birthday', label: 'Birthday', type: 'date' },
		{ key: 'plan', label: 'Plan', type: 'text' }
	],
	scoring: [{ id: 'engagement', name: 'Engagement' }],
	pipelines: [{ id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }] }],
	conversions: [{ id: 'trial', name: 'Trial' }],
	forms: [{ id: 'signup', name: 'Signup' }],
	automations: [{ id: 'other', name: 'Other', status: 'draft', triggers: [], steps: [{ id: 'g1', kind: 'goal', conditions: { all: [] } }] }]
};
const engines = new Map<string, Engine>();
const engine = (tier = 'enterprise') => {
	let e = engines.get(tier);
	if (!e) engines.set(tier, (e = engineWith({ ...catalog, plan: { tier, addons: [] } })));
	return e;
};
const manual = [{ id: 'm', kind: 'manual', runs: 'every' }];
const def = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'a', name: 'A', status: 'active', entry: 'multiple', triggers: manual, steps, ...extra });
const validate = (d: unknown, tier?: string) => engine(tier).validate(d as never);
const tag = (id: string, next?: string) => ({ id, kind: 'tag.add', tag: id, ...(next ? { next } : {}) });
const has = { kind: 'tag', op: 'has', tag: 'x' };
const ifElse = (conditions: unknown) => ({ id: 's', kind: 'if_else', conditions });
const goal = (conditions: unknown) => ({ id: 's', kind: 'goal', conditions });

/** One sentence: starts with a capital (or a quote/tag), ends with one full stop, no sentence break inside. */
function isOneSentence(text: string): boolean {
	return /^["%A-Z]/.test(text) && /[.!?]$/.test(text) && !/[.!?]\s+[A-Z]/.test(text.slice(0, -1));
}

function expectWellFormed(d: Diagnostic): void {
	expect(d.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
	expect(d.message.length).toBeGreaterThan(10);
	expect(isOneSentence(d.help), `help of ${d.code}: "${d.help}"`).toBe(true);
	expect(Array.isArray(d.path)).toBe(true);
}

type Row = { code: string; def: unknown; step?: string; trigger?: string; severity?: 'error' | 'warning'; tier?: string; path?: (string | number)[] };
const rows: Row[] = [
	// Graph.
	{ code: 'edge.dangling', def: def([tag('t', 'nope')]), step: 't', path: ['steps', 0, 'next'] },
	{ code: 'edge.dangling', def: def([{ id: 'if', kind: 'if_else', conditions: has, yes: 'nope' }]), step: 'if', path: ['steps', 0, 'yes'] },
	{ code: 'goto.dangling', def: def([{ id: 'g', kind: 'goto', target: 'nope' }]), step: 'g' },
	{ code: 'goto.self', def: def([{ id: 'g', kind: 'goto', target: 'g' }]), step: 'g' },
	{ code: 'step.unreachable', def: def([tag('t'), tag('orphan')]), step: 'orphan', severity: 'warning' },
	{ code: 'edge.cycle', def: def([tag('a', 'b'), tag('b', 'a')]), step: 'a' },
	{ code: 'goto.loop_without_wait', def: def([tag('t', 'back'), { id: 'back', kind: 'goto', target: 't' }]), step: 'back', severity: 'warning' },
	{ code: 'goto.loop_without_wait', def: def([{ id: 'g', kind: 'goal', conditions: has, ifUnmet: 'wait', next: 't' }, tag('t', 'back'), { id: 'back', kind: 'goto', target: 'g' }]), step: 'back', severity: 'warning' },
	{ code: 'start.missing', def: def([tag('t')], { start: 'nope' }) },
	{ code: 'trigger.none', def: def([tag('t')], { triggers: [] }), severity: 'warning' },
	// Step settings.
	{ code: 'step.invalid', def: def([{ id: 't', kind: 'tag.add' }]), step: 't', path: ['steps', 0, 'tag'] },
	{ code: 'step.invalid', def: def([{ id: 't', kind: 'tag.add', tag: '' }]), step: 't' },
	{ code: 'step.invalid', def: def([{ id: 'w', kind: 'wait' }]), step: 'w' },
	{ code: 'step.invalid', def: def([{ id: 'w', kind: 'wait', wait: { mode: 'until_time', time: '25:00' } }]), step: 'w' },
	{ code: 'step.invalid', def: def([{ id: 's', kind: 'email.send' }]), step: 's' },
	{ code: 'step.invalid', def: def([{ id: 'i', kind: 'if_else' }]), step: 'i' },
	{ code: 'step.invalid', def: def([{ id: 's', kind: 'split', mode: 'even', paths: [{ label: 'A' }] }]), step: 's' },
	{ code: 'step.unknown_kind', def: def([{ id: 'x', kind: 'teleport' }]), step: 'x' },
	{ code: 'step.duplicate_id', def: def([tag('t'), { id: 't', kind: 'tag.remove', tag: 'y' }]), step: 't' },
	{ code: 'wait.zero', def: def([{ id: 'w', kind: 'wait', wait: { mode: 'period', for: {} } }]), step: 'w' },
	{ code: 'wait.no_time_limit', def: def([{ id: 'w', kind: 'wait', wait: { mode: 'until_conditions', conditions: has } }]), step: 'w', severity: 'warning' },
	{ code: 'split.percent_missing', def: def([{ id: 's', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 50 }, { label: 'B' }] }]), step: 's' },
	{ code: 'split.percent_sum', def: def([{ id: 's', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 50 }, { label: 'B', percent: 40 }] }]), step: 's' },
	{ code: 'split.winner_missing', def: def([{ id: 's', kind: 'split', mode: 'test', paths: [{ label: 'A', percent: 50 }, { label: 'B', percent: 50 }] }]), step: 's' },
	{ code: 'split.until_paths', def: def([{ id: 's', kind: 'split', mode: 'until', paths: [{ label: 'A' }, { label: 'B' }, { label: 'C' }], until: { decide: { kind: 'contacts', count: 5 } } }]), step: 's' },
	{ code: 'split.until_missing', def: def([{ id: 's', kind: 'split', mode: 'until', paths: [{ label: 'A' }, { label: 'B' }] }]), step: 's' },
	{ code: 'split.until_conditions', def: def([{ id: 's', kind: 'split', mode: 'until', paths: [{ label: 'A' }, { label: 'B' }], until: { decide: { kind: 'matches', count: 5 } } }]), step: 's' },
	{ code: 'email.ab_window', def: def([{ id: 's', kind: 'email.send', email: 'e1', abTest: { variants: ['e2'], decideAfter: {} } }]), step: 's' },
	{ code: 'template.unknown_tag', def: def([{ id: 's', kind: 'email.send', email: 'e2' }]), step: 's', severity: 'warning' },
	// References from steps and conditions.
	{ code: 'ref.list', def: def([{ id: 's', kind: 'list.subscribe', list: 'nope' }]), step: 's' },
	{ code: 'ref.list', def: def([ifElse({ kind: 'list', op: 'is', list: 'nope' })]), step: 's', path: ['steps', 0, 'conditions', 'list'] },
	{ code: 'ref.email', def: def([{ id: 's', kind: 'email.send', email: 'nope' }]), step: 's' },
	{ code: 'ref.email', def: def([ifElse({ any: [has, { kind: 'action', action: 'opened', op: 'has', email: 'nope' }] })]), step: 's', path: ['steps', 0, 'conditions', 'any', 1, 'email'] },
	{ code: 'ref.form', def: def([ifElse({ kind: 'action', action: 'submitted_form', op: 'has', form: 'nope' })]), step: 's' },
	{ code: 'ref.score', def: def([goal({ kind: 'score', model: 'nope', op: 'gt', value: 1 })]), step: 's' },
	{ code: 'ref.automation', def: def([{ id: 's', kind: 'automation.start', automation: 'nope' }]), step: 's' },
	{ code: 'ref.automation', def: def([{ id: 's', kind: 'automation.end_other', automation: 'nope' }]), step: 's' },
	{ code: 'ref.automation', def: def([ifElse({ kind: 'automation', op: 'in', automation: 'nope' })]), step: 's' },
	{ code: 'ref.goal', def: def([ifElse({ kind: 'automation', op: 'achieved_goal', automation: 'other', goal: 'nope' })]), step: 's' },
	{ code: 'ref.pipeline', def: def([ifElse({ kind: 'deal', op: 'has', pipeline: 'nope' })]), step: 's' },
	{ code: 'ref.stage', def: def([ifElse({ kind: 'deal', op: 'has', pipeline: 'sales', stage: 'nope' })]), step: 's' },
	{ code: 'ref.conversion', def: def([ifElse({ kind: 'conversion', op: 'made', conversion: 'nope' })]), step: 's' },
	{ code: 'ref.field', def: def([ifElse({ kind: 'field', field: 'nope', op: 'empty' })]), step: 's' },
	{ code: 'ref.field', def: def([{ id: 'w', kind: 'wait', wait: { mode: 'until_date_field', field: 'nope' } }]), step: 'w' },
	{ code: 'ref.field', def: def([{ id: 'w', kind: 'wait', wait: { mode: 'until_date_field', source: 'deal', field: 'nope' } }]), step: 'w' },
	{ code: 'ref.field_type', def: def([{ id: 'w', kind: 'wait', wait: { mode: 'until_date_field', field: 'plan' } }]), step: 'w' },
	{ code: 'condition.time_value', def: def([ifElse({ kind: 'time', part: 'hour', op: 'eq', value: 24 })]), step: 's' },
	{ code: 'condition.time_value', def: def([ifElse({ kind: 'time', part: 'day_of_week', op: 'eq', value: 0 })]), step: 's' },
	// Triggers.
	{ code: 'trigger.duplicate_id', def: def([tag('t')], { triggers: [...manual, { id: 'm', kind: 'tag.added', tag: 'x' }] }), trigger: 'm' },
	{ code: 'trigger.unknown_kind', def: def([tag('t')], { triggers: [{ id: 'q', kind: 'telepathy' }] }), trigger: 'q' },
	{ code: 'trigger.invalid', def: def([tag('t')], { triggers: [{ id: 'q', kind: 'tag.added' }] }), trigger: 'q' },
	{ code: 'ref.list', def: def([tag('t')], { triggers: [{ id: 'q', kind: 'list.subscribed', list: 'nope' }] }), trigger: 'q' },
	{ code: 'ref.score', def: def([tag('t')], { triggers: [{ id: 'q', kind: 'score.changed', model: 'nope', direction: 'above', threshold: 5 }] }), trigger: 'q' },
	{ code: 'ref.goal', def: def([tag('t')], { triggers: [{ id: 'q', kind: 'goal.achieved', automation: 'other', goal: 'nope' }] }), trigger: 'q' },
	{ code: 'ref.field_type', def: def([tag('t')], { triggers: [{ id: 'q', kind: 'date.based', field: 'plan' }] }), trigger: 'q' },
	{ code: 'ref.stage', def: def([tag('t')], { triggers: [{ id: 'q', kind: 'deal.stage_changed', pipeline: 'sales', to: 'nope' }] }), trigger: 'q' },
	{ code: 'ref.list', def: def([tag('t')], { triggers: [{ id: 'q', kind: 'tag.added', tag: 'x', filter: { kind: 'list', op: 'is', list: 'nope' } }] }), trigger: 'q', path: ['triggers', 0, 'filter', 'list'] },
	// Plans.
	{ code: 'plan.unavailable', def: def([ifElse(has)]), step: 's', tier: 'starter' },
	{ code: 'plan.unavailable', def: def([{ id: 's', kind: 'split', mode: 'even', paths: [{ label: 'A' }, { label: 'B' }] }]), step: 's', tier: 'plus' },
	{ code: 'plan.unavailable', def: def([{ id: 's', kind: 'automation.start', automation: 'other' }]), step: 's', tier: 'plus' },
	{ code: 'plan.starter_limit', def: def(['t1', 't2', 't3', 't4', 't5', 't6', 't7'].map((id, i, all) => tag(id, all[i + 1]))), step: 't6', tier: 'starter', path: ['steps', 5] }
];

describe('every diagnostic names its step or trigger and has one sentence of help', () => {
	for (const row of rows)
		it(`${row.code}${row.step ? ` on step ${row.step}` : row.trigger ? ` on trigger ${row.trigger}` : ''}`, () => {
			const diags = validate(row.def, row.tier);
			const hit = diags.filter((d) => d.code === row.code);
			expect(hit, JSON.stringify(diags)).toHaveLength(1);
			const d = hit[0];
			expectWellFormed(d);
			expect(d.severity).toBe(row.severity ?? 'error');
			expect(d.step).toBe(row.step);
			expect(d.trigger).toBe(row.trigger);
			if (row.path) expect(d.path).toEqual(row.path);
			const ok = engine(row.tier).validate(row.def as never).every((x) => x.severity !== 'error');
			expect(ok).toBe((row.severity ?? 'error') === 'warning' && diags.every((x) => x.severity === 'warning'));
		});
});

describe('clean definitions', () => {
	it('a sound automation has no findings', () => {
		const d = def([
			{ id: 'w', kind: 'wait', wait: { mode: 'until_conditions', conditions: has, timeLimit: { days: 1 } }, next: 'if' },
			{ id: 'if', kind: 'if_else', conditions: { kind: 'automation', op: 'achieved_goal', automation: 'other', goal: 'g1' }, yes: 's', no: 'back' },
			{ id: 's', kind: 'email.send', email: 'e1' },
			{ id: 'back', kind: 'goto', target: 'w' }
		]);
		expect(validate(d)).toEqual([]);
	});

	it('a loop with a wait inside gets no loop warning', () => {
		expect(validate(def([{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { hours: 1 } }, next: 'back' }, { id: 'back', kind: 'goto', target: 'w' }]))).toEqual([]);
	});

	it('Starter accepts 5 actions and refuses the 6th', () => {
		const five = def(['t1', 't2', 't3', 't4', 't5'].map((id, i, all) => tag(id, all[i + 1])));
		expect(validate(five, 'starter')).toEqual([]);
		const e = engineWith({ ...catalog, plan: { tier: 'starter', addons: [] } });
		expect(e.apply({ type: 'automation.published', at: T0, automation: five as never }).ok).toBe(true);
		const six = def(['t1', 't2', 't3', 't4', 't5', 't6'].map((id, i, all) => tag(id, all[i + 1])));
		const res = e.apply({ type: 'automation.published', at: T0, automation: six as never });
		expect(res.ok).toBe(false);
		if (!res.ok) expect(res.diagnostics.map((x) => [x.code, x.step])).toEqual([['plan.starter_limit', 't6']]);
	});

	it('warnings do not block publishing; errors do', () => {
		const e = engineWith({ ...catalog });
		expect(e.apply({ type: 'automation.published', at: T0, automation: def([tag('t'), tag('orphan')]) as never }).ok).toBe(true);
		const res = e.apply({ type: 'automation.published', at: T0, automation: def([tag('t', 'nope')]) as never });
		expect(res.ok).toBe(false);
	});

	it('the workspace plan profile applies to add-on actions', () => {
		const e = engineWith({ ...catalog, plan: { tier: 'enterprise', addons: [] } });
		for (const k of STEP_KINDS) {
			if (!('addons' in k.plans)) continue;
			const diags = e.validate(def([{ id: 's', kind: k.kind }]) as never);
			expect(diags.some((d) => d.code === 'plan.unavailable' && d.step === 's'), k.kind).toBe(true);
		}
	});
});

describe('the contract holds for every registered step kind', () => {
	for (const k of STEP_KINDS)
		it(`${k.kind}: findings on an unset step name it and help in one sentence`, () => {
			const diags = validate(def([{ id: 'x', kind: k.kind }]));
			for (const d of diags) {
				expectWellFormed(d);
				expect(d.step, d.code).toBe('x');
			}
		});
});

describe('split.locked', () => {
	it('names the split step', () => {
		const split = (p: number) => ({ id: 's', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: p }, { label: 'B', percent: 100 - p }] });
		const e = engineWith({ ...catalog, contacts: [{ id: 'c1' }], automations: [...catalog.automations, def([split(50)])] });
		e.apply({ type: 'contacts.added', at: T0, automation: 'a', contacts: ['c1'] });
		const diags = e.validate(def([split(20)]) as never);
		expect(diags).toHaveLength(1);
		expectWellFormed(diags[0]);
		expect(diags[0]).toMatchObject({ code: 'split.locked', step: 's', severity: 'error' });
	});
});
