/**
 * Triggers: each kind fires on its change and not on others; filters; runs once / every time;
 * the 10-entries-per-24-h cap; several triggers; goal triggers; "Start an automation" chains;
 * inactive automations.
 */
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, parseInstant } from '../../../src/lib/engine/core/time';
import type { Engine } from '../../../src/lib/engine/engine';
import type { Input } from '../../../src/lib/engine/inputs';
import { engineWith, must, T0, whereIs } from './helpers';

/** Trace of a contact with step ids and automation ids resolved. */
function traceOf(e: Engine, contact: string) {
	const c = e.world.contact(contact)!;
	return e.trace.indicesOfContact(c.idx).map((i) => {
		const x = e.trace.entry(i);
		const run = x.run >= 0 ? e.autos[e.runs.auto[x.run]].id : ((x.detail?.automation as string) ?? null);
		return { at: x.at - T0, code: x.code, automation: run, step: x.step >= 0 ? e.steps[x.step].id : null, detail: x.detail };
	});
}

/** Entry instants (relative to T0) of a contact in an automation, oldest first. */
function entries(e: Engine, contact: string, automation: string): number[] {
	const c = e.world.contact(contact)!;
	const out: number[] = [];
	for (let r = c.firstRun; r >= 0; r = e.runs.nextOfContact[r]) if (e.autos[e.runs.auto[r]].id === automation) out.push(e.runs.entered[r] - T0);
	return out.reverse();
}

/** Reasons of refused entries of a contact into an automation. */
function refusals(e: Engine, contact: string, automation: string): string[] {
	return traceOf(e, contact)
		.filter((x) => x.code === 'entry_refused' && x.automation === automation)
		.map((x) => x.detail!.reason as string);
}

const base = {
	lists: [
		{ id: 'news', name: 'News' },
		{ id: 'promo', name: 'Promo' }
	],
	forms: [
		{ id: 'signup', name: 'Signup' },
		{ id: 'survey', name: 'Survey' }
	],
	emails: [
		{ id: 'e1', name: 'E1', subject: 's', body: 'b' },
		{ id: 'e2', name: 'E2', subject: 's', body: 'b' }
	],
	fields: [
		{ key: 'plan', label: 'Plan', type: 'text' },
		{ key: 'nickname', label: 'Nickname', type: 'text' }
	],
	scoring: [
		{ id: 'engagement', name: 'Engagement' },
		{ id: 'fit', name: 'Fit' }
	],
	conversions: [
		{ id: 'trial', name: 'Trial' },
		{ id: 'paid', name: 'Paid' }
	],
	pipelines: [
		{ id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }, { id: 'proposal', name: 'Proposal' }, { id: 'closing', name: 'Closing' }] },
		{ id: 'support', name: 'Support', stages: [{ id: 'new', name: 'New' }] }
	],
	contacts: [
		{ id: 'c1', email: 'c1@x.io', lists: { news: 'active' }, tags: ['VIP'], fields: { plan: 'Silver' }, scores: { engagement: 40 } },
		{ id: 'c2', email: 'c2@x.io', lists: { news: 'active' }, scores: { engagement: 40 } },
		{ id: 'c3', email: 'c3@x.io', fields: { plan: 'Silver' } }
	],
	deals: [
		{ id: 'd1', contact: 'c1', pipeline: 'sales', stage: 'lead', title: 'D1', tasks: [{ id: 't1', type: 'call', title: 'Call' }, { id: 't2', type: 'email', title: 'Mail' }] },
		{ id: 'd2', contact: 'c2', pipeline: 'sales', stage: 'lead', title: 'D2', tasks: [{ id: 't3', type: 'email', title: 'Mail' }] }
	]
};

const auto = (id: string, triggers: unknown[], steps: unknown[] = [{ id: 'in', kind: 'tag.add', tag: `in-${id}` }], extra: Record<string, unknown> = {}) => ({
	id,
	name: id.toUpperCase(),
	status: 'active',
	triggers,
	steps,
	...extra
});

