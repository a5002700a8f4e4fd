/**
 * The concurrent edits issue 7 names, each between two peers that edit before hearing from each
 * other: both end with the same definition, and the graph keeps every step that still has a
 * place in it (no dangling edge, no lost insert). Also per-user undo under interleaving.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToDef, seedUpdate, writeDef } from '../../../src/lib/collab/convert';
import { editableRoots } from '../../../src/lib/collab/schema';
import { deleteSteps, flowOrder, insertStep, replaceStep } from '../../../src/lib/collab/ops';
import { DraftDoc } from '../../../src/lib/collab/draft';
import type { AutomationDef, StepDef } from '../../../src/lib/engine/schema/automation';
import { validateAutomation } from '../../../src/lib/engine/validate';
import { engineWith } from '../engine/helpers';
import { Network, prng } from './net';

const tag = (id: string, next?: string): StepDef => ({ id, kind: 'tag.add', tag: id, ...(next ? { next } : {}) });
const base: AutomationDef = {
	id: 'm',
	name: 'M',
	status: 'draft',
	entry: 'multiple',
	triggers: [{ id: 'go', kind: 'manual', runs: 'every' }],
	steps: [tag('p', 'x'), tag('x', 'q'), tag('q', 'r'), tag('r')]
};

/** Two peers seeded with `base`; `both(fa, fb)` applies one edit on each, concurrently, then syncs. */
function peers() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	Y.applyUpdate(a, seedUpdate(base));
	Y.applyUpdate(b, seedUpdate(base));
	const edit = (doc: Y.Doc, fn: (d: AutomationDef) => AutomationDef) => doc.transact(() => writeDef(doc, fn(docToDef(doc))));
	const sync = () => {
		const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
		const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
		Y.applyUpdate(b, ua);
		Y.applyUpdate(a, ub);
	};
	const both = (fa: (d: AutomationDef) => AutomationDef, fb: (d: AutomationDef) => AutomationDef) => {
		edit(a, fa);
		edit(b, fb);
		sync();
		const da = docToDef(a);
		expect(JSON.stringify(docToDef(b))).toBe(JSON.stringify(da));
		return da;
	};
	return { a, b, both };
}

const chain = (d: AutomationDef) => flowOrder(d).map((s) => `${s.id}>${s.next ?? '-'}`);
const errors = (d: AutomationDef) => validateAutomation(d, engineWith({}).view()).filter((x) => x.severity === 'error' || x.code === 'step.unreachable');

describe('concurrent edits merge into a valid graph', () => {
	it('one deletes a step while the other inserts right before it: the insert leads where the deleted step led', () => {
		const { both } = peers();
		const d = both(
			(d) => deleteSteps(d, ['x']).def,
			(d) => insertStep(d, { from: 'p', key: 'next' }, tag('y'))
		);
		expect(chain(d)).toEqual(['p>y', 'y>q', 'q>r', 'r>-']);
		expect(errors(d)).toEqual([]);
	});

	it('one deletes a step while the other inserts right after it: the insert takes its place', () => {
		const { both } = peers();
		const d = both(
			(d) => deleteSteps(d, ['x']).def,
			(d) => insertStep(d, { from: 'x', key: 'next' }, tag('y'))
		);
		expect(chain(d)).toEqual(['p>y', 'y>q', 'q>r', 'r>-']);
		expect(errors(d)).toEqual([]);
	});

	it('one deletes a step while the other edits it: the deletion wins, nothing dangles', () => {
		const { both } = peers();
		const d = both(
			(d) => deleteSteps(d, ['x']).def,
			(d) => replaceStep(d, 'x', { ...d.steps.find((s) => s.id === 'x')!, label: 'Edited' })
		);
		expect(chain(d)).toEqual(['p>q', 'q>r', 'r>-']);
		expect(errors(d)).toEqual([]);
	});

	it('one deletes a step another points a go-to at: the go-to follows to the next step', () => {
		const { both } = peers();
		const d = both(
			(d) => deleteSteps(d, ['q']).def,
			(d) => insertStep(d, { from: 'r', key: 'next' }, { id: 'g', kind: 'goto', target: 'q' })
		);
		expect(d.steps.find((s) => s.id === 'g')).toMatchObject({ target: 'r' });
		expect(errors(d).filter((x) => x.severity === 'error')).toEqual([]);
	});

	it('both delete neighbouring steps: the path skips both', () => {
		const { both } = peers();
		const d = both(
			(d) => deleteSteps(d, ['x']).def,
			(d) => deleteSteps(d, ['q']).def
		);
		expect(chain(d)).toEqual(['p>r', 'r>-']);
	});

	it('two inserts on the same edge: both steps are kept, one after the other', () => {
		const { both } = peers();
		const d = both(
			(d) => insertStep(d, { from: 'p', key: 'next' }, tag('y')),
			(d) => insertStep(d, { from: 'p', key: 'next' }, tag('w'))
		);
		const ids = flowOrder(d).map((s) => s.id);
		expect(ids.slice(0, 1)).toEqual(['p']);
		expect(new Set(ids.slice(1, 3))).toEqual(new Set(['y', 'w']));
		expect(ids.slice(3)).toEqual(['x', 'q', 'r']);
		expect(errors(d)).toEqual([]);
	});

	it('two inserts at the entry: both kept before the old first step', () => {
		const { both } = peers();
		const d = both(
			(d) => insertStep(d, { from: null, key: 'start' }, tag('y')),
			(d) => insertStep(d, { from: null, key: 'start' }, tag('w'))
		);
		expect(flowOrder(d).map((s) => s.id).slice(2)).toEqual(['p', 'x', 'q', 'r']);
		expect(errors(d)).toEqual([]);
	});

	it('two change the same field: one value wins, the same on both peers', () => {
		const { both } = peers();
		const d = both(
			(d) => replaceStep(d, 'q', { ...tag('q', 'r'), tag: 'from-a' }),
			(d) => replaceStep(d, 'q', { ...tag('q', 'r'), tag: 'from-b' })
		);
		expect(['from-a', 'from-b']).toContain(d.steps.find((s) => s.id === 'q')!.tag);
	});
});

