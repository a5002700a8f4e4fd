// CRM inputs: pipelines, team members, custom fields, deals, tasks, notes and accounts as engine
// inputs, with their validation and the deal triggers they feed.
import { describe, expect, it } from 'vitest';
import { engineWith, must, T0, whereIs } from '../engine/helpers';
import { HOUR } from '../../../src/lib/engine/core/time';
import { restoreEngine, snapshot } from '../../../src/lib/engine/state';
import type { Engine } from '../../../src/lib/engine/engine';
import type { Input } from '../../../src/lib/engine/inputs';

const pipelines = [
	{ id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }, { id: 'demo', name: 'Demo' }, { id: 'won', name: 'Won' }] },
	{ id: 'partners', name: 'Partners', stages: [{ id: 'new', name: 'New' }, { id: 'signed', name: 'Signed' }] }
];
const users = [
	{ id: 'alice', name: 'Alice', email: 'alice@example.com' },
	{ id: 'bob', name: 'Bob', email: 'bob@example.com' }
];
const contacts = [
	{ id: 'c1', email: 'c1@example.com', account: 'acme' },
	{ id: 'c2', email: 'c2@example.com' }
];
const accounts = [{ id: 'acme', name: 'Acme', owner: 'alice' }];
const deal = (over: Record<string, unknown> = {}) => ({ id: 'd1', contact: 'c1', account: 'acme', pipeline: 'sales', stage: 'lead', title: 'Big one', value: 1000, currency: 'EUR', owner: 'alice', ...over });

function crm(automations: unknown[] = [], extra: Record<string, unknown> = {}): Engine {
	return engineWith({ pipelines, users, contacts, accounts, deals: [deal()], tags: ['demo'], automations, ...extra });
}

const at = T0 + HOUR;
function run(e: Engine, input: Record<string, unknown>) {
	return e.apply({ at: Math.max(at, e.now), ...input } as Input);
}
function codeOf(res: ReturnType<Engine['apply']>): string | null {
	return res.ok ? null : res.diagnostics[0].code;
}

/** An automation entered when a Sales deal reaches the Demo stage. */
const toDemo = {
	id: 'demo-follow-up',
	name: 'Demo follow-up',
	status: 'active',
	triggers: [{ id: 't', kind: 'deal.stage_changed', pipeline: 'sales', to: 'demo', runs: 'every' }],
	steps: [{ id: 'tag', kind: 'tag.add', tag: 'demo' }]
};

