import { describe, expect, it } from 'vitest';
import { codes, CRM, DEAL, diagnose, run, stepLogs, T0 } from './util';

const inAcme = [{ id: 'c1', email: 'anna@example.com', firstName: 'Anna', account: 'acme', fields: { company: 'Globex' } }];
const fields = [{ key: 'company', label: 'Company', type: 'text' }];

describe('account actions', () => {
	it('updates fields, owner and notes of the contact\'s account', () => {
		const e = run(
			[
				{ id: 'ind', kind: 'account.update_field', field: 'industry', value: 'Retail (%FIRSTNAME%)', next: 'emp' },
				{ id: 'emp', kind: 'account.update_field', field: 'employees', value: '250', next: 'owner' },
				{ id: 'owner', kind: 'account.update_owner', owner: 'u1', next: 'note' },
				{ id: 'note', kind: 'account.note_add', text: '%FIRSTNAME% of %ACCOUNT_NAME% (owner %ACCOUNT_OWNER_NAME%), deal %DEAL_TITLE%' }
			],
			{ ...CRM, fields, contacts: inAcme, deals: [DEAL] }
		);
		const a = e.world.accounts.get('acme')!;
		expect(a.fields).toEqual({ industry: 'Retail (Anna)', employees: 250 });
		expect(a.owner).toBe('u1');
		expect(a.notes).toEqual([{ at: T0, text: 'Anna of Acme Corp (owner Ursula Owner), deal Acme renewal', by: 'automation:a' }]);
		expect(stepLogs(e, 'owner')).toEqual([{ code: 'step_done', detail: { account: 'acme', from: 'u2', to: 'u1' } }]);
		expect(e.world.dirtyAccounts.has('acme')).toBe(true);
	});

	it('skips without an account', () => {
		const e = run([{ id: 'note', kind: 'account.note_add', text: 'hello' }], CRM);
		expect(stepLogs(e, 'note')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_account' } }]);
	});

	it('adds the contact to an account found by name, or creates it', () => {
		const e = run(
			[
				{ id: 'find', kind: 'account.add_contact', account: { name: '  ACME corp ' }, next: 'make' },
				{ id: 'make', kind: 'account.add_contact', account: { name: '%COMPANY%', create: true }, next: 'same' },
				{ id: 'same', kind: 'account.add_contact', account: { name: 'globex' }, next: 'missing' },
				{ id: 'missing', kind: 'account.add_contact', account: { name: 'Initech' } }
			],
			{ ...CRM, fields, contacts: [{ id: 'c1', fields: { company: 'Globex' } }] }
		);
		expect(stepLogs(e, 'find')).toEqual([{ code: 'step_done', detail: { account: 'acme', created: false } }]);
		expect(stepLogs(e, 'make')).toEqual([{ code: 'step_done', detail: { account: 'account-2', created: true } }]);
		expect(e.world.accounts.get('account-2')).toEqual({ id: 'account-2', name: 'Globex', owner: null, fields: {}, notes: [] });
		expect(stepLogs(e, 'same')).toEqual([{ code: 'step_skipped', detail: { reason: 'already_in_account', account: 'account-2' } }]);
		expect(stepLogs(e, 'missing')).toEqual([{ code: 'step_skipped', detail: { reason: 'account_not_found' } }]);
		expect(e.world.contact('c1')!.account).toBe('account-2');
	});

	it('adds the contact to an account by id', () => {
		const e = run([{ id: 'by', kind: 'account.add_contact', account: { id: 'acme' } }], CRM);
		expect(e.world.contact('c1')!.account).toBe('acme');
	});

	it('validates fields and owners', () => {
		expect(codes(diagnose([{ id: 'f', kind: 'account.update_field', field: 'ghost', value: 'x' }], CRM))).toEqual(['ref.field@error']);
		expect(codes(diagnose([{ id: 'f', kind: 'account.update_field', field: 'employees', value: 'many' }], CRM))).toEqual(['account.field_value@error']);
		expect(codes(diagnose([{ id: 'f', kind: 'account.update_field', field: 'owner', value: 'u1' }], CRM))).toEqual(['account.field_owner@error']);
		expect(codes(diagnose([{ id: 'o', kind: 'account.update_owner', owner: 'ghost' }], CRM))).toEqual(['ref.user@error']);
		expect(codes(diagnose([{ id: 'n', kind: 'account.note_add', text: '%ACCOUNT_NAME% %DEAL_TITLE% %ACCOUNT_INDUSTRY%' }], CRM))).toEqual([]);
	});
});
