/** Site-tracking conditions: visited a URL pattern, counts and windows. */
import { describe } from 'vitest';
import { ago, table, worldAt } from './harness';

const ws = { contacts: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }] };
const inputs = [
	{ type: 'page.visited' as const, at: ago(30), contact: 'c2', url: 'http://example.com/pricing?plan=pro' },
	{ type: 'page.visited' as const, at: ago(8), contact: 'c1', url: 'https://example.com/blog/post-1' },
	{ type: 'page.visited' as const, at: ago(3), contact: 'c1', url: 'https://www.example.com/pricing' },
	{ type: 'page.visited' as const, at: ago(1), contact: 'c1', url: 'https://example.com/pricing/' }
];
const site = (op: string, url: string, extra: Record<string, unknown> = {}) => ({ kind: 'site', op, url, ...extra });

describe('site conditions', () => {
	table(() => worldAt(ws, inputs), [
		['scheme, www, trailing slash and query are ignored', site('visited', 'example.com/pricing'), { c1: true, c2: true, c3: false }],
		['pattern with a wildcard', site('visited', 'example.com/blog/*'), { c1: true, c2: false, c3: false }],
		['case-insensitive', site('visited', 'https://EXAMPLE.com/Pricing'), { c1: true, c2: true, c3: false }],
		['no wildcard: no prefix match', site('visited', 'example.com/pric'), { c1: false, c2: false, c3: false }],
		['at least twice', site('visited', 'example.com/pricing', { count: { op: 'gte', value: 2 } }), { c1: true, c2: false, c3: false }],
		['within 7 days', site('visited', 'example.com/pricing', { within: { days: 7 } }), { c1: true, c2: false, c3: false }],
		['not visited within 7 days', site('not_visited', 'example.com/pricing', { within: { days: 7 } }), { c1: false, c2: true, c3: true }],
		['any page', site('visited', '*'), { c1: true, c2: true, c3: false }],
		['count inside a window', site('visited', '*', { within: { days: 10 }, count: { op: 'eq', value: 3 } }), { c1: true, c2: false, c3: false }]
	]);
});
