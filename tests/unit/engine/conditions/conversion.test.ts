/** Conversion conditions: made a given conversion or any, counts and windows. */
import { describe } from 'vitest';
import { ago, table, worldAt } from './harness';

const ws = {
	conversions: [
		{ id: 'trial', name: 'Trial' },
		{ id: 'paid', name: 'Paid' }
	],
	contacts: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }]
};
const inputs = [
	{ type: 'conversion.made' as const, at: ago(20), contact: 'c2', conversion: 'trial' },
	{ type: 'conversion.made' as const, at: ago(3), contact: 'c1', conversion: 'trial' },
	{ type: 'conversion.made' as const, at: ago(1), contact: 'c1', conversion: 'paid', value: 99 }
];
const conv = (op: string, extra: Record<string, unknown> = {}) => ({ kind: 'conversion', op, ...extra });

describe('conversion conditions', () => {
	table(() => worldAt(ws, inputs), [
		['made a given conversion', conv('made', { conversion: 'trial' }), { c1: true, c2: true, c3: false }],
		['made any conversion', conv('made'), { c1: true, c2: true, c3: false }],
		['made any, at least twice', conv('made', { count: { op: 'gte', value: 2 } }), { c1: true, c2: false, c3: false }],
		['made within 7 days', conv('made', { conversion: 'trial', within: { days: 7 } }), { c1: true, c2: false, c3: false }],
		['not made', conv('not_made', { conversion: 'paid' }), { c1: false, c2: true, c3: true }],
		['not made within a window', conv('not_made', { within: { days: 7 } }), { c1: false, c2: true, c3: true }]
	]);
});