const goalAutos = [
	auto('g', [{ id: 'm', kind: 'manual', runs: 'every' }], [{ id: 'goal1', kind: 'goal', conditions: { kind: 'tag', op: 'has', tag: 'won' }, ifUnmet: 'wait' }]),
	auto('g2', [{ id: 'm', kind: 'manual', runs: 'every' }], [{ id: 'goal2', kind: 'goal', conditions: { kind: 'tag', op: 'has', tag: 'won' }, ifUnmet: 'continue' }]),
	auto('starter', [{ id: 'm', kind: 'manual', runs: 'every' }], [{ id: 'start', kind: 'automation.start', automation: 'a' }]),
	auto('other', [{ id: 'm', kind: 'manual', runs: 'every' }], [{ id: 'start', kind: 'automation.start', automation: 'a' }])
];

type Row = { name: string; trigger: Record<string, unknown>; no: Input[]; fire: Input; who?: string; after?: Input[] };
const at = T0 + HOUR;
const rows: Row[] = [
	{ name: 'list.subscribed (a given list)', trigger: { kind: 'list.subscribed', list: 'news' }, no: [{ type: 'list.subscribed', at, contact: 'c3', list: 'promo' }, { type: 'list.subscribed', at, contact: 'c2', list: 'news' }, { type: 'list.unsubscribed', at, contact: 'c2', list: 'news' }], fire: { type: 'list.subscribed', at, contact: 'c3', list: 'news' }, who: 'c3' },
	{ name: 'list.subscribed (any list)', trigger: { kind: 'list.subscribed' }, no: [{ type: 'list.unsubscribed', at, contact: 'c2', list: 'news' }], fire: { type: 'list.subscribed', at, contact: 'c3', list: 'promo' }, who: 'c3' },
	{ name: 'list.unsubscribed (a bounce is not an unsubscribe)', trigger: { kind: 'list.unsubscribed', list: 'news' }, no: [{ type: 'email.bounced', at, contact: 'c2' }, { type: 'list.unsubscribed', at, contact: 'c3', list: 'promo' }, { type: 'list.subscribed', at, contact: 'c3', list: 'news' }], fire: { type: 'list.unsubscribed', at, contact: 'c1', list: 'news' }, who: 'c1' },
	{ name: 'form.submitted', trigger: { kind: 'form.submitted', form: 'signup' }, no: [{ type: 'form.submitted', at, contact: 'c1', form: 'survey' }], fire: { type: 'form.submitted', at, contact: 'c1', form: 'signup' } },
	{ name: 'email.opened (a given email)', trigger: { kind: 'email.opened', email: 'e1' }, no: [{ type: 'email.opened', at, contact: 'c1', email: 'e2' }, { type: 'email.replied', at, contact: 'c1', email: 'e1' }], fire: { type: 'email.opened', at, contact: 'c1', email: 'e1' } },
	{ name: 'email.opened (any email)', trigger: { kind: 'email.opened' }, no: [{ type: 'email.forwarded', at, contact: 'c1', email: 'e1' }], fire: { type: 'email.opened', at, contact: 'c1', email: 'e2' } },
	{ name: 'email.clicked (email and link pattern)', trigger: { kind: 'email.clicked', email: 'e1', link: '*pricing*' }, no: [{ type: 'email.clicked', at, contact: 'c1', email: 'e1', link: 'https://x.io/blog' }, { type: 'email.clicked', at, contact: 'c1', email: 'e2', link: 'https://x.io/pricing' }, { type: 'email.opened', at, contact: 'c1', email: 'e1' }], fire: { type: 'email.clicked', at, contact: 'c1', email: 'e1', link: 'https://x.io/pricing?a=1' } },
	{ name: 'email.replied', trigger: { kind: 'email.replied', email: 'e1' }, no: [{ type: 'email.forwarded', at, contact: 'c1', email: 'e1' }, { type: 'email.opened', at, contact: 'c1', email: 'e1' }, { type: 'email.replied', at, contact: 'c1', email: 'e2' }], fire: { type: 'email.replied', at, contact: 'c1', email: 'e1' } },
	{ name: 'email.forwarded', trigger: { kind: 'email.forwarded' }, no: [{ type: 'email.replied', at, contact: 'c1', email: 'e1' }], fire: { type: 'email.forwarded', at, contact: 'c1', email: 'e1' } },
	{ name: 'tag.added (case-insensitive)', trigger: { kind: 'tag.added', tag: 'Hot' }, no: [{ type: 'tag.added', at, contact: 'c1', tag: 'cold' }, { type: 'tag.removed', at, contact: 'c1', tag: 'VIP' }], fire: { type: 'tag.added', at, contact: 'c1', tag: 'hot' }, after: [{ type: 'tag.added', at, contact: 'c1', tag: 'HOT' }] },
	{ name: 'tag.removed', trigger: { kind: 'tag.removed', tag: 'vip' }, no: [{ type: 'tag.added', at, contact: 'c2', tag: 'VIP' }, { type: 'tag.removed', at, contact: 'c3', tag: 'VIP' }], fire: { type: 'tag.removed', at, contact: 'c1', tag: 'VIP' } },
	{ name: 'field.changed (any value)', trigger: { kind: 'field.changed', field: 'plan' }, no: [{ type: 'field.changed', at, contact: 'c1', field: 'nickname', value: 'Al' }, { type: 'field.changed', at, contact: 'c1', field: 'plan', value: 'Silver' }], fire: { type: 'field.changed', at, contact: 'c1', field: 'plan', value: 'Gold' } },
	{ name: 'field.changed from/to', trigger: { kind: 'field.changed', field: 'plan', from: 'Silver', to: 'Gold' }, no: [{ type: 'field.changed', at, contact: 'c2', field: 'plan', value: 'Gold' }, { type: 'field.changed', at, contact: 'c3', field: 'plan', value: 'Bronze' }], fire: { type: 'field.changed', at, contact: 'c1', field: 'plan', value: 'gold' } },
	{ name: 'page.visited', trigger: { kind: 'page.visited', url: 'example.com/pricing*' }, no: [{ type: 'page.visited', at, contact: 'c1', url: 'https://example.com/blog' }], fire: { type: 'page.visited', at, contact: 'c1', url: 'https://www.example.com/pricing/pro' } },
	{ name: 'event.recorded with a value', trigger: { kind: 'event.recorded', name: 'purchase', value: { op: 'gt', value: 100 } }, no: [{ type: 'event.recorded', at, contact: 'c1', name: 'purchase', value: 50 }, { type: 'event.recorded', at, contact: 'c1', name: 'refund', value: 500 }], fire: { type: 'event.recorded', at, contact: 'c1', name: 'purchase', value: 150 } },
	{ name: 'score.changed crossing above', trigger: { kind: 'score.changed', model: 'engagement', direction: 'above', threshold: 50 }, no: [{ type: 'score.adjusted', at, contact: 'c1', model: 'engagement', op: 'add', value: 5 }, { type: 'score.adjusted', at, contact: 'c1', model: 'fit', op: 'add', value: 100 }], fire: { type: 'score.adjusted', at, contact: 'c1', model: 'engagement', op: 'add', value: 10 }, after: [{ type: 'score.adjusted', at, contact: 'c1', model: 'engagement', op: 'add', value: 10 }] },
	{ name: 'score.changed crossing below', trigger: { kind: 'score.changed', model: 'engagement', direction: 'below', threshold: 10 }, no: [{ type: 'score.adjusted', at, contact: 'c1', model: 'engagement', op: 'subtract', value: 25 }], fire: { type: 'score.adjusted', at, contact: 'c1', model: 'engagement', op: 'reset' }, after: [{ type: 'score.adjusted', at, contact: 'c1', model: 'engagement', op: 'set', value: 5 }] },
	{ name: 'goal.achieved (in another automation)', trigger: { kind: 'goal.achieved', automation: 'g', goal: 'goal1' }, no: [{ type: 'contacts.added', at, automation: 'g', contacts: ['c1'] }, { type: 'contacts.added', at, automation: 'g2', contacts: ['c1'] }], fire: { type: 'tag.added', at, contact: 'c1', tag: 'won' } },
	{ name: 'goal.skipped', trigger: { kind: 'goal.skipped', automation: 'g2' }, no: [{ type: 'contacts.added', at, automation: 'g', contacts: ['c1'] }], fire: { type: 'contacts.added', at, automation: 'g2', contacts: ['c1'] } },
	{ name: 'deal.entered_pipeline (created)', trigger: { kind: 'deal.entered_pipeline', pipeline: 'sales' }, no: [{ type: 'deal.created', at, deal: { id: 'd9', contact: 'c1', pipeline: 'support', stage: 'new', title: 'X', value: 0, currency: 'USD', status: 'open', score: 0 } }, { type: 'deal.updated', at, deal: 'd1', changes: { stage: 'proposal' } }], fire: { type: 'deal.created', at, deal: { id: 'd8', contact: 'c1', pipeline: 'sales', stage: 'lead', title: 'Y', value: 0, currency: 'USD', status: 'open', score: 0 } } },
	{ name: 'deal.entered_pipeline (moved in)', trigger: { kind: 'deal.entered_pipeline', pipeline: 'support' }, no: [{ type: 'deal.updated', at, deal: 'd1', changes: { stage: 'closing' } }], fire: { type: 'deal.updated', at, deal: 'd1', changes: { pipeline: 'support' } } },
	{ name: 'deal.stage_changed from/to', trigger: { kind: 'deal.stage_changed', pipeline: 'sales', from: 'lead', to: 'proposal' }, no: [{ type: 'deal.updated', at, deal: 'd2', changes: { stage: 'closing' } }, { type: 'deal.updated', at, deal: 'd1', changes: { value: 10 } }], fire: { type: 'deal.updated', at, deal: 'd1', changes: { stage: 'proposal' } } },
	{ name: 'deal.status_changed to won', trigger: { kind: 'deal.status_changed', to: 'won' }, no: [{ type: 'deal.updated', at, deal: 'd2', changes: { status: 'lost' } }, { type: 'deal.updated', at, deal: 'd1', changes: { title: 'Renamed' } }], fire: { type: 'deal.updated', at, deal: 'd1', changes: { status: 'won' } } },
	{ name: 'deal.task_completed of a type', trigger: { kind: 'deal.task_completed', taskType: 'call' }, no: [{ type: 'deal.task_completed', at, deal: 'd1', task: 't2' }, { type: 'deal.task_completed', at, deal: 'd2', task: 't3' }], fire: { type: 'deal.task_completed', at, deal: 'd1', task: 't1' } },
	{ name: 'conversion.made', trigger: { kind: 'conversion.made', conversion: 'trial' }, no: [{ type: 'conversion.made', at, contact: 'c1', conversion: 'paid' }], fire: { type: 'conversion.made', at, contact: 'c1', conversion: 'trial' } },
	{ name: 'sms.replied containing a keyword', trigger: { kind: 'sms.replied', contains: 'yes' }, no: [{ type: 'sms.replied', at, contact: 'c1', text: 'no thanks' }], fire: { type: 'sms.replied', at, contact: 'c1', text: 'YES please' } },
	{ name: 'automation.started from a given automation', trigger: { kind: 'automation.started', from: 'starter' }, no: [{ type: 'tag.added', at, contact: 'c1', tag: 'x' }], fire: { type: 'contacts.added', at, automation: 'starter', contacts: ['c1'] } },
	{ name: 'manual', trigger: { kind: 'manual' }, no: [{ type: 'tag.added', at, contact: 'c1', tag: 'x' }], fire: { type: 'contacts.added', at, automation: 'a', contacts: ['c1'] } }
];

