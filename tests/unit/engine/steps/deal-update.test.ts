import { describe, expect, it } from 'vitest';
import { codes, CRM, DEAL, diagnose, run, stepLogs, where } from './util';

const ws = { ...CRM, deals: [DEAL], fields: [{ key: 'source', label: 'Source', type: 'text' }], contacts: [{ id: 'c1', email: 'anna@example.com', firstName: 'Anna', fields: { source: 'Referral' } }] };

describe('deal updates', () => {
	it('changes title, status, owner, value, stage and score of the deal in context', () => {
		const e = run(
			[
				{ id: 'title', kind: 'deal.update_title', title: '%DEAL_TITLE% (Anna)', next: 'owner' },
				{ id: 'owner', kind: 'deal.update_owner', owner: 'u2', next: 'value' },
				{ id: 'value', kind: 'deal.update_value', value: 1200, currency: 'USD', next: 'stage' },
				{ id: 'stage', kind: 'deal.update_stage', pipeline: 'sales', stage: 'qualified', next: 'score' },
				{ id: 'score', kind: 'deal.score_adjust', op: 'add', value: 15, next: 'status' },
				{ id: 'status', kind: 'deal.update_status', status: 'won', next: 'again' },
				{ id: 'again', kind: 'deal.update_status', status: 'won' }
			],
			ws
		);
		const d = e.world.deals.get('d1')!;
		expect([d.title, d.owner, d.value, d.currency, d.stage, d.score, d.status]).toEqual(['Acme renewal (Anna)', 'u2', 1200, 'USD', 'qualified', 15, 'won']);
		expect(stepLogs(e, 'value')).toEqual([{ code: 'step_done', detail: { deal: 'd1', from: { value: 1000, currency: 'EUR' }, to: { value: 1200, currency: 'USD' } } }]);
		expect(stepLogs(e, 'again')).toEqual([{ code: 'step_skipped', detail: { reason: 'unchanged', deal: 'd1' } }]);
	});

	it('fires deal triggers (stage changes, status changes)', () => {
		const watcher = {
			id: 'won',
			name: 'Won',
			status: 'active',
			triggers: [{ id: 's', kind: 'deal.status_changed', to: 'won', runs: 'every' }],
			steps: [{ id: 'tag', kind: 'tag.add', tag: 'customer' }]
		};
		const e = run([{ id: 'status', kind: 'deal.update_status', status: 'won' }], ws, { others: [watcher] });
		expect(where(e, 'c1', 'won')).toBe('completed@tag');
		expect(e.world.contact('c1')!.tags).toEqual(['customer']);
	});

	it('sets, copies and clears a custom deal field', () => {
		const e = run(
			[
				{ id: 'set', kind: 'deal.update_field', field: 'tier', mode: 'set', value: 'silver', next: 'copy' },
				{ id: 'copy', kind: 'deal.update_field', field: 'source', mode: 'copy', from: 'source', next: 'seats' },
				{ id: 'seats', kind: 'deal.update_field', field: 'seats', mode: 'set', value: '%FIRSTNAME%', next: 'clear' },
				{ id: 'clear', kind: 'deal.update_field', field: 'tier', mode: 'clear' }
			],
			ws
		);
		expect(stepLogs(e, 'set')).toEqual([{ code: 'step_done', detail: { deal: 'd1', field: 'tier', from: null, to: 'Silver' } }]);
		expect(stepLogs(e, 'seats')).toEqual([{ code: 'step_skipped', detail: { reason: 'not_a_number', deal: 'd1', value: 'Anna' } }]);
		expect(e.world.deals.get('d1')!.fields).toEqual({ source: 'Referral' });
	});

	it('skips every deal action when there is no deal', () => {
		const steps = [
			{ id: 't', kind: 'deal.update_title', title: 'x', next: 's' },
			{ id: 's', kind: 'deal.update_status', status: 'lost', next: 'f' },
			{ id: 'f', kind: 'deal.update_field', field: 'tier', mode: 'clear', next: 'k' },
			{ id: 'k', kind: 'deal.score_adjust', op: 'reset' }
		];
		const e = run(steps, CRM);
		for (const id of ['t', 's', 'f', 'k']) expect(stepLogs(e, id)).toEqual([{ code: 'step_skipped', detail: { reason: 'no_deal' } }]);
		expect(where(e)).toBe('completed@k');
	});

	it('validates users, stages, fields and modes', () => {
		expect(codes(diagnose([{ id: 'o', kind: 'deal.update_owner', owner: 'ghost' }], CRM))).toEqual(['ref.user@error']);
		expect(codes(diagnose([{ id: 's', kind: 'deal.update_stage', pipeline: 'renewals', stage: 'lead' }], CRM))).toEqual(['ref.stage@error']);
		expect(codes(diagnose([{ id: 'f', kind: 'deal.update_field', field: 'tier', mode: 'set' }], CRM))).toEqual(['deal.field_value_missing@error']);
		expect(codes(diagnose([{ id: 'f', kind: 'deal.update_field', field: 'tier', mode: 'set', value: 'Platinum' }], CRM))).toEqual(['deal.field_value@error']);
		expect(codes(diagnose([{ id: 'f', kind: 'deal.update_field', field: 'ghost', mode: 'copy' }], CRM))).toEqual(['ref.deal_field@error', 'deal.field_from_missing@error']);
		expect(codes(diagnose([{ id: 'k', kind: 'deal.score_adjust', op: 'add' }], CRM))).toEqual(['score.value_missing@error']);
	});
});
