// Read models of the CRM screens and the ids the worker makes for new records.
import { describe, expect, it } from 'vitest';
import { engineWith, must, T0 } from '../engine/helpers';
import { DAY, HOUR } from '../../../src/lib/engine/core/time';
import { accountDetailOf, accountsOf, boardOf, crmCatalogOf, dealDetailOf } from '../../../src/lib/worker/crm/views';
import { fieldKey, slugId } from '../../../src/lib/worker/crm/ids';

function crm() {
	const e = engineWith({
		users: [{ id: 'alice', name: 'Alice Moreau', email: 'alice@example.com' }],
		pipelines: [{ id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }, { id: 'proposal', name: 'Proposal' }] }],
		accounts: [{ id: 'acme', name: 'Acme', owner: 'alice' }],
		contacts: [
			{ id: 'c1', email: 'lea@example.com', firstName: 'Léa', lastName: 'Martin', account: 'acme' },
			{ id: 'c2', email: 'hugo@example.com', firstName: 'Hugo' }
		],
		deals: [
			{ id: 'd1', contact: 'c1', account: 'acme', pipeline: 'sales', stage: 'lead', title: 'Big', value: 5000, currency: 'EUR', owner: 'alice', createdAt: '2026-03-01T09:00:00Z' },
			{ id: 'd2', contact: 'c2', pipeline: 'sales', stage: 'lead', title: 'Small', value: 100, currency: 'EUR', createdAt: '2026-03-01T10:00:00Z' },
			{ id: 'd3', pipeline: 'sales', stage: 'proposal', title: 'Export', value: 700, currency: 'USD', status: 'won', createdAt: '2026-03-01T11:00:00Z' }
		],
		automations: [
			{
				id: 'follow',
				name: 'Follow-up',
				status: 'active',
				triggers: [{ id: 't', kind: 'deal.stage_changed', to: 'proposal', runs: 'every' }],
				steps: [{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 1 } } }]
			}
		]
	});
	return e;
}

describe('board', () => {
	it('groups open deals by stage with totals per currency; filters by status, owner and text; sorts', () => {
		const e = crm();
		const b = boardOf(e, 'sales')!;
		expect(b.stages.map((s) => [s.id, s.deals.map((d) => d.id), s.totals])).toEqual([
			['lead', ['d2', 'd1'], [{ currency: 'EUR', value: 5100 }]],
			['proposal', [], []]
		]);
		expect(boardOf(e, 'sales', { status: 'won' })!.stages[1].deals.map((d) => d.id)).toEqual(['d3']);
		expect(boardOf(e, 'sales', { status: 'all', sort: 'value' })!.stages.flatMap((s) => s.deals.map((d) => d.id))).toEqual(['d1', 'd2', 'd3']);
		expect(boardOf(e, 'sales', { owner: 'alice' })!.stages[0].deals.map((d) => d.id)).toEqual(['d1']);
		expect(boardOf(e, 'sales', { owner: '-' })!.stages[0].deals.map((d) => d.id)).toEqual(['d2']);
		expect(boardOf(e, 'sales', { search: 'acme' })!.stages[0].deals.map((d) => d.id)).toEqual(['d1']);
		expect(boardOf(e, 'sales', { search: 'HUGO@' })!.stages[0].deals.map((d) => d.id)).toEqual(['d2']);
		expect(boardOf(e, 'nope')).toBeNull();
	});

	it('cards show people, accounts and open/overdue tasks; a moved deal comes first when sorted by update', () => {
		const e = crm();
		must(e, { type: 'deal.task_added', at: T0, deal: 'd1', task: { type: 'call', title: 'Call', due: T0 + HOUR } });
		must(e, { type: 'deal.task_added', at: T0, deal: 'd1', task: { type: 'todo', title: 'Quote', due: T0 + 3 * DAY } });
		must(e, { type: 'clock.advanced', at: T0 + DAY });
		const card = boardOf(e, 'sales')!.stages[0].deals.find((d) => d.id === 'd1')!;
		expect(card).toMatchObject({ owner: { id: 'alice', name: 'Alice Moreau' }, contact: { id: 'c1', name: 'Léa Martin', email: 'lea@example.com' }, account: { id: 'acme', name: 'Acme' }, openTasks: 2, overdueTasks: 1, nextDue: T0 + HOUR });
		must(e, { type: 'deal.updated', at: T0 + DAY, deal: 'd2', changes: { stage: 'proposal' } });
		must(e, { type: 'deal.updated', at: T0 + DAY + 1, deal: 'd1', changes: { stage: 'proposal' } });
		expect(boardOf(e, 'sales')!.stages[1].deals.map((d) => d.id)).toEqual(['d1', 'd2']);
	});
});

describe('deal detail', () => {
	it('lists the contact\'s automations and marks the runs this deal started', () => {
		const e = crm();
		must(e, { type: 'deal.updated', at: T0, deal: 'd1', changes: { stage: 'proposal' } });
		const d = dealDetailOf(e, 'd1')!;
		expect(d.automations).toEqual([
			{ automation: 'follow', name: 'Follow-up', status: 'waiting', step: 'w', stepName: { kind: 'wait', label: 'Wait', named: false, waitMs: DAY }, entered: T0, byThisDeal: true }
		]);
		expect(d.stage).toEqual({ id: 'proposal', name: 'Proposal' });
		expect(dealDetailOf(e, 'd3')!.automations).toEqual([]);
		expect(dealDetailOf(e, 'nope')).toBeNull();
	});
});

describe('catalog and accounts', () => {
	it('counts deals per stage and owner, currencies by use', () => {
		const c = crmCatalogOf(crm());
		expect(c.pipelines[0].stages.map((s) => s.deals)).toEqual([2, 1]);
		expect(c.users[0]).toMatchObject({ deals: 1, accounts: 1, openTasks: 0 });
		expect(c.currencies).toEqual(['EUR', 'USD']);
	});

	it('lists accounts with contacts, deals and open value', () => {
		const e = crm();
		expect(accountsOf(e)).toEqual([{ id: 'acme', name: 'Acme', owner: { id: 'alice', name: 'Alice Moreau' }, contacts: 1, deals: 1, openValue: [{ currency: 'EUR', value: 5000 }] }]);
		expect(accountsOf(e, 'zzz')).toEqual([]);
		expect(accountDetailOf(e, 'acme')!.contacts.map((c) => c.id)).toEqual(['c1']);
		expect(accountDetailOf(e, 'acme')!.deals.map((d) => [d.id, d.stage])).toEqual([['d1', 'Lead']]);
	});
});

describe('ids', () => {
	it('makes readable unique slugs and field keys', () => {
		const taken = new Set(['proposal-sent']);
		expect(slugId('Proposal sent', (x) => taken.has(x), 'stage')).toBe('proposal-sent-2');
		expect(slugId('Dégustation réservée !', () => false, 'stage')).toBe('degustation-reservee');
		expect(slugId('???', () => false, 'stage')).toBe('stage');
		expect(fieldKey('Taille de l’entreprise', () => false)).toBe('taille_de_l_entreprise');
		expect(fieldKey('2024 budget', () => false)).toBe('f_2024_budget');
		expect(fieldKey('Source', (k) => k === 'source')).toBe('source_2');
	});
});
