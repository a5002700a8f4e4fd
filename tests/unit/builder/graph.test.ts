/** The canvas model: nodes and edges of an automation, "+" at open ends, jumps, and a layout that keeps Yes left of No. */
import { describe, expect, it } from 'vitest';
import { buildModel, layoutModel, structureKey } from '../../../src/lib/components/builder/graph';
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

	it('lays out 200 steps quickly', () => {
		const steps: StepDef[] = Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, kind: 'tag.add', tag: 'x', ...(i < 199 ? { next: `s${i + 1}` } : {}) }));
		const t0 = performance.now();
		const p = layoutModel(buildModel(def(steps)));
		expect(p.size).toBe(203);
		expect(performance.now() - t0).toBeLessThan(2000);
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
