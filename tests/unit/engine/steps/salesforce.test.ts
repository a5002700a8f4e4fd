import { describe, expect, it } from 'vitest';
import { codes, diagnose, expectPlainJson, must, run, stepLogs, T0, where } from './util';

const fields = [{ key: 'sf_id', label: 'Salesforce id', type: 'text' }];
const ws = {
	fields,
	accounts: [{ id: 'acme', name: 'Acme Corp' }],
	contacts: [{ id: 'c1', email: 'anna@example.com', firstName: 'Anna', lastName: 'Smith', phone: '+33612345678', account: 'acme' }]
};
const next = { id: 'tag', kind: 'tag.add', tag: 'synced' };

describe('salesforce.create_contact / create_lead', () => {
	it('maps fields with defaults and saves the returned record id', () => {
		const e = run([{ id: 'sf', kind: 'salesforce.create_contact', mapping: { Title: 'Customer of %ACCOUNT_NAME%', Phone: '' }, saveIdTo: 'sf_id', next: 'tag' }, next], ws);
		const [fx] = e.takeEffects();
		expect(fx.kind).toBe('salesforce.create_contact');
		expect(fx.payload).toEqual({
			object: 'Contact',
			fields: { FirstName: 'Anna', LastName: 'Smith', Email: 'anna@example.com', Title: 'Customer of Acme Corp' }
		});
		expectPlainJson(fx.payload);
		expect(where(e)).toBe('waiting@sf');
		must(e, { type: 'effect.resolved', at: T0 + 2000, key: fx.key, ok: true, value: '0035g00000AbCdEAAA' });
		expect(e.world.contact('c1')!.fields.sf_id).toBe('0035g00000AbCdEAAA');
		expect(stepLogs(e, 'sf').at(-1)).toEqual({ code: 'result_received', detail: { key: fx.key, recordId: '0035g00000AbCdEAAA', field: 'sf_id' } });
		expect(where(e)).toBe('completed@tag');
	});

	it('fills required lead fields Salesforce would reject when empty', () => {
		const e = run([{ id: 'lead', kind: 'salesforce.create_lead' }], { contacts: [{ id: 'c1', email: 'x@example.com' }] });
		expect(e.takeEffects()[0].payload).toEqual({
			object: 'Lead',
			fields: { FirstName: '', LastName: '[not provided]', Email: 'x@example.com', Phone: '', Company: '[not provided]' }
		});
	});

	it('fails on an answer that is not a record id, and can exit', () => {
		const e = run([{ id: 'sf', kind: 'salesforce.create_lead', onFailure: 'exit', next: 'tag' }, next], ws);
		const [fx] = e.takeEffects();
		must(e, { type: 'effect.resolved', at: T0 + 1, key: fx.key, ok: true, value: 'oops' });
		expect(where(e)).toBe('exited@sf');
		expect(stepLogs(e, 'sf')[1]).toEqual({ code: 'result_failed', detail: { reason: 'invalid_record_id', value: 'oops' } });
	});

	it('validates the mapping and the id field', () => {
		expect(codes(diagnose([{ id: 'sf', kind: 'salesforce.create_lead', mapping: { Company: ' ' }, saveIdTo: 'email' }], { fields }))).toEqual([
			'salesforce.required@error',
			'salesforce.id_field@error'
		]);
		expect(codes(diagnose([{ id: 'sf', kind: 'salesforce.create_contact', mapping: { 'Bad Field': 'x' } }], { fields }))).toEqual(['step.invalid@error']);
		expect(codes(diagnose([{ id: 'sf', kind: 'salesforce.create_contact' }], { fields, plan: { tier: 'professional', addons: [] } }))).toEqual(['plan.unavailable@error']);
	});
});

describe('salesforce.add_to_campaign', () => {
	it('adds the contact by record id (or email) and waits for the answer', () => {
		const e = run([{ id: 'camp', kind: 'salesforce.add_to_campaign', campaign: '7015g000000XyZaAAK', idField: 'sf_id', next: 'tag' }, next], {
			...ws,
			contacts: [{ id: 'c1', email: 'anna@example.com', fields: { sf_id: '0035g00000AbCdEAAA' } }]
		});
		const [fx] = e.takeEffects();
		expect(fx.payload).toEqual({ campaignId: '7015g000000XyZaAAK', status: 'Sent', email: 'anna@example.com', recordId: '0035g00000AbCdEAAA' });
		expect(fx.awaitUntil).toBe(T0 + 60_000);
		must(e, { type: 'effect.resolved', at: T0 + 1, key: fx.key, ok: true, value: '00v5g00000AbCdEAAA' });
		expect(where(e)).toBe('completed@tag');
	});

	it('skips a contact Salesforce cannot match', () => {
		const e = run([{ id: 'camp', kind: 'salesforce.add_to_campaign', campaign: '7015g000000XyZaAAK' }], { contacts: [{ id: 'c1' }] });
		expect(stepLogs(e, 'camp')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_salesforce_record' } }]);
	});

	it('warns about ids that do not look like Salesforce ids', () => {
		expect(codes(diagnose([{ id: 'camp', kind: 'salesforce.add_to_campaign', campaign: 'spring' }]))).toEqual(['salesforce.campaign_id@warning']);
	});
});
