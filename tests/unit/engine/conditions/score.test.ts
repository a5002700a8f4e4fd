/** Score conditions: a named model compared with a number; missing scores are 0. */
import { describe } from 'vitest';
import { NOW, table, worldAt } from './harness';

const ws = {
	scoring: [
		{ id: 'engagement', name: 'Engagement' },
		{ id: 'fit', name: 'Fit' }
	],
	contacts: [
		{ id: 'c1', scores: { engagement: 50, fit: -5 } },
		{ id: 'c2', scores: { fit: 10 } },
		{ id: 'c3', scores: { engagement: 10 } }
	]
};
const score = (model: string, op: string, value: number) => ({ kind: 'score', model, op, value });

describe('score conditions', () => {
	table(
		() => worldAt(ws, [{ type: 'score.adjusted', at: NOW - 1, contact: 'c3', model: 'engagement', op: 'add', value: 40 }]),
		[
			['gt', score('engagement', 'gt', 49), { c1: true, c2: false, c3: true }],
			['gte boundary', score('engagement', 'gte', 50), { c1: true, c2: false, c3: true }],
			['eq after an adjustment', score('engagement', 'eq', 50), { c1: true, c2: false, c3: true }],
			['missing score is 0', score('engagement', 'eq', 0), { c1: false, c2: true, c3: false }],
			['lt with negatives', score('fit', 'lt', 0), { c1: true, c2: false, c3: false }],
			['lte', score('fit', 'lte', 0), { c1: true, c2: false, c3: true }],
			['neq', score('fit', 'neq', 10), { c1: true, c2: false, c3: true }]
		]
	);
});