describe('pipelines', () => {
	it('creates, renames and reorders stages', () => {
		const e = crm();
		must(e, { type: 'pipeline.saved', at, pipeline: { id: 'support', name: 'Support', stages: [{ id: 'open', name: 'Open' }] } });
		expect(e.world.catalog.pipelines.get('support')!.stages.map((s) => s.name)).toEqual(['Open']);
		must(e, { type: 'pipeline.saved', at, pipeline: { id: 'sales', name: 'New sales', stages: [{ id: 'demo', name: 'Demo call' }, { id: 'lead', name: 'Lead' }, { id: 'won', name: 'Won' }] } });
		const p = e.world.catalog.pipelines.get('sales')!;
		expect(p.name).toBe('New sales');
		expect(p.stages.map((s) => s.id)).toEqual(['demo', 'lead', 'won']);
		expect(e.world.dirtyCatalog).toBe(true);
		// Catalogue order is kept (the board lists pipelines in that order).
		expect([...e.world.catalog.pipelines.keys()]).toEqual(['sales', 'partners', 'support']);
	});

	it('refuses bad definitions: no stage, duplicate stage ids, empty names', () => {
		const e = crm();
		expect(codeOf(run(e, { type: 'pipeline.saved', pipeline: { id: 'x', name: 'X', stages: [] } }))).toBe('input.invalid_pipeline');
		expect(codeOf(run(e, { type: 'pipeline.saved', pipeline: { id: 'x', name: 'X', stages: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] } }))).toBe('input.duplicate_stage');
		expect(codeOf(run(e, { type: 'pipeline.saved', pipeline: { id: 'x', name: '', stages: [{ id: 'a', name: 'A' }] } }))).toBe('input.invalid_pipeline');
		expect(e.world.catalog.pipelines.has('x')).toBe(false);
	});

	it('removing a stage with deals needs a destination; moving them is a stage change that triggers', () => {
		const e = crm([toDemo]);
		const without = { id: 'sales', name: 'Sales', stages: [{ id: 'demo', name: 'Demo' }, { id: 'won', name: 'Won' }] };
		expect(codeOf(run(e, { type: 'pipeline.saved', pipeline: without }))).toBe('pipeline.stage_has_deals');
		expect(codeOf(run(e, { type: 'pipeline.saved', pipeline: without, moveDeals: { lead: 'nowhere' } }))).toBe('pipeline.stage_has_deals');
		must(e, { type: 'pipeline.saved', at, pipeline: without, moveDeals: { lead: 'demo' } });
		expect(e.world.deals.get('d1')!.stage).toBe('demo');
		expect(whereIs(e, 'c1', 'demo-follow-up')).toBe('completed@tag');
		expect(e.world.contact('c1')!.tags).toContain('demo');
	});

	it('refuses to remove a stage or pipeline an automation refers to, and changes nothing', () => {
		const e = crm([toDemo]);
		const res = run(e, { type: 'pipeline.saved', pipeline: { id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }, { id: 'won', name: 'Won' }] } });
		expect(codeOf(res)).toBe('crm.in_use');
		expect(!res.ok && res.diagnostics[0].message).toContain('"Demo follow-up"');
		expect(e.world.catalog.pipelines.get('sales')!.stages.map((s) => s.id)).toEqual(['lead', 'demo', 'won']);
		expect(codeOf(run(e, { type: 'pipeline.deleted', pipeline: 'sales', moveTo: { pipeline: 'partners', stage: 'new' } }))).toBe('crm.in_use');
		expect(e.world.catalog.pipelines.has('sales')).toBe(true);
		expect(e.world.deals.get('d1')!.pipeline).toBe('sales');
	});

	it('deletes a pipeline, moving its deals into another one (which "enters pipeline" triggers see)', () => {
		const entered = {
			id: 'partner-welcome',
			name: 'Partner welcome',
			status: 'active',
			triggers: [{ id: 't', kind: 'deal.entered_pipeline', pipeline: 'partners', runs: 'every' }],
			steps: [{ id: 'tag', kind: 'tag.add', tag: 'demo' }]
		};
		const e = crm([entered]);
		expect(codeOf(run(e, { type: 'pipeline.deleted', pipeline: 'sales' }))).toBe('pipeline.has_deals');
		expect(codeOf(run(e, { type: 'pipeline.deleted', pipeline: 'sales', moveTo: { pipeline: 'partners', stage: 'nope' } }))).toBe('pipeline.has_deals');
		must(e, { type: 'pipeline.deleted', at, pipeline: 'sales', moveTo: { pipeline: 'partners', stage: 'signed' } });
		expect(e.world.catalog.pipelines.has('sales')).toBe(false);
		expect(e.world.deals.get('d1')).toMatchObject({ pipeline: 'partners', stage: 'signed' });
		expect(whereIs(e, 'c1', 'partner-welcome')).toBe('completed@tag');
		// An empty pipeline goes without a destination.
		must(e, { type: 'pipeline.saved', at, pipeline: { id: 'tmp', name: 'Tmp', stages: [{ id: 'a', name: 'A' }] } });
		must(e, { type: 'pipeline.deleted', at, pipeline: 'tmp' });
		expect(codeOf(run(e, { type: 'pipeline.deleted', pipeline: 'tmp' }))).toBe('input.unknown_pipeline');
	});
});

