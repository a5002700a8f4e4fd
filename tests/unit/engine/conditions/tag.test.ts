/** Tag conditions: has / has not, case-insensitive, following live changes. */
import { describe, expect, it } from 'vitest';
import { holds, NOW, table, worldAt } from './harness';

const ws = {
	contacts: [
		{ id: 'c1', tags: ['VIP', 'newsletter'] },
		{ id: 'c2', tags: [] },
		{ id: 'c3', tags: ['vip-lite'] }
	]
};
const tag = (op: string, t: string) => ({ kind: 'tag', op, tag: t });

describe('tag conditions', () => {
	table(() => worldAt(ws), [
		['has (exact)', tag('has', 'VIP'), { c1: true, c2: false, c3: false }],
		['has is case-insensitive', tag('has', 'vip'), { c1: true, c2: false, c3: false }],
		['has is not a prefix or substring match', tag('has', 'vip-'), { c1: false, c2: false, c3: false }],
		['has_not', tag('has_not', 'Newsletter'), { c1: false, c2: true, c3: true }]
	]);

	it('sees tags added and removed by inputs', () => {
		const e = worldAt(ws, [
			{ type: 'tag.added', at: NOW - 1000, contact: 'c2', tag: 'Vip' },
			{ type: 'tag.removed', at: NOW - 500, contact: 'c1', tag: 'VIP' }
		]);
		expect(holds(e, tag('has', 'vip'), 'c2')).toBe(true);
		expect(holds(e, tag('has', 'vip'), 'c1')).toBe(false);
	});
});
