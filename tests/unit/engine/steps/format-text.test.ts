import { describe, expect, it } from 'vitest';
import { capitalize, extractPhone, extractUrl } from '../../../../src/lib/engine/steps/format-text';
import { codes, CRM, DEAL, diagnose, run, stepLogs } from './util';

const fields = [
	{ key: 'notes', label: 'Notes', type: 'textarea' },
	{ key: 'website', label: 'Website', type: 'text' },
	{ key: 'mobile', label: 'Mobile', type: 'text' },
	{ key: 'company', label: 'Company', type: 'text' },
	{ key: 'seats', label: 'Seats', type: 'number' }
];
const contact = {
	id: 'c1',
	email: 'anna@example.com',
	firstName: 'anna',
	lastName: 'SMITH-JONES',
	fields: { notes: 'Call me on 06 12 34 56 78 or see www.acme.example.com/offer?id=7. Thanks!', company: 'acme corp', seats: 12 }
};

describe('format.copy', () => {
	it('copies between contact, deal and account fields, coercing to the output type', () => {
		const e = run(
			[
				{ id: 'c1', kind: 'format.copy', from: { source: 'contact', field: 'seats' }, to: { source: 'deal', field: 'seats' }, next: 'c2' },
				{ id: 'c2', kind: 'format.copy', from: { source: 'deal', field: 'title' }, to: { source: 'contact', field: 'company' }, next: 'c3' },
				{ id: 'c3', kind: 'format.copy', from: { source: 'contact', field: 'seats' }, to: { source: 'account', field: 'employees' }, next: 'c4' },
				{ id: 'c4', kind: 'format.copy', from: { source: 'contact', field: 'website' }, to: { source: 'contact', field: 'company' } }
			],
			{ ...CRM, fields, contacts: [{ ...contact, account: 'acme' }], deals: [DEAL] }
		);
		expect(e.world.deals.get('d1')!.fields.seats).toBe(12);
		expect(e.world.accounts.get('acme')!.fields.employees).toBe(12);
		expect(stepLogs(e, 'c2')).toEqual([{ code: 'step_done', detail: { value: 'Acme renewal', changed: true } }]);
		// Copying an empty field clears the output.
		expect(stepLogs(e, 'c4')).toEqual([{ code: 'step_done', detail: { value: null, changed: true } }]);
		expect(e.world.contact('c1')!.fields.company).toBeUndefined();
		expect(e.world.dirtyAccounts.has('acme')).toBe(true);
	});

	it('skips without a deal or account in context', () => {
		const e = run(
			[
				{ id: 'd', kind: 'format.copy', from: { source: 'deal', field: 'title' }, to: { source: 'contact', field: 'company' }, next: 'a' },
				{ id: 'a', kind: 'format.copy', from: { source: 'contact', field: 'company' }, to: { source: 'account', field: 'name' } }
			],
			{ ...CRM, fields, contacts: [contact] }
		);
		expect(stepLogs(e, 'd')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_deal' } }]);
		expect(stepLogs(e, 'a')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_account', value: 'acme corp' } }]);
	});

	it('validates both field references', () => {
		const ds = diagnose([{ id: 'c', kind: 'format.copy', from: { source: 'deal', field: 'nope' }, to: { source: 'account', field: 'nada' } }], CRM);
		expect(codes(ds)).toEqual(['ref.field@error', 'ref.field@error']);
		expect(ds[0].message).toBe('Deal field "nope" does not exist.');
		expect(ds[1].path).toEqual(['steps', 0, 'to', 'field']);
	});
});

describe('format.extract', () => {
	it('finds the first valid phone number, in E.164', () => {
		expect(extractPhone('Call me on 06 12 34 56 78 tomorrow', 'FR')).toBe('+33612345678');
		expect(extractPhone('office: +1 212-555-0100, fax none')).toBe('+12125550100');
		expect(extractPhone('no number here', 'FR')).toBe('');
		expect(extractPhone('0612345678', 'FR')).toBe('+33612345678');
	});

	it('finds the first URL and normalises it', () => {
		expect(extractUrl('see www.Acme.example.com/offer?id=7. Thanks')).toBe('https://www.acme.example.com/offer?id=7');
		expect(extractUrl('(https://Example.org)')).toBe('https://example.org/');
		expect(extractUrl('mail anna@example.com or visit shop.example.fr')).toBe('https://shop.example.fr/');
		expect(extractUrl('version 1.2.3 of file.txt')).toBe('');
		expect(extractUrl('')).toBe('');
	});

	it('writes the extracted value, or skips when nothing is found', () => {
		const e = run(
			[
				{ id: 'p', kind: 'format.extract', what: 'phone', country: 'FR', from: { source: 'contact', field: 'notes' }, to: { source: 'contact', field: 'mobile' }, next: 'u' },
				{ id: 'u', kind: 'format.extract', what: 'url', from: { source: 'contact', field: 'notes' }, to: { source: 'contact', field: 'website' }, next: 'none' },
				{ id: 'none', kind: 'format.extract', what: 'url', from: { source: 'contact', field: 'company' }, to: { source: 'contact', field: 'website' } }
			],
			{ fields, contacts: [contact] }
		);
		const c = e.world.contact('c1')!;
		expect(c.fields.mobile).toBe('+33612345678');
		expect(c.fields.website).toBe('https://www.acme.example.com/offer?id=7');
		expect(stepLogs(e, 'none')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_url_found', value: 'acme corp' } }]);
	});

	it('validates the country and the output type', () => {
		expect(
			codes(diagnose([{ id: 'p', kind: 'format.extract', what: 'phone', country: 'ZZ', from: { field: 'notes' }, to: { field: 'seats' } }], { fields }))
		).toEqual(['ref.field_type@error', 'format.country@error']);
	});
});

describe('format.capitalize', () => {
	it('capitalizes text four ways', () => {
		expect(capitalize('hello WORLD', 'first')).toBe('Hello world');
		expect(capitalize('jean-pierre de la FONTAINE', 'words')).toBe('Jean-Pierre De La Fontaine');
		expect(capitalize('élodie', 'upper')).toBe('ÉLODIE');
		expect(capitalize('ÉLODIE', 'lower')).toBe('élodie');
		expect(capitalize('  42 rue', 'first')).toBe('  42 Rue');
	});

	it('writes the field capitalized into the output', () => {
		const e = run(
			[
				{ id: 'f', kind: 'format.capitalize', style: 'first', from: { field: 'firstName' }, to: { field: 'firstName' }, next: 'w' },
				{ id: 'w', kind: 'format.capitalize', style: 'words', from: { field: 'lastName' }, to: { field: 'lastName' }, next: 'a' },
				{ id: 'a', kind: 'format.capitalize', style: 'upper', from: { field: 'company' }, to: { field: 'company' } }
			],
			{ fields, contacts: [contact] }
		);
		const c = e.world.contact('c1')!;
		expect([c.firstName, c.lastName, c.fields.company]).toEqual(['Anna', 'Smith-Jones', 'ACME CORP']);
	});
});