describe('per-user undo', () => {
	const user = (name: string) => ({ id: name, name, color: '#123456' });

	/** Two drafts (the real DraftDoc) joined by the simulated network. */
	async function two() {
		const open = (name: string) => DraftDoc.open({ workspace: 'w', automation: 'm', user: user(name), persist: false, channel: null }, async () => base);
		const a = await open('alice');
		const b = await open('bob');
		const net = new Network([a.doc, b.doc], prng(1));
		net.sync(0, 1);
		return { a, b, net };
	}

	it("undoing my edits never undoes another user's concurrent ones (interleaved, fields and structure)", async () => {
		const { a, b, net } = await two();
		a.edit((d) => ({ ...d, name: 'Alice 1' }));
		b.edit((d) => replaceStep(d, 'q', { ...d.steps.find((s) => s.id === 'q')!, label: 'Bob label' }));
		net.deliver(10);
		a.edit((d) => insertStep(d, { from: 'p', key: 'next' }, tag('a1')));
		b.edit((d) => insertStep(d, { from: 'q', key: 'next' }, tag('b1')));
		a.edit((d) => replaceStep(d, 'r', { ...d.steps.find((s) => s.id === 'r')!, label: 'Alice on r' }));
		b.edit((d) => replaceStep(d, 'r', { ...d.steps.find((s) => s.id === 'r')!, tag: 'bob-tag' }));
		net.settle();
		expect(JSON.stringify(a.def)).toBe(JSON.stringify(b.def));
		while (a.canUndo) a.undoLast();
		net.settle();
		for (const d of [a.def, b.def]) {
			expect(d.name).toBe('M');
			expect(d.steps.map((s) => s.id)).not.toContain('a1');
			expect(d.steps.map((s) => s.id)).toContain('b1');
			expect(d.steps.find((s) => s.id === 'q')!.label).toBe('Bob label');
			const r = d.steps.find((s) => s.id === 'r')!;
			expect(r.label).toBeUndefined();
			expect(r.tag).toBe('bob-tag');
			expect(chain(d)).toEqual(['p>x', 'x>q', 'q>b1', 'b1>r', 'r>-']);
		}
		a.destroy();
		b.destroy();
	});

	it('my undo of a field another user overwrote since keeps their value', async () => {
		const { a, b, net } = await two();
		a.edit((d) => replaceStep(d, 'q', { ...d.steps.find((s) => s.id === 'q')!, tag: 'alice' }));
		net.settle();
		b.edit((d) => replaceStep(d, 'q', { ...d.steps.find((s) => s.id === 'q')!, tag: 'bob' }));
		net.settle();
		a.undoLast();
		net.settle();
		expect(a.def.steps.find((s) => s.id === 'q')!.tag).toBe('bob');
		expect(b.def.steps.find((s) => s.id === 'q')!.tag).toBe('bob');
		a.destroy();
		b.destroy();
	});

	it('undoing a deletion brings the step back for everyone, and the redirect is forgotten', async () => {
		const { a, b, net } = await two();
		a.edit((d) => deleteSteps(d, ['x']).def);
		net.settle();
		expect(chain(b.def)).toEqual(['p>q', 'q>r', 'r>-']);
		a.undoLast();
		net.settle();
		expect(chain(b.def)).toEqual(['p>x', 'x>q', 'q>r', 'r>-']);
		expect(b.doc.getMap('gone').size).toBe(0);
		a.destroy();
		b.destroy();
	});

	it('the undo manager tracks only the graph, not comments', () => {
		const doc = new Y.Doc();
		expect(editableRoots(doc)).not.toContain(doc.getMap('comments'));
	});
});