describe('team members', () => {
	it('adds and renames users with a valid email', () => {
		const e = crm();
		must(e, { type: 'user.saved', at, user: { id: 'carol', name: 'Carol', email: 'carol@example.com' } });
		must(e, { type: 'user.saved', at, user: { id: 'carol', name: 'Carol B.', email: ' carol@example.com ' } });
		expect(e.world.catalog.users.get('carol')).toEqual({ id: 'carol', name: 'Carol B.', email: 'carol@example.com' });
		expect(codeOf(run(e, { type: 'user.saved', user: { id: 'dan', name: 'Dan', email: 'not an email' } }))).toBe('input.invalid_email');
		expect(codeOf(run(e, { type: 'user.saved', user: { id: 'dan', name: '', email: 'dan@example.com' } }))).toBe('input.invalid_user');
	});

	it('deleting a user hands their deals, tasks and accounts over', () => {
		const e = crm();
		must(e, { type: 'deal.task_added', at, deal: 'd1', task: { type: 'call', title: 'Call back', assignee: 'alice' } });
		expect(codeOf(run(e, { type: 'user.deleted', user: 'alice', reassignTo: 'alice' }))).toBe('input.unknown_user');
		must(e, { type: 'user.deleted', at, user: 'alice', reassignTo: 'bob' });
		expect(e.world.catalog.users.has('alice')).toBe(false);
		expect(e.world.deals.get('d1')!.owner).toBe('bob');
		expect(e.world.deals.get('d1')!.tasks[0].assignee).toBe('bob');
		expect(e.world.accounts.get('acme')!.owner).toBe('bob');
		must(e, { type: 'user.deleted', at, user: 'bob' });
		expect(e.world.deals.get('d1')!.owner).toBeNull();
		expect(e.world.accounts.get('acme')!.owner).toBeNull();
	});

	it('refuses to delete a user an automation names', () => {
		const e = crm([{ id: 'own', name: 'Give to Bob', status: 'active', triggers: [], steps: [{ id: 'o', kind: 'deal.update_owner', owner: 'bob' }] }]);
		expect(codeOf(run(e, { type: 'user.deleted', user: 'bob' }))).toBe('crm.in_use');
		expect(e.world.catalog.users.has('bob')).toBe(true);
	});
});

describe('custom deal and account fields', () => {
	it('saves fields (choices need options) and deleting one clears its values', () => {
		const e = crm();
		must(e, { type: 'crm_field.saved', at, target: 'deal', field: { key: 'source', label: 'Source', type: 'dropdown', options: ['Web', 'Fair'] } });
		expect(codeOf(run(e, { type: 'crm_field.saved', target: 'deal', field: { key: 'size', label: 'Size', type: 'dropdown' } }))).toBe('input.field_options');
		expect(codeOf(run(e, { type: 'crm_field.saved', target: 'deal', field: { key: 'Bad Key', label: 'X', type: 'text' } }))).toBe('input.invalid_field');
		must(e, { type: 'crm_field.saved', at, target: 'account', field: { key: 'industry', label: 'Industry', type: 'text' } });
		must(e, { type: 'deal.updated', at, deal: 'd1', changes: { fields: { source: 'Fair' } } });
		must(e, { type: 'account.updated', at, account: { id: 'acme', name: 'Acme', owner: 'alice', fields: { industry: 'Coffee' } } });
		expect(codeOf(run(e, { type: 'deal.updated', deal: 'd1', changes: { fields: { nope: 1 } } }))).toBe('input.unknown_deal_field');
		expect(codeOf(run(e, { type: 'account.updated', account: { id: 'acme', name: 'Acme', fields: { nope: 1 } } }))).toBe('input.unknown_account_field');
		must(e, { type: 'crm_field.deleted', at, target: 'deal', field: 'source' });
		must(e, { type: 'crm_field.deleted', at, target: 'account', field: 'industry' });
		expect(e.world.deals.get('d1')!.fields).toEqual({});
		expect(e.world.accounts.get('acme')!.fields).toEqual({});
		expect(codeOf(run(e, { type: 'crm_field.deleted', target: 'deal', field: 'source' }))).toBe('input.unknown_field');
	});
});