describe('each trigger kind fires on its change and not on others', () => {
	for (const row of rows)
		it(row.name, () => {
			const who = row.who ?? 'c1';
			const e = engineWith({ ...base, automations: [...goalAutos, auto('a', [{ id: 't', runs: 'every', ...row.trigger }])] });
			for (const i of row.no) must(e, i);
			for (const c of ['c1', 'c2', 'c3']) expect(entries(e, c, 'a'), `${c} entered on a non-matching change`).toEqual([]);
			must(e, row.fire);
			expect(entries(e, who, 'a')).toEqual([HOUR]);
			expect(e.world.contact(who)!.tags).toContain('in-a');
			for (const c of ['c1', 'c2', 'c3']) if (c !== who) expect(entries(e, c, 'a')).toEqual([]);
			for (const i of row.after ?? []) must(e, i);
			expect(entries(e, who, 'a'), 'fired again without a new crossing').toEqual([HOUR]);
		});

	it('date.based fires on the clock', () => {
		const e = engineWith({
			...base,
			fields: [...base.fields, { key: 'birthday', label: 'Birthday', type: 'date' }],
			contacts: [{ id: 'c1', fields: { birthday: '1990-03-05' } }, { id: 'c2' }],
			automations: [auto('a', [{ id: 't', kind: 'date.based', field: 'birthday', runs: 'every' }])]
		});
		e.advanceTo(parseInstant('2026-03-05T08:59:00Z'));
		expect(entries(e, 'c1', 'a')).toEqual([]);
		e.advanceTo(parseInstant('2026-03-05T09:00:00Z'));
		expect(entries(e, 'c1', 'a')).toEqual([parseInstant('2026-03-05T09:00:00Z') - T0]);
		expect(entries(e, 'c2', 'a')).toEqual([]);
	});

	it('new contacts announce their tags and lists to triggers', () => {
		const e = engineWith({ ...base, automations: [auto('a', [{ id: 't', kind: 'tag.added', tag: 'lead', runs: 'every' }]), auto('b', [{ id: 't', kind: 'list.subscribed', list: 'news', runs: 'every' }])] });
		must(e, { type: 'contact.upserted', at, contact: { id: 'n1', email: 'n1@x.io', tags: ['lead'], lists: { news: 'active' } } });
		expect(entries(e, 'n1', 'a')).toEqual([HOUR]);
		expect(entries(e, 'n1', 'b')).toEqual([HOUR]);
	});
});

