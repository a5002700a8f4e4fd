/** Canvas cards: an edit hands Svelte Flow the same objects for what it did not touch. */
import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/svelte';
import { keepUnchangedEdges, keepUnchangedNodes } from '../../../src/lib/components/builder/canvas/cards';

const step = (id: string, title: string, outputs = ['next'], x = 0): Node => ({ id, type: 'step', position: { x, y: 0 }, width: 250, height: 92, selected: false, data: { title, outputs: outputs.map((key) => ({ key })) } });

describe('keeping unchanged canvas objects', () => {
	it('reuses equal nodes (measured by Svelte Flow), replaces changed ones and keeps their measure when the handles are the same', () => {
		const measured = { width: 250, height: 92 };
		const prev = [
			{ ...step('s:a', 'A'), measured },
			{ ...step('s:b', 'B'), measured },
			{ ...step('s:c', 'C'), measured }
		];
		const next = keepUnchangedNodes(prev, [step('s:a', 'A'), step('s:b', 'Renamed'), step('s:c', 'C', ['yes', 'no']), step('s:d', 'New')]);
		expect(next[0]).toBe(prev[0]);
		expect(next[1]).not.toBe(prev[1]);
		expect(next[1].data.title).toBe('Renamed');
		expect(next[1].measured).toEqual(measured);
		// New handles: measured again by Svelte Flow.
		expect(next[2].measured).toBeUndefined();
		expect(next[3].measured).toBeUndefined();
	});

	it('does not reuse a node Svelte Flow changed in a way the model does not say (a drag left it elsewhere)', () => {
		const prev = [{ ...step('s:a', 'A', ['next'], 40), dragging: false, measured: { width: 250, height: 92 } }];
		const next = keepUnchangedNodes(prev, [step('s:a', 'A', ['next'], 0)]);
		expect(next[0]).not.toBe(prev[0]);
		expect(next[0].position).toEqual({ x: 0, y: 0 });
		const same = keepUnchangedNodes(prev, [step('s:a', 'A', ['next'], 40)]);
		expect(same[0]).not.toBe(prev[0]);
		expect('dragging' in same[0]).toBe(false);
	});

	it('reuses equal edges only', () => {
		const e = (id: string, label?: string): Edge => ({ id, source: 'a', target: 'b', data: { label } });
		const prev = [e('e1', 'Yes'), e('e2', 'No')];
		const next = keepUnchangedEdges(prev, [e('e1', 'Yes'), e('e2', 'Non'), e('e3')]);
		expect(next[0]).toBe(prev[0]);
		expect(next[1]).not.toBe(prev[1]);
		expect(next[2].id).toBe('e3');
	});
});