describe('deals', () => {
	it('checks owners, currencies, titles and values', () => {
		const e = crm();
		expect(codeOf(run(e, { type: 'deal.updated', deal: 'd1', changes: { owner: 'zoe' } }))).toBe('input.unknown_user');
		expect(codeOf(run(e, { type: 'deal.updated', deal: 'd1', changes: { currency: 'euro' } }))).toBe('input.deal_currency');
		expect(codeOf(run(e, { type: 'deal.updated', deal: 'd1', changes: { title: '  ' } }))).toBe('input.deal_title');
		expect(codeOf(run(e, { type: 'deal.updated', deal: 'd1', changes: { value: NaN } }))).toBe('input.deal_value');
		expect(codeOf(run(e, { type: 'deal.created', deal: { ...deal({ id: 'd2', owner: 'zoe' }), status: 'open', score: 0 } }))).toBe('input.unknown_user');
		expect(e.world.deals.get('d1')).toMatchObject({ owner: 'alice', currency: 'EUR', title: 'Big one' });
	});

	it('moving a deal to a stage enters the stage automation for its contact', () => {
		const e = crm([toDemo]);
		must(e, { type: 'deal.updated', at, deal: 'd1', changes: { stage: 'demo' } });
		expect(whereIs(e, 'c1', 'demo-follow-up')).toBe('completed@tag');
		expect(whereIs(e, 'c2', 'demo-follow-up')).toBe('never');
	});

	it('relinks a deal to another contact: later deal triggers concern that contact', () => {
		const e = crm([toDemo]);
		expect(codeOf(run(e, { type: 'deal.linked', deal: 'd1', contact: 'nobody' }))).toBe('input.unknown_contact');
		expect(codeOf(run(e, { type: 'deal.linked', deal: 'd1', account: 'nowhere' }))).toBe('input.unknown_account');
		must(e, { type: 'deal.linked', at, deal: 'd1', contact: 'c2', account: null });
		const w = e.world;
		expect(w.contactDeals(w.contact('c1')!).map((d) => d.id)).toEqual([]);
		expect(w.contactDeals(w.contact('c2')!).map((d) => d.id)).toEqual(['d1']);
		expect(w.deals.get('d1')!.account).toBeNull();
		must(e, { type: 'deal.updated', at, deal: 'd1', changes: { stage: 'demo' } });
		expect(whereIs(e, 'c2', 'demo-follow-up')).toBe('completed@tag');
		expect(whereIs(e, 'c1', 'demo-follow-up')).toBe('never');
		must(e, { type: 'deal.linked', at, deal: 'd1', contact: null });
		expect(w.deals.get('d1')!.contact).toBe(-1);
	});

	it('deletes a deal, and the deletion survives a snapshot', () => {
		const e = crm();
		must(e, { type: 'deal.deleted', at, deal: 'd1' });
		expect(e.world.deals.has('d1')).toBe(false);
		expect(e.world.contactDeals(e.world.contact('c1')!)).toEqual([]);
		expect(e.world.dirtyDeals.has('d1')).toBe(true);
		expect(restoreEngine(snapshot(e)).world.deals.size).toBe(0);
		expect(codeOf(run(e, { type: 'deal.deleted', deal: 'd1' }))).toBe('input.unknown_deal');
	});
});

