/** List conditions: membership with a status (default active). */
import { describe } from 'vitest';
import { NOW, table, worldAt } from './harness';

const ws = {
	lists: [
		{ id: 'news', name: 'News' },
		{ id: 'promo', name: 'Promotions' }
	],
	contacts: [
		{ id: 'c1', email: 'c1@x.io', lists: { news: 'active', promo: 'unsubscribed' } },
		{ id: 'c2', email: 'c2@x.io', lists: { news: 'unconfirmed' } },
		{ id: 'c3', email: 'c3@x.io' },
		{ id: 'c4', email: 'c4@x.io', lists: { news: 'active' } }
	]
};
const list = (op: string, l: string, status?: string) => ({ kind: 'list', op, list: l, ...(status ? { status } : {}) });

describe('list conditions', () => {
	table(
		() =>
			worldAt(ws, [
				{ type: 'list.subscribed', at: NOW - 2000, contact: 'c3', list: 'promo' },
				{ type: 'email.bounced', at: NOW - 1000, contact: 'c4' }
			]),
		[
			['is (active by default)', list('is', 'news'), { c1: true, c2: false, c3: false, c4: false }],
			['is unsubscribed', list('is', 'promo', 'unsubscribed'), { c1: true, c2: false, c3: false, c4: false }],
			['is unconfirmed', list('is', 'news', 'unconfirmed'), { c1: false, c2: true, c3: false, c4: false }],
			['is bounced (after a bounce)', list('is', 'news', 'bounced'), { c1: false, c2: false, c3: false, c4: true }],
			['is after a subscription input', list('is', 'promo'), { c1: false, c2: false, c3: true, c4: false }],
			['is_not: non-members are not active', list('is_not', 'news'), { c1: false, c2: true, c3: true, c4: true }],
			['is_not with a status', list('is_not', 'promo', 'unsubscribed'), { c1: false, c2: true, c3: true, c4: true }]
		]
	);
});
