/** Event conditions: recorded event X, with a value condition, counts and windows. */
import { describe } from 'vitest';
import { ago, table, worldAt } from './harness';

const ws = { contacts: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }] };
const inputs = [
	{ type: 'event.recorded' as const, at: ago(10), contact: 'c1', name: 'purchase', value: 30 },
	{ type: 'event.recorded' as const, at: ago(2), contact: 'c1', name: 'purchase', value: 120 },
	{ type: 'event.recorded' as const, at: ago(1), contact: 'c1', name: 'login' },
	{ type: 'event.recorded' as const, at: ago(1), contact: 'c2', name: 'purchase', value: '75' }
];
const ev = (op: string, name: string, extra: Record<string, unknown> = {}) => ({ kind: 'event', op, name, ...extra });

describe('event conditions', () => {
	table(() => worldAt(ws, inputs), [
		['recorded', ev('recorded', 'purchase'), { c1: true, c2: true, c3: false }],
		['with a value above', ev('recorded', 'purchase', { value: { op: 'gt', value: 100 } }), { c1: true, c2: false, c3: false }],
		['numeric value sent as text', ev('recorded', 'purchase', { value: { op: 'gte', value: 75 } }), { c1: true, c2: true, c3: false }],
		['value equals', ev('recorded', 'purchase', { value: { op: 'eq', value: 30 } }), { c1: true, c2: false, c3: false }],
		['count', ev('recorded', 'purchase', { count: { op: 'gte', value: 2 } }), { c1: true, c2: false, c3: false }],
		['count within a window', ev('recorded', 'purchase', { within: { days: 7 }, count: { op: 'gte', value: 2 } }), { c1: false, c2: false, c3: false }],
		['value and window together', ev('recorded', 'purchase', { within: { days: 7 }, value: { op: 'lt', value: 50 } }), { c1: false, c2: false, c3: false }],
		['event without a value: value is empty', ev('recorded', 'login', { value: { op: 'empty' } }), { c1: true, c2: false, c3: false }],
		['not recorded', ev('not_recorded', 'login'), { c1: false, c2: true, c3: true }],
		['other names do not count', ev('recorded', 'refund'), { c1: false, c2: false, c3: false }]
	]);
});
