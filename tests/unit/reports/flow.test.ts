// The facilitator's flow: branches open side-by-side arms that join where their paths meet.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/lib/engine/engine';
import { loadWorkspace } from '../../../src/lib/engine/load';
import { DAY } from '../../../src/lib/engine/core/time';
import { demoTemplate } from '../../../src/lib/templates/demo';
import { flowOf, type FlowNode } from '../../../src/lib/reports/flow';

const START = Date.UTC(2026, 2, 2, 8);

/** A compact picture of the flow: ids, with arms in brackets. */
function shape(nodes: FlowNode[]): unknown[] {
	return nodes.map((n) => (n.type === 'step' ? n.step.id : { [n.step.id]: Object.fromEntries(n.arms.map((a) => [a.key, shape(a.nodes)])) }));
}

describe('facilitator flow', () => {
	const { file, inputs } = demoTemplate.build(START, 3);
	const e = new Engine({ seed: 3, start: START, defaultZone: file.timeZone });
	loadWorkspace(e, file);
	for (const i of inputs) if (i.at <= START + 10 * DAY) e.apply(i);
	e.advanceTo(START + 10 * DAY);

	it('joins the arms of an if/else where they meet again', () => {
		const f = flowOf(e, 'welcome')!;
		expect(shape(f.nodes)).toEqual(['send-welcome', 'wait-2d', { opened: { yes: ['send-tips'], no: ['send-reminder'] } }, 'wait-3d', 'send-offer', 'bought', 'tag-customer']);
	});

	it('keeps arms apart when they never meet, and shows where a go-to leads', () => {
		const f = flowOf(e, 'reengage')!;
		expect(shape(f.nodes)).toEqual(['nudge', 'wait-open', { 'came-back': { yes: ['untag'], no: ['again'] } }]);
		const branch = f.nodes[2] as Extract<FlowNode, { type: 'branch' }>;
		const again = branch.arms[1].nodes[0] as Extract<FlowNode, { type: 'step' }>;
		expect(again.step.goto).toEqual({ id: 'nudge', kind: 'email.send', label: 'Send an email', named: false, hint: 'We miss you' });
	});

	it('carries the live counts of the engine', () => {
		const f = flowOf(e, 'welcome')!;
		expect(f.entered).toBe(e.autoStats.get('welcome')!.entered);
		expect(f.entered).toBeGreaterThan(10);
		const wait = f.nodes[1] as Extract<FlowNode, { type: 'step' }>;
		const st = e.statsFor('welcome', 'wait-2d');
		expect(wait.step).toMatchObject({ entered: st.entered, waiting: st.waiting, completed: st.completed });
		expect(st.waiting).toBeGreaterThan(0);
		const branch = f.nodes[2] as Extract<FlowNode, { type: 'branch' }>;
		expect(branch.arms.map((a) => a.count)).toEqual(e.statsFor('welcome', 'opened').paths);
		expect(flowOf(e, 'nope')).toBeNull();
	});
});
