import { describe, expect, it } from 'vitest';
import { codes, CRM, DEAL, diagnose, expectPlainJson, run, stepLogs } from './util';

describe('webhook', () => {
	const ws = {
		...CRM,
		fields: [{ key: 'topics', label: 'Topics', type: 'multiselect', options: ['A', 'B'] }],
		scoring: [{ id: 'eng', name: 'Engagement' }],
		contacts: [
			{ id: 'c1', email: 'anna@example.com', firstName: 'Anna', fields: { topics: ['A'] }, tags: ['vip'], lists: { news: 'active' }, scores: { eng: 7 }, account: 'acme' }
		],
		deals: [DEAL]
	};

	it('posts a snapshot of the contact and, when asked, the deal', () => {
		const e = run(
			[
				{ id: 'hook', kind: 'webhook', url: 'https://hooks.example.com/new?x=1', includeDeal: true, next: 'tag' },
				{ id: 'tag', kind: 'tag.add', tag: 'later', next: 'plain' },
				{ id: 'plain', kind: 'webhook', url: 'https://hooks.example.com/plain' }
			],
			ws
		);
		const [a, b] = e.takeEffects();
		expect(a.kind).toBe('webhook.post');
		expect(a.payload).toEqual({
			url: 'https://hooks.example.com/new?x=1',
			body: {
				contact: {
					id: 'c1',
					email: 'anna@example.com',
					phone: '',
					firstName: 'Anna',
					lastName: '',
					timeZone: '',
					fields: { topics: ['A'] },
					tags: ['vip'],
					lists: { news: 'active' },
					scores: { eng: 7 },
					account: { id: 'acme', name: 'Acme Corp' }
				},
				deal: { id: 'd1', title: 'Acme renewal', value: 1000, currency: 'EUR', pipeline: 'sales', stage: 'lead', status: 'open', owner: 'u1', score: 0, fields: {} },
				automation: 'a',
				step: 'hook',
				at: '2026-03-02T09:00:00.000Z'
			}
		});
		// The snapshot is a copy: later changes do not leak into the queued effect.
		expect((a.payload.body as { contact: { tags: string[] } }).contact.tags).toEqual(['vip']);
		expect((b.payload.body as { deal: unknown }).deal).toBeNull();
		expect(Object.keys(b.payload.body as object)).toEqual(Object.keys(a.payload.body as object));
		expectPlainJson(a.payload);
		expect(stepLogs(e, 'hook')).toEqual([{ code: 'step_done', detail: { key: a.key } }]);
	});

	it('validates the URL', () => {
		expect(codes(diagnose([{ id: 'w', kind: 'webhook', url: 'ftp://x.example' }]))).toEqual(['webhook.url@error']);
		expect(codes(diagnose([{ id: 'w', kind: 'webhook', url: 'not a url' }]))).toEqual(['webhook.url@error']);
		expect(codes(diagnose([{ id: 'w', kind: 'webhook', url: 'http://x.example' }]))).toEqual(['webhook.insecure@warning']);
	});
});
