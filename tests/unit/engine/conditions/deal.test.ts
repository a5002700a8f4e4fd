/** Deal conditions: pipeline / stage / status / deal fields, and the deal in context. */
import { describe, expect, it } from 'vitest';
import { holds, table, worldAt } from './harness';

const ws = {
	users: [{ id: 'u1', name: 'Ursula', email: 'u1@corp.io' }],
	pipelines: [
		{ id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }, { id: 'proposal', name: 'Proposal' }] },
		{ id: 'support', name: 'Support', stages: [{ id: 'new', name: 'New' }, { id: 'done', name: 'Done' }] }
	],
	dealFields: [
		{ key: 'region', label: 'Region', type: 'dropdown', options: ['EMEA', 'APAC'] },
		{ key: 'close_date', label: 'Close date', type: 'date' }
	],
	contacts: [{ id: 'c1', timeZone: 'Europe/Paris' }, { id: 'c2' }, { id: 'c3' }],
	deals: [
		{ id: 'd1', contact: 'c1', pipeline: 'sales', stage: 'proposal', title: 'Big Deal', value: 5000, owner: 'u1', fields: { region: 'EMEA', close_date: '2026-03-10' } },
		{ id: 'd2', contact: 'c1', pipeline: 'support', stage: 'new', title: 'Ticket', value: 10, status: 'lost' },
		{ id: 'd3', contact: 'c2', pipeline: 'sales', stage: 'lead', title: 'Small', value: 200, status: 'won' },
		{ id: 'd4', pipeline: 'support', stage: 'done', title: 'Orphan' }
	]
};
const deal = (extra: Record<string, unknown>, op = 'has') => ({ kind: 'deal', op, ...extra });

describe('deal conditions', () => {
	table(() => worldAt(ws), [
		['has any deal', deal({}), { c1: true, c2: true, c3: false }],
		['in a pipeline', deal({ pipeline: 'sales' }), { c1: true, c2: true, c3: false }],
		['at a stage', deal({ pipeline: 'sales', stage: 'proposal' }), { c1: true, c2: false, c3: false }],
		['with a status', deal({ status: 'won' }), { c1: false, c2: true, c3: false }],
		['status and pipeline on the same deal', deal({ pipeline: 'sales', status: 'lost' }), { c1: false, c2: false, c3: false }],
		['has not a deal in a pipeline', deal({ pipeline: 'support' }, 'has_not'), { c1: false, c2: true, c3: true }],
		['has not an open deal', deal({ status: 'open' }, 'has_not'), { c1: false, c2: true, c3: true }],
		['value above', deal({ field: { field: 'value', op: 'gt', value: 1000 } }), { c1: true, c2: false, c3: false }],
		['title contains (case-insensitive)', deal({ field: { field: 'title', op: 'contains', value: 'big' } }), { c1: true, c2: false, c3: false }],
		['custom dropdown field', deal({ field: { field: 'region', op: 'eq', value: 'emea' } }), { c1: true, c2: false, c3: false }],
		['custom date field within the next 7 days', deal({ field: { field: 'close_date', op: 'within_next', days: 7 } }), { c1: true, c2: false, c3: false }],
		['custom date field before today+5', deal({ field: { field: 'close_date', op: 'before', value: 'today+5' } }), { c1: false, c2: false, c3: false }],
		['owner', deal({ field: { field: 'owner', op: 'eq', value: 'u1' } }), { c1: true, c2: false, c3: false }],
		['field and stage must hold on one deal', deal({ pipeline: 'support', field: { field: 'value', op: 'gt', value: 1000 } }), { c1: false, c2: false, c3: false }]
	]);

	it('also considers the deal in context (deal triggers) even when not linked to the contact', () => {
		const e = worldAt(ws);
		const cond = deal({ pipeline: 'support', stage: 'done' });
		expect(holds(e, cond, 'c3')).toBe(false);
		expect(holds(e, cond, 'c3', 'd4')).toBe(true);
	});

	it('sees deal updates', () => {
		const e = worldAt(ws);
		expect(holds(e, deal({ status: 'won' }), 'c1')).toBe(false);
		e.apply({ type: 'deal.updated', at: e.now, deal: 'd1', changes: { status: 'won' } });
		expect(holds(e, deal({ status: 'won', pipeline: 'sales' }), 'c1')).toBe(true);
	});
});
