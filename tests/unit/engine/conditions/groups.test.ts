/** Nested all/any groups: logic, empty groups, and complete observations for the trace. */
import { describe, expect, it } from 'vitest';
import { seen, table, worldAt } from './harness';

const ws = {
	fields: [{ key: 'age', label: 'Age', type: 'number' }],
	contacts: [
		{ id: 'c1', tags: ['a', 'b'], fields: { age: 30 } },
		{ id: 'c2', tags: ['a'], fields: { age: 70 } },
		{ id: 'c3', tags: ['c'] }
	]
};
const has = (tag: string) => ({ kind: 'tag', op: 'has', tag });
const age = (op: string, value: number) => ({ kind: 'field', field: 'age', op, value });

describe('condition groups', () => {
	table(() => worldAt(ws), [
		['all', { all: [has('a'), has('b')] }, { c1: true, c2: false, c3: false }],
		['any', { any: [has('b'), has('c')] }, { c1: true, c2: false, c3: true }],
		['all of any', { all: [has('a'), { any: [age('lt', 40), age('gt', 65)] }] }, { c1: true, c2: true, c3: false }],
		['any of all', { any: [{ all: [has('a'), age('gt', 65)] }, has('c')] }, { c1: false, c2: true, c3: true }],
		['three levels deep', { all: [{ any: [{ all: [has('a'), has('b')] }, has('c')] }, { any: [age('lt', 40), has('c')] }] }, { c1: true, c2: false, c3: true }],
		['a single child group is the child', { all: [has('c')] }, { c1: false, c2: false, c3: true }],
		['empty all holds', { all: [] }, { c1: true, c2: true, c3: true }],
		['empty any fails', { any: [] }, { c1: false, c2: false, c3: false }]
	]);

	it('records every leaf when observed (no short-circuit), in order', () => {
		const e = worldAt(ws);
		const s = seen(e, { all: [has('x'), { any: [has('a'), has('b')] }] });
		expect(s.map((o) => [o.what, o.value, o.ok])).toEqual([
			['tag x', false, false],
			['tag a', true, true],
			['tag b', true, true]
		]);
	});
});