describe('tasks and notes', () => {
	const completed = {
		id: 'after-call',
		name: 'After the call',
		status: 'active',
		triggers: [{ id: 't', kind: 'deal.task_completed', taskType: 'call', runs: 'every' }],
		steps: [{ id: 'tag', kind: 'tag.add', tag: 'demo' }]
	};

	it('adds, edits, completes (a trigger), reopens and deletes tasks', () => {
		const e = crm([completed]);
		expect(codeOf(run(e, { type: 'deal.task_added', deal: 'd1', task: { type: 'call', title: ' ' } }))).toBe('input.task_title');
		expect(codeOf(run(e, { type: 'deal.task_added', deal: 'd1', task: { type: 'call', title: 'Call', assignee: 'zoe' } }))).toBe('input.unknown_user');
		must(e, { type: 'deal.task_added', at, deal: 'd1', task: { type: 'call', title: ' Call back ', due: at + 24 * HOUR, assignee: 'bob' } });
		const d = e.world.deals.get('d1')!;
		expect(d.tasks).toHaveLength(1);
		const t = d.tasks[0];
		expect(t).toMatchObject({ type: 'call', title: 'Call back', due: at + 24 * HOUR, assignee: 'bob', done: false });
		must(e, { type: 'deal.task_updated', at, deal: 'd1', task: t.id, changes: { title: 'Call the buyer', due: null, assignee: null } });
		expect(t).toMatchObject({ title: 'Call the buyer', due: null, assignee: null });
		expect(whereIs(e, 'c1', 'after-call')).toBe('never');
		must(e, { type: 'deal.task_updated', at: at + HOUR, deal: 'd1', task: t.id, changes: { done: true } });
		expect(t).toMatchObject({ done: true, doneAt: at + HOUR });
		expect(whereIs(e, 'c1', 'after-call')).toBe('completed@tag');
		must(e, { type: 'deal.task_updated', at: at + HOUR, deal: 'd1', task: t.id, changes: { done: false } });
		expect(t).toMatchObject({ done: false, doneAt: null });
		expect(codeOf(run(e, { type: 'deal.task_updated', deal: 'd1', task: 'nope', changes: { done: true } }))).toBe('input.unknown_task');
		must(e, { type: 'deal.task_deleted', at: at + HOUR, deal: 'd1', task: t.id });
		expect(d.tasks).toEqual([]);
	});

	it('task ids stay unique within a deal even when files used the engine\'s pattern', () => {
		const e = engineWith({ pipelines, users, contacts, accounts, deals: [{ ...deal(), tasks: [{ id: 'task-1', title: 'Imported' }] }] });
		must(e, { type: 'deal.task_added', at, deal: 'd1', task: { type: 'todo', title: 'New' } });
		const ids = e.world.deals.get('d1')!.tasks.map((t) => t.id);
		expect(new Set(ids).size).toBe(2);
	});

	it('adds notes to deals and accounts at the virtual time, refusing empty ones', () => {
		const e = crm();
		must(e, { type: 'deal.note_added', at, deal: 'd1', text: ' Met at the fair ', by: 'alice' });
		must(e, { type: 'account.note_added', at, account: 'acme', text: 'Key account' });
		expect(e.world.deals.get('d1')!.notes).toEqual([{ at, text: 'Met at the fair', by: 'alice' }]);
		expect(e.world.accounts.get('acme')!.notes).toEqual([{ at, text: 'Key account' }]);
		expect(codeOf(run(e, { type: 'deal.note_added', deal: 'd1', text: '  ' }))).toBe('input.empty_note');
		expect(codeOf(run(e, { type: 'account.note_added', account: 'nope', text: 'x' }))).toBe('input.unknown_account');
	});
});

describe('accounts', () => {
	it('puts contacts in accounts and deletes accounts, unlinking contacts and deals', () => {
		const e = crm();
		expect(codeOf(run(e, { type: 'account.updated', account: { id: 'globex', name: 'Globex', owner: 'zoe' } }))).toBe('input.unknown_user');
		must(e, { type: 'account.updated', at, account: { id: 'globex', name: 'Globex', owner: 'bob' } });
		must(e, { type: 'account.contact_set', at, contact: 'c2', account: 'globex' });
		expect(e.world.contact('c2')!.account).toBe('globex');
		expect(codeOf(run(e, { type: 'account.contact_set', contact: 'c2', account: 'nope' }))).toBe('input.unknown_account');
		must(e, { type: 'account.deleted', at, account: 'acme' });
		expect(e.world.accounts.has('acme')).toBe(false);
		expect(e.world.contact('c1')!.account).toBeNull();
		expect(e.world.deals.get('d1')!.account).toBeNull();
		expect(e.world.dirtyAccounts.has('acme')).toBe(true);
		must(e, { type: 'account.contact_set', at, contact: 'c2', account: null });
		expect(e.world.contact('c2')!.account).toBeNull();
	});
});
