import { describe, expect, it } from 'vitest';
import { codes, CRM, diagnose, expectPlainJson, run, stepLogs } from './util';

describe('notification.internal', () => {
	it('emails team members and addresses with the contact\'s details', () => {
		const e = run(
			[{ id: 'n', kind: 'notification.internal', to: 'u1, ops@team.example, u1', subject: 'New lead: %FIRSTNAME%', body: 'Lead %EMAIL%\nName: %FIRSTNAME% <b>' }],
			{ ...CRM, contacts: [{ id: 'c1', email: 'anna@example.com', firstName: 'Anna' }] }
		);
		const [fx] = e.takeEffects();
		expect(fx.kind).toBe('email.internal');
		expect(fx.payload).toEqual({
			to: ['ursula@team.example', 'ops@team.example'],
			subject: 'New lead: Anna',
			text: 'Lead anna@example.com\nName: Anna <b>',
			html: 'Lead anna@example.com<br>Name: Anna &lt;b&gt;',
			contact: 'c1'
		});
		expectPlainJson(fx.payload);
		expect(stepLogs(e, 'n')[0].detail).toEqual({ key: fx.key, to: ['ursula@team.example', 'ops@team.example'] });
	});

	it('works for contacts without an email address', () => {
		const e = run([{ id: 'n', kind: 'notification.internal', to: 'ops@team.example', subject: 'S', body: 'B' }], { contacts: [{ id: 'c1' }] });
		expect(e.takeEffects()).toHaveLength(1);
	});

	it('validates recipients', () => {
		const ds = diagnose([{ id: 'n', kind: 'notification.internal', to: 'u1, ghost', subject: 'S', body: 'B' }], CRM);
		expect(codes(ds)).toEqual(['notification.recipient@error']);
		expect(ds[0].message).toBe('Recipient "ghost" is neither a team member nor an email address.');
		expect(codes(diagnose([{ id: 'n', kind: 'notification.internal', to: 'u1', subject: 'S', body: 'B' }], { ...CRM, plan: { tier: 'starter', addons: [] } }))).toEqual([
			'plan.unavailable@error'
		]);
	});
});
