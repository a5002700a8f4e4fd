/** Action conditions: opened/clicked/replied/forwarded/received an email, forms, SMS; counts and windows. */
import { describe, expect, it } from 'vitest';
import { ago, holds, seen, table, worldAt } from './harness';
import type { Input } from '../../../../src/lib/engine/inputs';

const ws = {
	lists: [{ id: 'news', name: 'News' }],
	emails: [
		{ id: 'news1', name: 'News 1', subject: 'One', body: 'x' },
		{ id: 'news2', name: 'News 2', subject: 'Two', body: 'y' }
	],
	forms: [
		{ id: 'signup', name: 'Sign up' },
		{ id: 'survey', name: 'Survey' }
	],
	contacts: [
		{ id: 'c1', email: 'c1@x.io', lists: { news: 'active' } },
		{ id: 'c2', email: 'c2@x.io', lists: { news: 'active' } },
		{ id: 'c3', email: 'c3@x.io', lists: { news: 'active' } }
	],
	automations: [{ id: 'send', name: 'Send', status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 's', kind: 'email.send', email: 'news1' }] }]
};

const inputs: Input[] = [
	{ type: 'email.clicked', at: ago(40), contact: 'c2', email: 'news1', link: 'https://example.com/a' },
	{ type: 'email.opened', at: ago(20), contact: 'c1', email: 'news1' },
	{ type: 'form.submitted', at: ago(10), contact: 'c1', form: 'signup' },
	{ type: 'email.opened', at: ago(5), contact: 'c1', email: 'news1' },
	{ type: 'email.forwarded', at: ago(3), contact: 'c1', email: 'news2' },
	{ type: 'email.replied', at: ago(2), contact: 'c1', email: 'news1' },
	{ type: 'contacts.added', at: ago(2), automation: 'send', contacts: ['c3'] },
	{ type: 'email.opened', at: ago(1), contact: 'c1', email: 'news2' },
	{ type: 'email.clicked', at: ago(1), contact: 'c1', email: 'news2', link: 'https://shop.example.com/sale?utm=1' },
	{ type: 'sms.replied', at: ago(0, 1), contact: 'c1', text: 'YES please' }
];

const act = (action: string, extra: Record<string, unknown> = {}, op = 'has') => ({ kind: 'action', action, op, ...extra });

describe('action conditions', () => {
	table(() => worldAt(ws, inputs), [
		['opened a given email (a click proves an open)', act('opened', { email: 'news1' }), { c1: true, c2: true, c3: false }],
		['opened at least twice', act('opened', { email: 'news1', count: { op: 'gte', value: 2 } }), { c1: true, c2: false, c3: false }],
		['opened exactly once', act('opened', { email: 'news1', count: { op: 'eq', value: 1 } }), { c1: false, c2: true, c3: false }],
		['opened any email 3 times', act('opened', { count: { op: 'gte', value: 3 } }), { c1: true, c2: false, c3: false }],
		['opened within 7 days', act('opened', { email: 'news1', within: { days: 7 } }), { c1: true, c2: false, c3: false }],
		['the window start is inclusive', act('opened', { email: 'news1', within: { days: 5 } }), { c1: true, c2: false, c3: false }],
		['count inside the window only', act('opened', { email: 'news1', within: { weeks: 1 }, count: { op: 'gte', value: 2 } }), { c1: false, c2: false, c3: false }],
		['has not opened', act('opened', { email: 'news1' }, 'has_not'), { c1: false, c2: false, c3: true }],
		['has not opened within 30 days', act('opened', { email: 'news1', within: { days: 30 } }, 'has_not'), { c1: false, c2: true, c3: true }],
		['clicked a link pattern', act('clicked', { email: 'news2', link: '*sale*' }), { c1: true, c2: false, c3: false }],
		['link without wildcard matches the URL with a query', act('clicked', { link: 'shop.example.com/sale' }), { c1: true, c2: false, c3: false }],
		['link without wildcard is not a prefix match', act('clicked', { link: 'example.com/b' }), { c1: false, c2: false, c3: false }],
		['clicked any link of any email', act('clicked'), { c1: true, c2: true, c3: false }],
		['replied within 3 days', act('replied', { within: { days: 3 } }), { c1: true, c2: false, c3: false }],
		['forwarded a given email', act('forwarded', { email: 'news2' }), { c1: true, c2: false, c3: false }],
		['forwarded another email', act('forwarded', { email: 'news1' }), { c1: false, c2: false, c3: false }],
		['received (sent by an automation)', act('received', { email: 'news1' }), { c1: false, c2: false, c3: true }],
		['submitted a given form', act('submitted_form', { form: 'signup' }), { c1: true, c2: false, c3: false }],
		['submitted another form', act('submitted_form', { form: 'survey' }), { c1: false, c2: false, c3: false }],
		['replied by SMS', act('sms_replied'), { c1: true, c2: false, c3: false }],
		['count eq 0 holds for nobody-did', act('replied', { count: { op: 'eq', value: 0 } }), { c1: false, c2: true, c3: true }]
	]);

	it('observes the count it compared', () => {
		const e = worldAt(ws, inputs);
		expect(seen(e, act('opened', { email: 'news1', count: { op: 'gte', value: 2 } }))).toEqual([{ what: 'opened news1', value: 2, ok: true }]);
	});

	it('a window slides with the clock', () => {
		const e = worldAt(ws, inputs, ago(-3));
		expect(holds(e, act('opened', { email: 'news1', within: { days: 7 } }))).toBe(false);
		expect(holds(e, act('opened', { email: 'news2', within: { days: 7 } }))).toBe(true);
	});
});
