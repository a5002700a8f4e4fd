import { describe, expect, it } from 'vitest';
import { codes, diagnose, expectPlainJson, must, run, stepLogs, T0 } from './util';

const emails = [
	{ id: 'receipt', name: 'Receipt', subject: 'Your order, %FIRSTNAME%', body: '<p>Thanks %FIRSTNAME%!</p>', fromEmail: 'shop@example.com', fromName: 'The "Shop"' },
	{ id: 'nosender', name: 'No sender', subject: 'S', body: 'B' }
];

describe('email.transactional', () => {
	it('emits a Postmark-style message regardless of list subscription', () => {
		const e = run([{ id: 'tx', kind: 'email.transactional', email: 'receipt' }], { emails, contacts: [{ id: 'c1', email: 'anna@example.com', firstName: 'Anna', lists: { news: 'unsubscribed' } }] });
		const [fx] = e.takeEffects();
		expect(fx.kind).toBe('email.transactional');
		expect(fx.marketing).toBe(false);
		expect(fx.payload).toEqual({
			From: '"The \\"Shop\\"" <shop@example.com>',
			To: 'anna@example.com',
			Subject: 'Your order, Anna',
			HtmlBody: '<p>Thanks Anna!</p>',
			TextBody: 'Thanks Anna!',
			MessageStream: 'outbound',
			Tag: 'receipt',
			Metadata: { contact: 'c1', automation: 'a', step: 'tx' }
		});
		expectPlainJson(fx.payload);
		expect(stepLogs(e, 'tx')).toEqual([{ code: 'step_done', detail: { key: fx.key } }]);
	});

	it('is blocked only by hard failures', () => {
		const e = run([{ id: 'tx', kind: 'email.transactional', email: 'receipt' }], { emails });
		must(e, { type: 'email.complained', at: T0 + 1, contact: 'c1' });
		must(e, { type: 'contacts.added', at: T0 + 2, automation: 'a', contacts: ['c1'] });
		expect(e.takeEffects()).toHaveLength(1);
		expect(stepLogs(e, 'tx').at(-1)).toEqual({ code: 'step_skipped', detail: { reason: 'suppressed_complained' } });
	});

	it('validates the email and its sender', () => {
		expect(codes(diagnose([{ id: 'tx', kind: 'email.transactional', email: 'ghost' }], { emails }))).toEqual(['ref.email@error']);
		expect(codes(diagnose([{ id: 'tx', kind: 'email.transactional', email: 'nosender' }], { emails }))).toEqual(['email.no_sender@error']);
		expect(codes(diagnose([{ id: 'tx', kind: 'email.transactional', email: 'receipt' }], { emails, plan: { tier: 'enterprise', addons: [] } }))).toEqual(['plan.unavailable@error']);
	});
});