describe('filters and entry rules', () => {
	const news = { kind: 'list', op: 'is', list: 'news' };

	it('a trigger filter is applied, and the refusal says why with what was seen', () => {
		const e = engineWith({ ...base, automations: [auto('a', [{ id: 't', kind: 'tag.added', tag: 'hot', runs: 'every', filter: news }])] });
		must(e, { type: 'tag.added', at, contact: 'c3', tag: 'hot' });
		must(e, { type: 'tag.added', at, contact: 'c1', tag: 'hot' });
		expect(entries(e, 'c3', 'a')).toEqual([]);
		expect(entries(e, 'c1', 'a')).toEqual([HOUR]);
		const refused = traceOf(e, 'c3').find((x) => x.code === 'entry_refused')!;
		expect(refused.detail).toMatchObject({ automation: 'a', trigger: 't', reason: 'filter_not_met', seen: [{ what: 'list news', value: null, ok: false }] });
	});

	it('the filter of a deal trigger sees the deal in context', () => {
		const e = engineWith({ ...base, automations: [auto('a', [{ id: 't', kind: 'deal.stage_changed', runs: 'every', filter: { kind: 'deal', op: 'has', stage: 'proposal' } }])] });
		must(e, { type: 'deal.updated', at, deal: 'd1', changes: { stage: 'proposal' } });
		expect(entries(e, 'c1', 'a')).toEqual([HOUR]);
	});

	it('runs once: a second firing is refused; runs every time: enters again', () => {
		const e = engineWith({ ...base, automations: [auto('once', [{ id: 't', kind: 'tag.added', tag: 'hot', runs: 'once' }]), auto('every', [{ id: 't', kind: 'tag.added', tag: 'hot', runs: 'every' }])] });
		for (let k = 0; k < 3; k++) {
			must(e, { type: 'tag.added', at: at + k * HOUR, contact: 'c1', tag: 'hot' });
			must(e, { type: 'tag.removed', at: at + k * HOUR, contact: 'c1', tag: 'hot' });
		}
		expect(entries(e, 'c1', 'once')).toEqual([HOUR]);
		expect(refusals(e, 'c1', 'once')).toEqual(['trigger_runs_once', 'trigger_runs_once']);
		expect(entries(e, 'c1', 'every')).toEqual([HOUR, 2 * HOUR, 3 * HOUR]);
	});

	it('"runs once" is per trigger: another trigger of the automation still enters', () => {
		const e = engineWith({ ...base, automations: [auto('a', [{ id: 't1', kind: 'tag.added', tag: 'hot', runs: 'once' }, { id: 't2', kind: 'list.subscribed', list: 'promo', runs: 'once' }])] });
		must(e, { type: 'tag.added', at, contact: 'c1', tag: 'hot' });
		must(e, { type: 'list.subscribed', at: at + HOUR, contact: 'c1', list: 'promo' });
		expect(entries(e, 'c1', 'a')).toEqual([HOUR, 2 * HOUR]);
	});

	it('an automation entered "once" refuses every later entry, whatever the trigger', () => {
		const e = engineWith({ ...base, automations: [auto('a', [{ id: 't1', kind: 'tag.added', tag: 'hot', runs: 'every' }, { id: 't2', kind: 'list.subscribed', runs: 'every' }], undefined, { entry: 'once' })] });
		must(e, { type: 'tag.added', at, contact: 'c1', tag: 'hot' });
		must(e, { type: 'list.subscribed', at: at + HOUR, contact: 'c1', list: 'promo' });
		must(e, { type: 'contacts.added', at: at + HOUR, automation: 'a', contacts: ['c1'] });
		expect(entries(e, 'c1', 'a')).toEqual([HOUR]);
		expect(refusals(e, 'c1', 'a')).toEqual(['automation_runs_once', 'automation_runs_once']);
	});

	it('several triggers of one automation each fire', () => {
		const e = engineWith({ ...base, automations: [auto('a', [{ id: 't1', kind: 'tag.added', tag: 'hot', runs: 'every' }, { id: 't2', kind: 'form.submitted', runs: 'every' }, { id: 't3', kind: 'email.opened', runs: 'every' }])] });
		must(e, { type: 'tag.added', at, contact: 'c1', tag: 'hot' });
		must(e, { type: 'form.submitted', at: at + HOUR, contact: 'c1', form: 'signup' });
		must(e, { type: 'email.opened', at: at + 2 * HOUR, contact: 'c2', email: 'e1' });
		expect(entries(e, 'c1', 'a')).toEqual([HOUR, 2 * HOUR]);
		expect(entries(e, 'c2', 'a')).toEqual([3 * HOUR]);
		const c1 = e.world.contact('c1')!;
		const used = [];
		for (let r = c1.firstRun; r >= 0; r = e.runs.nextOfContact[r]) used.push(e.autos[e.runs.auto[r]].triggers[e.runs.trigger[r]].id);
		expect(used.reverse()).toEqual(['t1', 't2']);
	});
});

