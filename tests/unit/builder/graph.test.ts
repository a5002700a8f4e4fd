/** The canvas model: nodes and edges of an automation, "+" at open ends, jumps, and a layout that keeps Yes left of No. */
import { describe, expect, it } from 'vitest';
import { buildModel, LayoutCache, layoutModel, SIZES, structureKey } from '../../../src/lib/components/builder/graph';
import { TIGHT_TREE_FROM } from '../../../src/lib/components/builder/layout';
import { buildOutline } from '../../../src/lib/components/builder/outline';
import type { AutomationDef, StepDef } from '../../../src/lib/engine/schema/automation';
import { demoTemplate } from '../../../src/lib/templates/demo';

const def = (steps: StepDef[], extra: Partial<AutomationDef> = {}): AutomationDef => ({ id: 'a', name: 'A', status: 'draft', entry: 'multiple', triggers: [{ id: 't', kind: 'manual', runs: 'every' }], steps, ...extra });
const demo = demoTemplate.build(Date.UTC(2026, 0, 5), 42).file.automations as AutomationDef[];

describe('canvas model', () => {
	it('draws triggers, steps, open ends and the entry edge', () => {
		const m = buildModel(def([{ id: 'if', kind: 'if_else', conditions: { all: [] }, yes: 'y' }, { id: 'y', kind: 'tag.add', tag: 'x' }]));
		expect(m.nodes.map((n) => n.id)).toEqual(['t:t', 'add-trigger', 's:if', 's:y', 'add:y:next', 'add:if:no']);
		expect(m.edges.map((e) => `${e.source}>${e.target}${e.label ? `(${e.label})` : ''}${e.insertable ? '+' : ''}`)).toEqual([
			't:t>s:if+',
			's:if>s:y(yes)+',
			's:if>add:if:no(no)',
			's:y>add:y:next'
		]);
		expect(m.nodes.find((n) => n.id === 'add:if:no')!.anchor).toEqual({ from: 'if', key: 'no' });
	});

	it('read-only (a revision) has no "+" anywhere', () => {
		const m = buildModel(demo[0], true);
		expect(m.nodes.some((n) => n.type === 'add' || n.type === 'addTrigger')).toBe(false);
		expect(m.edges.some((e) => e.insertable)).toBe(false);
	});

	it('draws go-to and goal jumps apart from the tree', () => {
		const reengage = buildModel(demo.find((a) => a.id === 'reengage')!);
		expect(reengage.edges.filter((e) => e.kind === 'goto').map((e) => `${e.source}>${e.target}`)).toEqual(['s:again>s:nudge']);
		const welcome = buildModel(demo.find((a) => a.id === 'welcome')!);
		expect(welcome.edges.filter((e) => e.kind === 'goal').map((e) => `${e.source}>${e.target}`)).toEqual(['s:send-welcome>s:bought']);
	});

	it('lays out top to bottom with Yes left of No, and the layout key ignores settings', () => {
		const d = def([{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'if' }, { id: 'if', kind: 'if_else', conditions: { all: [] }, yes: 'y', no: 'n' }, { id: 'n', kind: 'tag.add', tag: 'n' }, { id: 'y', kind: 'tag.add', tag: 'y' }]);
		const m = buildModel(d);
		const p = layoutModel(m);
		expect(p.get('t:t')!.y).toBeLessThan(p.get('s:w')!.y);
		expect(p.get('s:w')!.y).toBeLessThan(p.get('s:if')!.y);
		expect(p.get('s:y')!.x).toBeLessThan(p.get('s:n')!.x);
		const renamed = buildModel({ ...d, steps: d.steps.map((s) => (s.id === 'w' ? { ...s, label: 'Pause', wait: { mode: 'period', for: { days: 3 } } } : s)) });
		expect(structureKey(renamed)).toBe(structureKey(m));
		const w = layoutModel(buildModel(demo.find((a) => a.id === 'welcome')!));
		expect(w.get('s:send-tips')!.x).toBeLessThan(w.get('s:send-reminder')!.x);
		const split = def([{ id: 's', kind: 'split', mode: 'even', paths: [{ label: 'A', next: 'c' }, { label: 'B', next: 'a' }, { label: 'C', next: 'b' }] }, { id: 'a', kind: 'tag.add', tag: 'a' }, { id: 'b', kind: 'tag.add', tag: 'b' }, { id: 'c', kind: 'tag.add', tag: 'c' }]);
		const sp = layoutModel(buildModel(split));
		expect([sp.get('s:c')!.x, sp.get('s:a')!.x, sp.get('s:b')!.x]).toEqual([...[sp.get('s:c')!.x, sp.get('s:a')!.x, sp.get('s:b')!.x]].sort((x, y) => x - y));
	});

	it('lays out 200 steps with branches: parents above children, Yes left of No, no overlap', () => {
		// A chain with an If/else every 20 steps whose paths take one step each and rejoin.
		const steps: StepDef[] = [];
		for (let i = 0; i < 180; i++) {
			const next = i < 179 ? `s${i + 1}` : undefined;
			if (i % 20 === 10) {
				steps.push({ id: `s${i}`, kind: 'if_else', conditions: { all: [] }, yes: `y${i}`, no: `n${i}` });
				steps.push({ id: `y${i}`, kind: 'tag.add', tag: 'y', next });
				steps.push({ id: `n${i}`, kind: 'tag.add', tag: 'n', next });
			} else steps.push({ id: `s${i}`, kind: 'tag.add', tag: 'x', ...(next ? { next } : {}) });
		}
		const m = buildModel(def(steps));
		expect(m.nodes.length).toBeGreaterThan(TIGHT_TREE_FROM);
		const p = layoutModel(m);
		for (const e of m.edges.filter((x) => x.kind === 'flow')) expect(p.get(e.source)!.y, `${e.source} above ${e.target}`).toBeLessThan(p.get(e.target)!.y);
		for (let i = 10; i < 180; i += 20) expect(p.get(`s:y${i}`)!.x, `Yes of s${i} left of its No`).toBeLessThan(p.get(`s:n${i}`)!.x);
		const boxes = m.nodes.map((n) => ({ id: n.id, ...p.get(n.id)!, ...SIZES[n.type] }));
		for (const [i, a] of boxes.entries())
			for (const b of boxes.slice(i + 1))
				expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y, `${a.id} overlaps ${b.id}`).toBe(true);
	});

	it('keeps recent layouts by structure: undo reuses one, settings edits never relayout, old ones are dropped', () => {
		const chain = (n: number, label = ''): AutomationDef =>
			def(Array.from({ length: n }, (_, i) => ({ id: `s${i}`, kind: 'tag.add', tag: 'x', label: i === 0 ? label : undefined, ...(i < n - 1 ? { next: `s${i + 1}` } : {}) })));
		const cache = new LayoutCache(2);
		const three = cache.positions(buildModel(chain(3)));
		expect(cache.positions(buildModel(chain(3, 'Renamed')))).toBe(three);
		const two = cache.positions(buildModel(chain(2)));
		expect(two).not.toBe(three);
		expect(cache.positions(buildModel(chain(3)))).toBe(three);
		cache.positions(buildModel(chain(4)));
		// chain(2) was the least recently used of the two kept: computed again, equal but new.
		const again = cache.positions(buildModel(chain(2)));
		expect(again).not.toBe(two);
		expect(again).toEqual(two);
	});
});

describe('outline', () => {
	it('nests branches and notes merges', () => {
		const welcome = buildOutline(demo.find((a) => a.id === 'welcome')!);
		const ids = welcome.main.items.map((i) => i.step.id);
		expect(ids).toEqual(['send-welcome', 'wait-2d', 'opened']);
		const [yes, no] = welcome.main.items[2].branches!;
		expect(yes.path.items.map((i) => i.step.id)).toEqual(['send-tips', 'wait-3d', 'send-offer', 'bought', 'tag-customer']);
		expect(no.path.items.map((i) => i.step.id)).toEqual(['send-reminder']);
		expect(no.path.continues).toBe('wait-3d');
		expect(welcome.orphans).toEqual([]);
	});
});
