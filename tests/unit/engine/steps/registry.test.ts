import { describe, expect, it } from 'vitest';
import { STEP_KINDS, stepKinds } from '../../../../src/lib/engine/steps/registry';
import { StepDef } from '../../../../src/lib/engine/schema/automation';
import type { Effect } from '../../../../src/lib/engine/effects';
import { CRM, DEAL, expectPlainJson, must, run, T0, where } from './util';

const CRM_ADDONS = { addons: ['pipelines', 'sales_engagement'] };

/** Palette group and plan of every step kind, as SPEC.md and the source place them. */
const EXPECTED: Record<string, [string, unknown]> = {
	'email.send': ['sending', { from: 'starter' }],
	'email.one_to_one': ['sending', { addons: ['sales_engagement'] }],
	'email.transactional': ['sending', { addons: ['transactional_email'] }],
	'notification.internal': ['sending', { from: 'plus' }],
	'sms.send': ['sending', { addons: ['sms'] }],
	'site_message.show': ['sending', { from: 'plus' }],
	wait: ['workflow', { from: 'starter' }],
	if_else: ['workflow', { from: 'plus' }],
	goto: ['workflow', { from: 'plus' }],
	goal: ['workflow', { from: 'plus' }],
	split: ['workflow', { from: 'professional' }],
	'automation.start': ['workflow', { from: 'professional' }],
	'automation.end_other': ['workflow', { from: 'professional' }],
	'automation.end_this': ['workflow', { from: 'starter' }],
	webhook: ['workflow', { from: 'plus' }],
	'ai.prompt': ['workflow', { from: 'starter' }],
	'list.subscribe': ['contacts', { from: 'starter' }],
	'list.unsubscribe': ['contacts', { from: 'starter' }],
	'tag.add': ['contacts', { from: 'starter' }],
	'tag.remove': ['contacts', { from: 'starter' }],
	'contact.update': ['contacts', { from: 'plus' }],
	'note.add': ['contacts', { from: 'plus' }],
	'score.adjust': ['contacts', { from: 'plus' }],
	'facebook.audience_add': ['contacts', { from: 'plus' }],
	'facebook.audience_remove': ['contacts', { from: 'plus' }],
	'conversion.record': ['contacts', { from: 'professional' }],
	'format.copy': ['format', { from: 'plus' }],
	'format.extract': ['format', { from: 'plus' }],
	'format.capitalize': ['format', { from: 'plus' }],
	'format.date_shift': ['format', { from: 'professional' }],
	'format.math': ['format', { from: 'professional' }],
	'deal.add': ['crm', CRM_ADDONS],
	'deal.update_title': ['crm', CRM_ADDONS],
	'deal.update_status': ['crm', CRM_ADDONS],
	'deal.update_owner': ['crm', CRM_ADDONS],
	'deal.update_value': ['crm', CRM_ADDONS],
	'deal.update_stage': ['crm', CRM_ADDONS],
	'deal.update_field': ['crm', CRM_ADDONS],
	'deal.task_add': ['crm', CRM_ADDONS],
	'deal.task_complete': ['crm', CRM_ADDONS],
	'deal.note_add': ['crm', CRM_ADDONS],
	'deal.score_adjust': ['crm', CRM_ADDONS],
	'account.update_field': ['crm', CRM_ADDONS],
	'account.note_add': ['crm', CRM_ADDONS],
	'account.update_owner': ['crm', CRM_ADDONS],
	'account.add_contact': ['crm', CRM_ADDONS],
	'salesforce.create_contact': ['salesforce', { from: 'enterprise' }],
	'salesforce.create_lead': ['salesforce', { from: 'enterprise' }],
	'salesforce.add_to_campaign': ['salesforce', { from: 'enterprise' }],
	'app.action': ['apps', { from: 'plus' }]
};

