import { describe, expect, it } from 'vitest';
import { codes, diagnose, must, run, stepLogs, T0 } from './util';

describe('site_message.show', () => {
	it('queues a message shown on the next matching page visit', () => {
		const e = run([{ id: 'm', kind: 'site_message.show', message: 'Welcome back, <b>%FIRSTNAME%</b>', page: 'example.com/pricing*' }], {
			contacts: [{ id: 'c1', firstName: 'A<n>na', siteTracking: true }]
		});
		expect(e.world.siteMessages).toEqual([
			{ id: 'site-message-1', contact: 0, message: 'Welcome back, <b>A&lt;n&gt;na</b>', page: 'example.com/pricing*', createdAt: T0, shownAt: null, automation: 'a', step: 'm' }
		]);
		expect(e.world.dirtySiteMessages).toBe(true);
		expect(e.takeEffects()).toEqual([]);
		must(e, { type: 'page.visited', at: T0 + 1000, contact: 'c1', url: 'https://example.com/blog' });
		expect(e.world.siteMessages[0].shownAt).toBeNull();
		must(e, { type: 'page.visited', at: T0 + 2000, contact: 'c1', url: 'https://www.example.com/pricing/teams' });
		expect(e.world.siteMessages[0].shownAt).toBe(T0 + 2000);
		expect(stepLogs(e, 'm')).toEqual([{ code: 'step_done', detail: { siteMessage: 'site-message-1', page: 'example.com/pricing*' } }]);
	});

	it('defaults to any page and needs site tracking', () => {
		const e = run([{ id: 'm', kind: 'site_message.show', message: 'Hi' }], { contacts: [{ id: 'c1' }, { id: 'c2', siteTracking: true }] }, { contacts: ['c1', 'c2'] });
		expect(stepLogs(e, 'm', 'c1')).toEqual([{ code: 'step_skipped', detail: { reason: 'site_tracking_off' } }]);
		expect(e.world.siteMessages.map((m) => [m.contact, m.page])).toEqual([[1, '*']]);
	});

	it('validates the page pattern', () => {
		expect(codes(diagnose([{ id: 'm', kind: 'site_message.show', message: 'Hi', page: 'my page' }]))).toEqual(['site_message.page@error']);
	});
});
