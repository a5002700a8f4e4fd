// Immutable edits of condition trees (add, remove, group, ungroup, switch AND/OR).
import { describe, expect, it } from 'vitest';
import { appendAt, asRoot, leafCount, replaceAt, schemaPath, toggleAt, unwrapAt, wrapAt } from '../../../src/lib/components/conditions/tree';
import { fieldOps, newLeaf, withFieldOp, FAMILIES } from '../../../src/lib/components/conditions/families';
import { Condition } from '../../../src/lib/engine/schema/conditions';
import { demoCatalog } from './catalog';

const vip = { kind: 'tag' as const, op: 'has' as const, tag: 'vip' };
const paris = { kind: 'field' as const, field: 'city', op: 'eq' as const, value: 'Paris' };

describe('condition tree edits', () => {
	it('builds nested groups without touching the input', () => {
		const root = asRoot(vip);
		expect(root).toEqual({ all: [vip] });
		const a = appendAt(root, [], { any: [paris] });
		const b = appendAt(a, [1], vip);
		expect(b).toEqual({ all: [vip, { any: [paris, vip] }] });
		expect(a).toEqual({ all: [vip, { any: [paris] }] });
		expect(toggleAt(b, [1])).toEqual({ all: [vip, { all: [paris, vip] }] });
		expect(toggleAt(b, [])).toEqual({ any: [vip, { any: [paris, vip] }] });
		expect(leafCount(b)).toBe(3);
		expect(schemaPath(b, [1, 0])).toEqual(['all', 1, 'any', 0]);
	});

	it('wraps a leaf into a group of the other operator, and ungroups', () => {
		const root = { all: [vip, paris] };
		const wrapped = wrapAt(root, [1]);
		expect(wrapped).toEqual({ all: [vip, { any: [paris] }] });
		expect(unwrapAt(wrapped, [1])).toEqual(root);
		expect(replaceAt(root, [0], null)).toEqual({ all: [paris] });
	});
});

describe('condition families', () => {
	it('a new leaf of every family is a valid condition on the demo workspace, except the texts only the user can type', () => {
		const cat = demoCatalog();
		for (const f of FAMILIES) {
			const res = Condition.safeParse(newLeaf(f, cat));
			if (f === 'site' || f === 'event') expect(res.success, f).toBe(false);
			else expect(res.success, f).toBe(true);
		}
		expect(newLeaf('site', cat)).toEqual({ kind: 'site', op: 'visited', url: '' });
		expect(newLeaf('event', cat)).toEqual({ kind: 'event', op: 'recorded', name: '' });
	});

	it('offers operators that fit the field type and drops values that no longer fit', () => {
		expect(fieldOps('date')).toContain('within_next');
		expect(fieldOps('number')).not.toContain('contains');
		expect(fieldOps('multiselect')).toEqual(['includes', 'excludes', 'empty', 'not_empty']);
		expect(withFieldOp({ op: 'eq', value: 'x' }, 'empty')).toEqual({ op: 'empty' });
		expect(withFieldOp({ op: 'on', value: 'today' }, 'within_last')).toEqual({ op: 'within_last', days: 7 });
		expect(withFieldOp({ op: 'within_last', days: 3 }, 'after')).toEqual({ op: 'after' });
	});
});