describe('at most 10 entries per trigger per contact per rolling 24 hours', () => {
	const ws = () => engineWith({ ...base, automations: [auto('a', [{ id: 't', kind: 'tag.added', tag: 'hot', runs: 'every' }, { id: 'u', kind: 'email.opened', runs: 'every' }])] });
	const fire = (e: Engine, t: number, contact = 'c1') => {
		must(e, { type: 'tag.added', at: t, contact, tag: 'hot' });
		must(e, { type: 'tag.removed', at: t, contact, tag: 'hot' });
	};

	it('the 11th is refused, and allowed again once the first leaves the window', () => {
		const e = ws();
		for (let k = 0; k < 11; k++) fire(e, T0 + k * MINUTE);
		expect(entries(e, 'c1', 'a')).toHaveLength(10);
		expect(refusals(e, 'c1', 'a')).toEqual(['entry_limit_24h']);
		fire(e, T0 + DAY - 1); // the first entry is still inside (T0, T0 + 24 h]
		expect(entries(e, 'c1', 'a')).toHaveLength(10);
		fire(e, T0 + DAY); // exactly 24 h after the first: it has left the window
		expect(entries(e, 'c1', 'a')).toHaveLength(11);
		fire(e, T0 + DAY + 30_000); // the second (T0 + 1 min) is still inside
		expect(entries(e, 'c1', 'a')).toHaveLength(11);
		fire(e, T0 + DAY + MINUTE);
		expect(entries(e, 'c1', 'a')).toHaveLength(12);
		expect(refusals(e, 'c1', 'a')).toEqual(['entry_limit_24h', 'entry_limit_24h', 'entry_limit_24h']);
	});

	it('counts per trigger and per contact', () => {
		const e = ws();
		for (let k = 0; k < 12; k++) fire(e, T0 + k * MINUTE);
		must(e, { type: 'email.opened', at: T0 + HOUR, contact: 'c1', email: 'e1' });
		for (let k = 0; k < 3; k++) fire(e, T0 + HOUR + k, 'c2');
		expect(entries(e, 'c1', 'a')).toHaveLength(11);
		expect(entries(e, 'c2', 'a')).toHaveLength(3);
	});

	it('applies to contacts added manually too', () => {
		const e = ws();
		for (let k = 0; k < 11; k++) must(e, { type: 'contacts.added', at: T0 + k, automation: 'a', contacts: ['c1'] });
		expect(entries(e, 'c1', 'a')).toHaveLength(10);
		expect(refusals(e, 'c1', 'a')).toEqual(['entry_limit_24h']);
	});
});

