/** Graph edits: insert on edges, append, delete with reconnect, copy/paste with new ids. */
import { describe, expect, it } from 'vitest';
import { appendStep, copySteps, deleteSteps, EditError, firstOpenEnd, flowOrder, freshId, insertStep, nudge, pasteSteps } from '../../../src/lib/collab/ops';
import type { AutomationDef, StepDef } from '../../../src/lib/engine/schema/automation';
import { validateAutomation } from '../../../src/lib/engine/validate';
import { engineWith } from '../engine/helpers';

const tag = (id: string, next?: string): StepDef => ({ id, kind: 'tag.add', tag: id, ...(next ? { next } : {}) });
const wait = (id: string, next?: string): StepDef => ({ id, kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, ...(next ? { next } : {}) });
const ifElse = (id: string, yes?: string, no?: string): StepDef => ({ id, kind: 'if_else', conditions: { kind: 'tag', op: 'has', tag: 'vip' }, ...(yes ? { yes } : {}), ...(no ? { no } : {}) });
const def = (steps: StepDef[], extra: Partial<AutomationDef> = {}): AutomationDef => ({ id: 'a', name: 'A', status: 'draft', entry: 'multiple', triggers: [], steps, ...extra });

/** "id>next" lines describing the graph, for compact assertions. */
function edges(d: AutomationDef): string[] {
	return flowOrder(d).map((s) => {
		if (s.kind === 'if_else') return `${s.id}?${s.yes ?? '-'}:${s.no ?? '-'}`;
		if (s.kind === 'split') return `${s.id}/${(s.paths as { next?: string }[]).map((p) => p.next ?? '-').join('|')}`;
		if (s.kind === 'goto') return `${s.id}=>${s.target}`;
		return `${s.id}>${s.next ?? '-'}`;
	});
}

let n = 0;
const ids = () => `n${++n}`;

describe('insert', () => {
	it('on an edge: the new step leads where the edge led', () => {
		const d = insertStep(def([tag('a', 'b'), tag('b')]), { from: 'a', key: 'next' }, wait('w'));
		expect(edges(d)).toEqual(['a>w', 'w>b', 'b>-']);
		expect(d.steps.map((s) => s.id)).toEqual(['a', 'w', 'b']);
	});

	it('at the entry: becomes the start', () => {
		const d = insertStep(def([tag('a')]), { from: null, key: 'start' }, wait('w'));
		expect(d.start).toBe('w');
		expect(edges(d)).toEqual(['w>a', 'a>-']);
	});

	it('a branch on an edge: the rest of the path goes down Yes', () => {
		const d = insertStep(def([tag('a', 'b'), tag('b')]), { from: 'a', key: 'next' }, ifElse('if'));
		expect(edges(d)).toEqual(['a>if', 'if?b:-', 'b>-']);
	});

	it('a split on an edge: the rest goes down path A', () => {
		const split = { id: 's', kind: 'split', mode: 'even', paths: [{ label: 'A' }, { label: 'B' }] };
		const d = insertStep(def([tag('a', 'b'), tag('b')]), { from: 'a', key: 'next' }, split);
		expect(edges(d)).toEqual(['a>s', 's/b|-', 'b>-']);
	});

	it('refuses a Go to in the middle of a path, accepts it at the end', () => {
		const g = { id: 'g', kind: 'goto', target: 'a' };
		expect(() => insertStep(def([tag('a', 'b'), tag('b')]), { from: 'a', key: 'next' }, g)).toThrow(EditError);
		expect(edges(insertStep(def([tag('a', 'b'), tag('b')]), { from: 'b', key: 'next' }, g))).toEqual(['a>b', 'b>g', 'g=>a']);
	});

	it('on the No path of an if/else', () => {
		const d = insertStep(def([ifElse('if', 'y'), tag('y')]), { from: 'if', key: 'no' }, tag('n'));
		expect(edges(d)).toEqual(['if?y:n', 'y>-', 'n>-']);
	});
});

describe('append', () => {
	it('goes to the first open end, depth first (Yes before No)', () => {
		const d0 = def([ifElse('if', 'y'), tag('y')]);
		expect(firstOpenEnd(d0)).toEqual({ from: 'if', key: 'no' });
		const d1 = appendStep(def([tag('a', 'b'), tag('b')]), wait('w'));
		expect(edges(d1)).toEqual(['a>b', 'b>w', 'w>-']);
		expect(edges(appendStep(def([]), wait('w')))).toEqual(['w>-']);
	});
});

