import { describe, expect, it } from 'vitest';
import { bodyProblems } from '../../../../src/lib/engine/steps/email-direct';
import { restoreEngine, snapshot } from '../../../../src/lib/engine/state';
import { DAY } from '../../../../src/lib/engine/core/time';
import { codes, CRM, DEAL, diagnose, expectPlainJson, must, run, setup, stepLogs, T0 } from './util';

const step = {
	id: 'hi',
	kind: 'email.one_to_one',
	from: 'sales@team.example',
	fromName: 'Sales',
	cc: 'boss@team.example, , crm@team.example',
	bcc: 'archive@team.example',
	subject: 'Hello %FIRSTNAME%',
	body: '<p>Hi <b>%FIRSTNAME%</b>, see <a href="https://x.example">this</a></p>'
};

describe('email.one_to_one', () => {
	it('sends a personal email even to contacts without a list subscription, escaping values', () => {
		const e = run([step], { contacts: [{ id: 'c1', email: 'anna@example.com', firstName: '<Anna & Co>' }] });
		const [fx] = e.takeEffects();
		expect(fx.kind).toBe('email.one_to_one');
		expect(fx.marketing).toBe(false);
		expect(fx.payload).toEqual({
			to: 'anna@example.com',
			from: 'sales@team.example',
			fromName: 'Sales',
			cc: ['boss@team.example', 'crm@team.example'],
			bcc: ['archive@team.example'],
			subject: 'Hello <Anna & Co>',
			html: '<p>Hi <b>&lt;Anna &amp; Co&gt;</b>, see <a href="https://x.example">this</a></p>',
			text: 'Hi <Anna & Co>, see this (https://x.example)',
			threadId: 'a:c1',
			messageId: `<${fx.key}@journey.studio>`,
			inReplyTo: null
		});
		expectPlainJson(fx.payload);
	});

	it('threads the emails of one run: each replies to the previous one', () => {
		const e = run([
			{ ...step, id: 'first', next: 'second' },
			{ ...step, id: 'second', subject: 'Re: Hello' }
		]);
		const [a, b] = e.takeEffects();
		expect(b.payload.threadId).toBe(a.payload.threadId);
		expect(b.payload.inReplyTo).toBe(a.payload.messageId);
		expect(e.runs.extra[0]).toMatchObject({ thread: 'a:c1', lastMessageId: b.payload.messageId });
		expect(stepLogs(e, 'second')).toEqual([{ code: 'step_done', detail: { key: b.key, inReplyTo: a.payload.messageId } }]);
	});

	it('keeps the thread across a wait and an engine restore', () => {
		const saved = run([
			{ ...step, id: 'first', next: 'w' },
			{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'second' },
			{ ...step, id: 'second', subject: 'Following up' }
		]);
		const [a] = saved.takeEffects();
		const e = restoreEngine(snapshot(saved));
		e.advanceTo(T0 + 2 * DAY);
		const [b] = e.takeEffects();
		expect(b.payload.inReplyTo).toBe(a.payload.messageId);
		expect(b.payload.messageId).not.toBe(a.payload.messageId);
	});

	it('sends from the deal owner when the automation starts from a deal', () => {
		const triggers = [{ id: 'd', kind: 'deal.stage_changed', pipeline: 'sales', runs: 'every' }];
		const e = setup([{ ...step, from: '%deal_owner_email%', fromName: undefined }], { ...CRM, deals: [DEAL] }, { triggers });
		must(e, { type: 'deal.updated', at: T0 + 1000, deal: 'd1', changes: { stage: 'qualified' } });
		const [fx] = e.takeEffects();
		expect([fx.payload.from, fx.payload.fromName]).toEqual(['ursula@team.example', 'Ursula Owner']);
	});

	it('skips contacts that bounced', () => {
		const e = run([step], {});
		must(e, { type: 'email.bounced', at: T0 + 1, contact: 'c1' });
		must(e, { type: 'contacts.added', at: T0 + 2, automation: 'a', contacts: ['c1'] });
		expect(e.takeEffects()).toHaveLength(1);
		expect(stepLogs(e, 'hi').at(-1)).toEqual({ code: 'step_skipped', detail: { reason: 'suppressed_bounced' } });
	});

	it('validates sender, addresses and body formatting', () => {
		expect(codes(diagnose([{ ...step, from: '%deal_owner_email%' }]))).toEqual(['email.deal_owner_sender@error']);
		expect(codes(diagnose([{ ...step, from: '%DEAL_OWNER_EMAIL%' }], CRM, [{ id: 'd', kind: 'deal.status_changed', runs: 'every' }]))).toEqual([]);
		expect(codes(diagnose([{ ...step, from: 'sales', cc: 'ok@x.example, nope' }]))).toEqual(['email.address@error', 'email.address@error']);
		const ds = diagnose([{ ...step, body: '<div style="color:red">Hi</div><img src="x"><a href="javascript:alert(1)">x</a>' }]);
		expect(ds.map((d) => d.message)).toEqual([
			'The 1:1 email body uses <div>, which is not allowed.',
			'The 1:1 email body uses <img>, which is not allowed.',
			'The 1:1 email body uses href on <a>, which is not allowed.'
		]);
	});

	it('allows only simple formatting', () => {
		expect(bodyProblems('<p>a<br/>b</p><ul><li><strong>x</strong></li></ul><ol><li><em>y</em> <u>z</u> <i>w</i></li></ol><a href="mailto:a@b.c">m</a>')).toEqual([]);
		expect(bodyProblems('<p onclick="x()">a</p><script>x</script>')).toEqual(['onclick on <p>', '<script>']);
		expect(bodyProblems('<a href="%WEBSITE%">site</a>')).toEqual([]);
	});

	it('needs the Sales engagement add-on', () => {
		expect(codes(diagnose([step], { plan: { tier: 'enterprise', addons: ['pipelines'] } }))).toEqual(['plan.unavailable@error']);
	});
});

describe('email.one_to_one from the deal owner', () => {
	const owned = { ...step, from: '%deal_owner_email%' };
	const triggers = [{ id: 'd', kind: 'deal.status_changed', runs: 'every' }, { id: 'm', kind: 'manual', runs: 'every' }];

	it('skips when the deal has no owner or there is no deal', () => {
		const e = run([owned], { ...CRM, deals: [{ ...DEAL, owner: undefined }], contacts: [{ id: 'c1', email: 'a@example.com' }, { id: 'c2', email: 'b@example.com' }] }, { triggers, contacts: ['c1', 'c2'] });
		expect(stepLogs(e, 'hi', 'c1')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_deal_owner' } }]);
		expect(stepLogs(e, 'hi', 'c2')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_deal' } }]);
	});
});
