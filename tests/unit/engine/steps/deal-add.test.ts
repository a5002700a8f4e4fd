import { describe, expect, it } from 'vitest';
import { codes, CRM, diagnose, run, stepLogs, T0, where } from './util';

describe('deal.add', () => {
	it('creates a deal that becomes the deal in context of the run', () => {
		const e = run(
			[
				{
					id: 'add',
					kind: 'deal.add',
					pipeline: 'sales',
					title: 'Deal for %FIRSTNAME% %LASTNAME%',
					value: 2500,
					currency: 'EUR',
					owner: 'u1',
					fields: { source: 'Webinar %EMAIL%', seats: '12', tier: 'gold' },
					next: 'stage'
				},
				{ id: 'stage', kind: 'deal.update_stage', pipeline: 'sales', stage: 'qualified' }
			],
			{ ...CRM, contacts: [{ id: 'c1', email: 'anna@example.com', firstName: 'Anna', lastName: 'Smith', account: 'acme' }] }
		);
		const d = e.world.deals.get('deal-1')!;
		expect(d).toEqual({
			id: 'deal-1',
			contact: 0,
			account: 'acme',
			pipeline: 'sales',
			stage: 'qualified',
			title: 'Deal for Anna Smith',
			value: 2500,
			currency: 'EUR',
			owner: 'u1',
			status: 'open',
			score: 0,
			fields: { source: 'Webinar anna@example.com', seats: 12, tier: 'Gold' },
			tasks: [],
			notes: [],
			createdAt: T0,
			updatedAt: T0
		});
		expect(stepLogs(e, 'add')).toEqual([{ code: 'step_done', detail: { deal: 'deal-1' } }]);
		expect(e.runs.extra[0]?.dealId).toBe('deal-1');
		expect(e.world.dirtyDeals.has('deal-1')).toBe(true);
	});

	it('announces the deal to deal triggers, which get it as their deal in context', () => {
		const board = {
			id: 'board',
			name: 'Board',
			status: 'active',
			triggers: [{ id: 'p', kind: 'deal.entered_pipeline', pipeline: 'sales', runs: 'every' }],
			steps: [{ id: 'won', kind: 'deal.update_status', status: 'won' }]
		};
		const e = run(
			[
				{ id: 'old', kind: 'deal.add', pipeline: 'renewals', title: 'Older', next: 'add' },
				{ id: 'add', kind: 'deal.add', pipeline: 'sales', title: 'New' }
			],
			CRM,
			{ others: [board] }
		);
		expect(where(e, 'c1', 'board')).toBe('completed@won');
		expect(e.world.deals.get('deal-2')!.status).toBe('won');
		expect(e.world.deals.get('deal-1')!.status).toBe('open');
		expect(e.world.deals.get('deal-1')!.stage).toBe('due');
	});

	it('skips a custom field value that does not fit and falls back to a title', () => {
		const e = run(
			[{ id: 'add', kind: 'deal.add', pipeline: 'sales', stage: 'lead', title: '%LASTNAME%', fields: { seats: '%FIRSTNAME%' } }],
			{ ...CRM, contacts: [{ id: 'c1', email: 'x@example.com', firstName: 'Zed' }] }
		);
		expect(e.world.deals.get('deal-1')!.title).toBe('Zed');
		expect(e.world.deals.get('deal-1')!.fields).toEqual({});
		expect(stepLogs(e, 'add')[0]).toEqual({ code: 'step_skipped', detail: { field: 'seats', reason: 'not_a_number', value: 'Zed' } });
	});

	it('validates pipeline, stage, owner and fields', () => {
		expect(codes(diagnose([{ id: 'a', kind: 'deal.add', pipeline: 'nope', title: 'T' }], CRM))).toEqual(['ref.pipeline@error']);
		expect(
			codes(diagnose([{ id: 'a', kind: 'deal.add', pipeline: 'sales', stage: 'due', owner: 'ghost', title: 'T', fields: { ghost: 1, tier: 'Platinum' } }], CRM))
		).toEqual(['ref.stage@error', 'ref.user@error', 'ref.deal_field@error', 'deal.field_value@error']);
		expect(codes(diagnose([{ id: 'a', kind: 'deal.add', pipeline: 'sales', title: 'T', currency: 'euro' }], CRM))).toEqual(['step.invalid@error']);
	});

	it('needs the Pipelines or Sales engagement add-on', () => {
		const plan = { tier: 'enterprise', addons: ['sms'] };
		expect(codes(diagnose([{ id: 'a', kind: 'deal.add', pipeline: 'sales', title: 'T' }], { ...CRM, plan }))).toEqual(['plan.unavailable@error']);
		expect(codes(diagnose([{ id: 'a', kind: 'deal.add', pipeline: 'sales', title: 'T' }], { ...CRM, plan: { tier: 'starter', addons: ['sales_engagement'] } }))).toEqual([]);
	});
});
