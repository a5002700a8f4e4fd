/** Draft document ↔ definition: round trips, determinism, minimal writes and field-level merges. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToDef, isEmptyDoc, seedUpdate, writeDef } from '../../../src/lib/collab/convert';
import { roots } from '../../../src/lib/collab/schema';
import { canonicalJson } from '../../../src/lib/engine/core/canonical';
import { demoTemplate } from '../../../src/lib/templates/demo';
import type { AutomationDef } from '../../../src/lib/engine/schema/automation';

const demo = demoTemplate.build(Date.UTC(2026, 0, 5), 42).file.automations as AutomationDef[];
const welcome = demo.find((a) => a.id === 'welcome')!;

function docOf(def: AutomationDef): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, seedUpdate(def));
	return doc;
}

/** Two docs kept in sync by hand: updates of each are applied to the other when `flush` runs. */
function pair() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	const qa: Uint8Array[] = [];
	const qb: Uint8Array[] = [];
	a.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && qa.push(u));
	b.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && qb.push(u));
	const flush = () => {
		for (const u of qa.splice(0)) Y.applyUpdate(b, u, 'remote');
		for (const u of qb.splice(0)) Y.applyUpdate(a, u, 'remote');
	};
	return { a, b, flush };
}

describe('docToDef / writeDef', () => {
	it('round-trips every demo automation (same meaning, status left to the engine)', () => {
		for (const def of demo) {
			const back = docToDef(docOf(def));
			expect(canonicalJson(back)).toBe(canonicalJson({ ...def, status: 'draft' }));
			// Steps and triggers keep their order.
			expect(back.steps.map((s) => s.id)).toEqual(def.steps.map((s) => s.id));
		}
	});

	it('derives byte-identical JSON on peers that received edits in different orders', () => {
		const { a, b, flush } = pair();
		Y.applyUpdate(a, seedUpdate(welcome), 'remote');
		Y.applyUpdate(b, seedUpdate(welcome), 'remote');
		a.transact(() => writeDef(a, { ...docToDef(a), name: 'Renamed', steps: docToDef(a).steps.map((s) => (s.id === 'wait-2d' ? { ...s, label: 'Pause' } : s)) }));
		b.transact(() => writeDef(b, { ...docToDef(b), description: 'Edited in B' }));
		flush();
		expect(JSON.stringify(docToDef(a))).toBe(JSON.stringify(docToDef(b)));
		expect(docToDef(a)).toMatchObject({ name: 'Renamed', description: 'Edited in B' });
	});

	it('writes only what changed', () => {
		const doc = docOf(welcome);
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.transact(() => writeDef(doc, docToDef(doc)));
		expect(updates).toEqual([]);
		const def = docToDef(doc);
		const wait = roots(doc).steps.get('wait-2d')!;
		const waitBefore = wait.get('wait');
		doc.transact(() => writeDef(doc, { ...def, steps: def.steps.map((s) => (s.id === 'wait-2d' ? { ...s, wait: { mode: 'period', for: { days: 3 } } } : s)) }));
		expect(updates.length).toBe(1);
		// The nested map is the same object, edited in place.
		expect(roots(doc).steps.get('wait-2d')).toBe(wait);
		expect(wait.get('wait')).toBe(waitBefore);
		expect(docToDef(doc).steps.find((s) => s.id === 'wait-2d')).toMatchObject({ wait: { mode: 'period', for: { days: 3 } } });
	});

	it('merges concurrent edits of different fields of the same step', () => {
		const { a, b, flush } = pair();
		Y.applyUpdate(a, seedUpdate(welcome), 'remote');
		flush();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
		const da = docToDef(a);
		const db = docToDef(b);
		a.transact(() => writeDef(a, { ...da, steps: da.steps.map((s) => (s.id === 'wait-2d' ? { ...s, wait: { mode: 'period', for: { days: 5 } } } : s)) }));
		b.transact(() => writeDef(b, { ...db, steps: db.steps.map((s) => (s.id === 'wait-2d' ? { ...s, label: 'Five days' } : s)) }));
		flush();
		for (const d of [a, b]) expect(docToDef(d).steps.find((s) => s.id === 'wait-2d')).toEqual({ id: 'wait-2d', kind: 'wait', label: 'Five days', next: 'opened', wait: { for: { days: 5 }, mode: 'period' } });
	});

	it('places new steps between their neighbours and keeps the list order on every peer', () => {
		const doc = docOf(welcome);
		const def = docToDef(doc);
		const steps = [...def.steps];
		steps.splice(1, 0, { id: 'new-1', kind: 'tag.add', tag: 'x' });
		steps.push({ id: 'new-2', kind: 'tag.add', tag: 'y' });
		doc.transact(() => writeDef(doc, { ...def, steps }));
		expect(docToDef(doc).steps.map((s) => s.id)).toEqual(steps.map((s) => s.id));
	});
});

describe('seeding', () => {
	it('two peers seeding the same definition get one copy, and edits made after survive a late seed', () => {
		const { a, b, flush } = pair();
		Y.applyUpdate(a, seedUpdate(welcome));
		a.transact(() => writeDef(a, { ...docToDef(a), name: 'Edited after seeding' }));
		Y.applyUpdate(b, seedUpdate(welcome));
		flush();
		for (const d of [a, b]) {
			expect(docToDef(d).name).toBe('Edited after seeding');
			expect(roots(d).steps.size).toBe(welcome.steps.length);
		}
	});

	it('different seeds still converge', () => {
		const { a, b, flush } = pair();
		Y.applyUpdate(a, seedUpdate(welcome));
		Y.applyUpdate(b, seedUpdate({ ...welcome, name: 'Other' }));
		flush();
		expect(JSON.stringify(docToDef(a))).toBe(JSON.stringify(docToDef(b)));
	});

	it('knows an empty document', () => {
		expect(isEmptyDoc(new Y.Doc())).toBe(true);
		expect(isEmptyDoc(docOf(welcome))).toBe(false);
	});
});
