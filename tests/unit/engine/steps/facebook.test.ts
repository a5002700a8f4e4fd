import { describe, expect, it } from 'vitest';
import { codes, diagnose, expectPlainJson, run, stepLogs } from './util';

describe('facebook.audience_add / facebook.audience_remove', () => {
	it('emits raw identifiers (normalised email, E.164 phone, names) for the connector to hash', () => {
		const e = run(
			[
				{ id: 'add', kind: 'facebook.audience_add', audience: { id: '23850001' }, next: 'new' },
				{ id: 'new', kind: 'facebook.audience_add', audience: { create: { name: 'Buyers 2026' } }, next: 'rm' },
				{ id: 'rm', kind: 'facebook.audience_remove', audience: { id: '23850002' } }
			],
			{ contacts: [{ id: 'c1', email: ' Anna@Example.COM ', phone: '06 12 34 56 78', firstName: 'Anna', lastName: 'Smith' }] }
		);
		const fx = e.takeEffects();
		expect(fx.map((f) => f.kind)).toEqual(['facebook.audience_add', 'facebook.audience_add', 'facebook.audience_remove']);
		expect(fx[0].payload).toEqual({
			audienceId: '23850001',
			createName: null,
			subtype: 'CUSTOM',
			identifiers: { email: 'anna@example.com', phone: '', firstName: 'Anna', lastName: 'Smith' }
		});
		expect(fx[1].payload).toMatchObject({ audienceId: null, createName: 'Buyers 2026' });
		expect(Object.keys(fx[2].payload)).toEqual(Object.keys(fx[0].payload));
		for (const f of fx) {
			expect(f.marketing).toBe(false);
			expectPlainJson(f.payload);
		}
		expect(stepLogs(e, 'add')).toEqual([{ code: 'step_done', detail: { key: fx[0].key } }]);
	});

	it('formats an international phone number as E.164', () => {
		const e = run([{ id: 'add', kind: 'facebook.audience_add', audience: { id: 'x1' } }], { contacts: [{ id: 'c1', phone: '+1 (212) 555-0100' }] });
		expect(e.takeEffects()[0].payload.identifiers).toEqual({ email: '', phone: '+12125550100', firstName: '', lastName: '' });
	});

	it('skips a contact with neither email nor phone', () => {
		const e = run([{ id: 'add', kind: 'facebook.audience_add', audience: { id: 'x1' } }], { contacts: [{ id: 'c1', firstName: 'Nobody', phone: 'n/a' }] });
		expect(e.takeEffects()).toEqual([]);
		expect(stepLogs(e, 'add')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_identifiers' } }]);
	});

	it('cannot remove from an audience it would create', () => {
		expect(codes(diagnose([{ id: 'rm', kind: 'facebook.audience_remove', audience: { create: { name: 'X' } } }]))).toEqual(['facebook.remove_create@error']);
		expect(codes(diagnose([{ id: 'add', kind: 'facebook.audience_add', audience: {} }]))).toEqual(['step.invalid@error']);
	});
});