describe('delete with reconnect', () => {
	it("connects the step's parent to its next", () => {
		const { def: d, removed } = deleteSteps(def([tag('a', 'b'), wait('b', 'c'), tag('c')]), ['b']);
		expect(removed).toEqual(['b']);
		expect(edges(d)).toEqual(['a>c', 'c>-']);
	});

	it('deleting the start moves the start to its next (and keeps an implicit start implicit)', () => {
		const { def: d } = deleteSteps(def([tag('a', 'b'), tag('b')]), ['a']);
		expect(d.start).toBeUndefined();
		expect(edges(d)).toEqual(['b>-']);
		const { def: e } = deleteSteps(def([tag('x'), tag('a', 'b'), tag('b')], { start: 'a' }), ['a']);
		expect(e.start).toBe('b');
	});

	it('several selected steps in a row', () => {
		const { def: d } = deleteSteps(def([tag('a', 'b'), tag('b', 'c'), tag('c', 'd'), tag('d')]), ['b', 'c']);
		expect(edges(d)).toEqual(['a>d', 'd>-']);
	});

	it('a branch keeps its Yes path; steps only under No go with it; shared steps stay', () => {
		const d0 = def([tag('a', 'if'), ifElse('if', 'y', 'n'), tag('y', 'end'), tag('n', 'n2'), tag('n2', 'end'), tag('end')]);
		const { def: d, removed } = deleteSteps(d0, ['if']);
		expect(removed.sort()).toEqual(['if', 'n', 'n2']);
		expect(edges(d)).toEqual(['a>y', 'y>end', 'end>-']);
	});

	it('go-to steps aiming at a deleted step aim at its continuation; layout nudges go too', () => {
		const d0 = def([tag('a', 'b'), wait('b', 'c'), tag('c', 'g'), { id: 'g', kind: 'goto', target: 'b' }], { layout: { b: { x: 5, y: 0 }, c: { x: 1, y: 1 } } });
		const { def: d } = deleteSteps(d0, ['b']);
		expect(edges(d)).toEqual(['a>c', 'c>g', 'g=>c']);
		expect(d.layout).toEqual({ c: { x: 1, y: 1 } });
	});

	it('keeps the result valid for the engine', () => {
		const e = engineWith({});
		const d0 = def([tag('a', 'if'), ifElse('if', 'y', 'n'), tag('y'), tag('n')], { triggers: [{ id: 't', kind: 'manual', runs: 'once' }] });
		const { def: d } = deleteSteps(d0, ['if']);
		expect(validateAutomation(d, e.view()).filter((x) => x.severity === 'error')).toEqual([]);
	});
});

describe('copy and paste', () => {
	it('pastes a copied chain with new ids on an edge; edges leaving the selection are cut', () => {
		const d0 = def([tag('a', 'b'), wait('b', 'c'), tag('c', 'd'), tag('d')]);
		const frag = copySteps(d0, ['b', 'c']);
		expect(edges(def(frag.steps))).toEqual(['b>c', 'c>-']);
		const { def: d, ids: pasted } = pasteSteps(d0, { from: 'd', key: 'next' }, frag, ids);
		expect(pasted.length).toBe(2);
		const [b2, c2] = pasted;
		expect(edges(d)).toEqual(['a>b', 'b>c', 'c>d', `d>${b2}`, `${b2}>${c2}`, `${c2}>-`]);
	});

	it('pasting in the middle of a path reconnects the rest after the fragment', () => {
		const d0 = def([tag('a', 'b'), tag('b')]);
		const { def: d, ids: [x] } = pasteSteps(d0, { from: 'a', key: 'next' }, copySteps(d0, ['a']), ids);
		expect(edges(d)).toEqual([`a>${x}`, `${x}>b`, 'b>-']);
	});

	it('keeps a branch and its go-to inside the fragment, renamed', () => {
		const d0 = def([ifElse('if', 'y', 'g'), tag('y'), { id: 'g', kind: 'goto', target: 'y' }]);
		const { def: d, ids: got } = pasteSteps(d0, { from: 'y', key: 'next' }, copySteps(d0, ['if', 'y', 'g']), ids);
		const [if2, y2, g2] = got;
		expect(d.steps.find((s) => s.id === if2)).toMatchObject({ yes: y2, no: g2 });
		expect(d.steps.find((s) => s.id === g2)).toMatchObject({ target: y2 });
	});
});

describe('ids and layout', () => {
	it('fresh ids are readable, valid and unique', () => {
		const taken = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const id = freshId('email.send', taken);
			expect(id).toMatch(/^email-send-[0-9a-z]{5}$/);
			expect(taken.has(id)).toBe(false);
			taken.add(id);
		}
	});

	it('nudges are stored as rounded offsets and dropped at zero', () => {
		const d = nudge(def([tag('a')]), { a: { x: 10.4, y: -3.6 } });
		expect(d.layout).toEqual({ a: { x: 10, y: -4 } });
		expect(nudge(d, { a: { x: 0, y: 0 } }).layout).toBeUndefined();
	});
});