describe('"Start an automation" chains in the same instant, deterministically', () => {
	const chain = () =>
		engineWith({
			...base,
			automations: [
				auto('a', [{ id: 'm', kind: 'manual', runs: 'every' }], [
					{ id: 'a1', kind: 'tag.add', tag: 'a1', next: 'sb' },
					{ id: 'sb', kind: 'automation.start', automation: 'b', next: 'a2' },
					{ id: 'a2', kind: 'tag.add', tag: 'a2' }
				]),
				auto('b', [{ id: 's', kind: 'automation.started', runs: 'every' }], [
					{ id: 'b1', kind: 'tag.add', tag: 'b1', next: 'sc' },
					{ id: 'sc', kind: 'automation.start', automation: 'c', next: 'b2' },
					{ id: 'b2', kind: 'tag.add', tag: 'b2' }
				]),
				auto('c', [], [{ id: 'c1', kind: 'tag.add', tag: 'c1' }])
			]
		});

	it('runs the starting path first, then the started automations in order, all at the same instant', () => {
		const e = chain();
		must(e, { type: 'contacts.added', at, automation: 'a', contacts: ['c2'] });
		expect(e.world.contact('c2')!.tags).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
		const t = traceOf(e, 'c2');
		expect(t.every((x) => x.at === HOUR)).toBe(true);
		expect(t.filter((x) => x.code === 'entered' || x.code === 'completed').map((x) => `${x.code} ${x.automation}`)).toEqual([
			'entered a',
			'completed a',
			'entered b',
			'completed b',
			'entered c',
			'completed c'
		]);
		const c2 = e.world.contact('c2')!;
		expect(e.runs.extra[c2.firstRun]?.startedBy).toBe('b');
	});

	it('gives identical traces on replay', () => {
		const run = () => {
			const e = chain();
			must(e, { type: 'contacts.added', at, automation: 'a', contacts: ['c1', 'c2', 'c3'] });
			return JSON.stringify(['c1', 'c2', 'c3'].map((c) => traceOf(e, c)));
		};
		expect(run()).toBe(run());
	});

	it('a start cycle ends at the entry cap', () => {
		const e = engineWith({
			...base,
			automations: [
				auto('x', [{ id: 'm', kind: 'manual', runs: 'every' }], [{ id: 'sy', kind: 'automation.start', automation: 'y' }]),
				auto('y', [], [{ id: 'sx', kind: 'automation.start', automation: 'x' }])
			]
		});
		must(e, { type: 'contacts.added', at, automation: 'x', contacts: ['c1'] });
		// x: 1 manual + 10 started; y: 10 started, its 11th start is refused and the cycle stops.
		expect(entries(e, 'c1', 'x')).toHaveLength(11);
		expect(entries(e, 'c1', 'y')).toHaveLength(10);
		expect(refusals(e, 'c1', 'y')).toEqual(['entry_limit_24h']);
		expect(refusals(e, 'c1', 'x')).toEqual([]);
	});

	it('an inactive target refuses the start and the starter goes on', () => {
		const e = chain();
		must(e, { type: 'automation.status_changed', at, automation: 'b', status: 'inactive' });
		must(e, { type: 'contacts.added', at, automation: 'a', contacts: ['c1'] });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@a2');
		expect(refusals(e, 'c1', 'b')).toEqual(['automation_inactive']);
	});
});