/** One instance of every new kind, in a line. */
const EVERY_KIND = [
	{ id: 's1', kind: 'contact.update', updates: [{ field: 'score_note', value: 'hi %FIRSTNAME%' }] },
	{ id: 's2', kind: 'note.add', text: 'Note' },
	{ id: 's3', kind: 'score.adjust', model: 'eng', op: 'add', value: 5 },
	{ id: 's4', kind: 'conversion.record', conversion: 'buy' },
	{ id: 's5', kind: 'facebook.audience_add', audience: { id: 'aud' } },
	{ id: 's6', kind: 'facebook.audience_remove', audience: { id: 'aud' } },
	{ id: 's7', kind: 'format.copy', from: { field: 'firstName' }, to: { field: 'score_note' } },
	{ id: 's8', kind: 'format.extract', what: 'phone', from: { field: 'phone' }, to: { field: 'score_note' } },
	{ id: 's9', kind: 'format.capitalize', style: 'upper', from: { field: 'firstName' }, to: { field: 'score_note' } },
	{ id: 's10', kind: 'format.date_shift', op: 'add', amount: 1, unit: 'days', from: { field: 'start' }, to: { field: 'start' } },
	{ id: 's11', kind: 'format.math', op: 'add', operand: { value: 1 }, from: { source: 'deal', field: 'value' }, to: { source: 'deal', field: 'value' } },
	{ id: 's12', kind: 'deal.add', pipeline: 'sales', title: 'New deal' },
	{ id: 's13', kind: 'deal.update_title', title: 'Renamed' },
	{ id: 's14', kind: 'deal.update_status', status: 'won' },
	{ id: 's15', kind: 'deal.update_owner', owner: 'u2' },
	{ id: 's16', kind: 'deal.update_value', value: 10 },
	{ id: 's17', kind: 'deal.update_stage', pipeline: 'sales', stage: 'qualified' },
	{ id: 's18', kind: 'deal.update_field', field: 'seats', mode: 'set', value: 3 },
	{ id: 's19', kind: 'deal.task_add', title: 'Call' },
	{ id: 's20', kind: 'deal.task_complete', type: 'todo' },
	{ id: 's21', kind: 'deal.note_add', text: 'Deal note' },
	{ id: 's22', kind: 'deal.score_adjust', op: 'set', value: 9 },
	{ id: 's23', kind: 'account.add_contact', account: { id: 'acme' } },
	{ id: 's24', kind: 'account.update_field', field: 'industry', value: 'Retail' },
	{ id: 's25', kind: 'account.note_add', text: 'Account note' },
	{ id: 's26', kind: 'account.update_owner', owner: 'u1' },
	{ id: 's27', kind: 'email.one_to_one', from: 'sales@team.example', subject: 'Hi', body: '<p>Hi</p>' },
	{ id: 's28', kind: 'email.transactional', email: 'receipt' },
	{ id: 's29', kind: 'notification.internal', to: 'u1', subject: 'S', body: 'B' },
	{ id: 's30', kind: 'sms.send', message: 'Hi' },
	{ id: 's31', kind: 'site_message.show', message: 'Hi' },
	{ id: 's32', kind: 'webhook', url: 'https://hooks.example.com/x', includeDeal: true },
	{ id: 's33', kind: 'ai.prompt', source: 'firstName', task: 'translate', language: 'German', output: 'score_note' },
	{ id: 's34', kind: 'salesforce.create_contact' },
	{ id: 's35', kind: 'salesforce.create_lead' },
	{ id: 's36', kind: 'salesforce.add_to_campaign', campaign: '7015g000000XyZaAAK' },
	{ id: 's37', kind: 'app.action', app: 'slack', action: 'send_message', fields: { channel: '#sales', text: 'New lead %EMAIL%' } }
].map((s, i, all) => ({ ...s, next: all[i + 1]?.id ?? null }));

describe('step registry', () => {
	it('places every kind in its palette group with its plan availability', () => {
		expect(Object.fromEntries(STEP_KINDS.map((k) => [k.kind, [k.group, k.plans]]))).toEqual(EXPECTED);
		for (const k of STEP_KINDS) {
			expect(k.title.length).toBeGreaterThan(0);
			expect(k.summary).toMatch(/\.$/);
		}
	});

	it('marks the kinds that hold contacts', () => {
		const holding = STEP_KINDS.filter((k) => k.holds).map((k) => k.kind);
		expect(holding).toEqual(['wait', 'goal', 'ai.prompt', 'salesforce.create_contact', 'salesforce.create_lead', 'salesforce.add_to_campaign']);
	});

	it('parses every new kind through the automation schema', () => {
		for (const s of EVERY_KIND) expect(StepDef.safeParse(s).success, s.kind).toBe(true);
		expect(new Set(EVERY_KIND.map((s) => s.kind)).size + 13).toBe(stepKinds.size);
	});

	it('runs a contact through every new kind, emitting plain JSON effects', () => {
		const e = run(EVERY_KIND, {
			...CRM,
			fields: [
				{ key: 'score_note', label: 'Note', type: 'text' },
				{ key: 'start', label: 'Start', type: 'date' }
			],
			scoring: [{ id: 'eng', name: 'Engagement' }],
			conversions: [{ id: 'buy', name: 'Buy' }],
			emails: [{ id: 'receipt', name: 'Receipt', subject: 'S', body: '<p>B</p>', fromEmail: 'shop@example.com' }],
			contacts: [{ id: 'c1', email: 'anna@example.com', firstName: 'Anna', phone: '+33612345678', smsConsent: true, siteTracking: true, fields: { start: '2026-03-01' } }],
			deals: [DEAL]
		});
		const all: Effect[] = [];
		for (let i = 0; i < 10 && where(e) !== 'completed@s37'; i++) {
			const fx = e.takeEffects();
			all.push(...fx);
			for (const f of fx) if (f.awaitUntil !== null) must(e, { type: 'effect.resolved', at: T0 + i + 1, key: f.key, ok: true, value: f.kind === 'ai.prompt' ? 'Anna!' : '0035g00000AbCdEAAA' });
		}
		all.push(...e.takeEffects());
		expect(where(e)).toBe('completed@s37');
		expect(all.map((f) => f.kind)).toEqual([
			'facebook.audience_add',
			'facebook.audience_remove',
			'email.one_to_one',
			'email.transactional',
			'email.internal',
			'sms.send',
			'webhook.post',
			'ai.prompt',
			'salesforce.create_contact',
			'salesforce.create_lead',
			'salesforce.add_to_campaign',
			'app.call'
		]);
		for (const f of all) expectPlainJson(f.payload);
		const c = e.world.contact('c1')!;
		expect(c.fields).toEqual({ score_note: 'Anna!', start: '2026-03-02' });
		const d = e.world.deals.get('deal-1')!;
		expect([d.title, d.status, d.owner, d.value, d.stage, d.score, d.fields.seats, d.tasks[0].done, d.notes.length]).toEqual(['Renamed', 'won', 'u2', 10, 'qualified', 9, 3, true, 1]);
		expect(e.world.deals.get('d1')!.value).toBe(1001);
		expect(e.world.accounts.get('acme')).toMatchObject({ owner: 'u1', fields: { industry: 'Retail' } });
	});
});