describe('inactive automations', () => {
	const ws = (steps?: unknown[]) =>
		engineWith({
			...base,
			automations: [
				auto('a', [{ id: 't', kind: 'tag.added', tag: 'hot', runs: 'every' }], steps ?? [
					{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'done' },
					{ id: 'done', kind: 'tag.add', tag: 'done' }
				])
			]
		});

	it('take no entries from triggers or by hand', () => {
		const e = ws();
		must(e, { type: 'automation.status_changed', at, automation: 'a', status: 'inactive' });
		must(e, { type: 'tag.added', at, contact: 'c1', tag: 'hot' });
		must(e, { type: 'contacts.added', at, automation: 'a', contacts: ['c2'] });
		expect(entries(e, 'c1', 'a')).toEqual([]);
		expect(entries(e, 'c2', 'a')).toEqual([]);
		expect(refusals(e, 'c2', 'a')).toEqual(['automation_inactive']);
		must(e, { type: 'automation.status_changed', at: at + HOUR, automation: 'a', status: 'active' });
		must(e, { type: 'tag.added', at: at + HOUR, contact: 'c3', tag: 'hot' });
		expect(entries(e, 'c3', 'a')).toEqual([2 * HOUR]);
	});

	it('pause contacts in flight; they resume on reactivation', () => {
		const e = ws();
		must(e, { type: 'tag.added', at, contact: 'c1', tag: 'hot' });
		must(e, { type: 'tag.added', at: at + 2 * HOUR, contact: 'c2', tag: 'hot' });
		must(e, { type: 'automation.status_changed', at: at + 3 * HOUR, automation: 'a', status: 'inactive' });
		e.advanceTo(at + 3 * DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		expect(whereIs(e, 'c2', 'a')).toBe('waiting@w');
		expect(e.statsFor('a', 'w').waiting).toBe(2);
		must(e, { type: 'automation.status_changed', at: at + 4 * DAY, automation: 'a', status: 'active' });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
		expect(whereIs(e, 'c2', 'a')).toBe('completed@done');
		const done = traceOf(e, 'c1').find((x) => x.step === 'done')!;
		expect(done.at).toBe(HOUR + 4 * DAY);
		expect(e.statsFor('a', 'w').waiting).toBe(0);
	});

	it('a short pause that ends before the wait does not move the wait', () => {
		const e = ws();
		must(e, { type: 'tag.added', at, contact: 'c1', tag: 'hot' });
		must(e, { type: 'automation.status_changed', at: at + HOUR, automation: 'a', status: 'inactive' });
		must(e, { type: 'automation.status_changed', at: at + 2 * HOUR, automation: 'a', status: 'active' });
		e.advanceTo(at + DAY - 1);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		e.advanceTo(at + DAY);
		expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
	});

	it('conditions met while paused are seen on reactivation', () => {
		const e = ws([
			{ id: 'w', kind: 'wait', wait: { mode: 'until_conditions', conditions: { kind: 'tag', op: 'has', tag: 'paid' } }, next: 'done' },
			{ id: 'done', kind: 'tag.add', tag: 'done' }
		]);
		must(e, { type: 'tag.added', at, contact: 'c1', tag: 'hot' });
		must(e, { type: 'automation.status_changed', at: at + HOUR, automation: 'a', status: 'inactive' });
		must(e, { type: 'tag.added', at: at + 2 * HOUR, contact: 'c1', tag: 'paid' });
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w');
		must(e, { type: 'automation.status_changed', at: at + 3 * HOUR, automation: 'a', status: 'active' });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@done');
	});

	it('date triggers do not fire while inactive', () => {
		const e = engineWith({
			...base,
			fields: [{ key: 'birthday', label: 'Birthday', type: 'date' }],
			contacts: [{ id: 'c1', fields: { birthday: '1990-03-05' } }],
			deals: [],
			automations: [auto('a', [{ id: 't', kind: 'date.based', field: 'birthday', runs: 'every' }])]
		});
		must(e, { type: 'automation.status_changed', at, automation: 'a', status: 'inactive' });
		e.advanceTo(parseInstant('2026-03-06T00:00:00Z'));
		must(e, { type: 'automation.status_changed', at: e.now, automation: 'a', status: 'active' });
		e.advanceTo(parseInstant('2027-03-06T00:00:00Z'));
		expect(entries(e, 'c1', 'a')).toEqual([parseInstant('2027-03-05T09:00:00Z') - T0]);
	});
});
