// The report sections of a small automation whose every number is worked out by hand:
// an A/B email, a wait, an if/else, a goal that waits and a split.
import { describe, expect, it } from 'vitest';
import { engineWith, must, T0 } from '../engine/helpers';
import { DAY, HOUR } from '../../../src/lib/engine/core/time';
import type { Engine } from '../../../src/lib/engine/engine';
import type { Effect } from '../../../src/lib/engine/effects';
import type { Input } from '../../../src/lib/engine/inputs';
import { automationReport, workspaceTotals } from '../../../src/lib/reports';

const contacts = Array.from({ length: 10 }, (_, i) => ({ id: `c${i + 1}`, email: `c${i + 1}@example.com`, firstName: `N${i + 1}`, lists: { news: 'active' } }));

function build(): { e: Engine; messages: Effect[] } {
	const e = engineWith({
		lists: [{ id: 'news', name: 'News' }],
		contacts,
		emails: [
			{ id: 'e1', name: 'Hello A', subject: 'A', body: '<p>A</p>' },
			{ id: 'e2', name: 'Hello B', subject: 'B', body: '<p>B</p>' }
		],
		conversions: [{ id: 'order', name: 'Order', value: 25 }],
		automations: [
			{
				id: 'flow',
				name: 'Flow',
				status: 'active',
				triggers: [{ id: 't', kind: 'tag.added', tag: 'go', runs: 'once' }],
				steps: [
					{ id: 'mail', kind: 'email.send', email: 'e1', abTest: { variants: ['e2'], winnerBy: 'opens', decideAfter: { days: 10 } }, next: 'wait' },
					{ id: 'wait', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'opened' },
					{ id: 'opened', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has' }, yes: 'bought', no: 'split' },
					{ id: 'bought', kind: 'goal', label: 'Bought', conditions: { kind: 'conversion', op: 'made', conversion: 'order' }, ifUnmet: 'wait' },
					{ id: 'split', kind: 'split', mode: 'even', paths: [{ label: 'Left' }, { label: 'Right' }] }
				]
			}
		]
	});
	const messages: Effect[] = [];
	const run = (input: Input) => {
		must(e, input);
		messages.push(...e.takeEffects());
	};
	for (const c of contacts) run({ type: 'tag.added', at: T0, contact: c.id, tag: 'go' });
	for (const c of ['c1', 'c2', 'c3']) run({ type: 'email.opened', at: T0 + HOUR, contact: c, email: c === 'c2' ? 'e2' : 'e1' });
	run({ type: 'email.clicked', at: T0 + HOUR, contact: 'c1', email: 'e1', link: 'https://x.example/' });
	run({ type: 'conversion.made', at: T0 + 2 * HOUR, contact: 'c1', conversion: 'order' });
	run({ type: 'conversion.made', at: T0 + 3 * DAY, contact: 'c2', conversion: 'order' });
	run({ type: 'clock.advanced', at: T0 + 5 * DAY });
	return { e, messages };
}

describe('automation report', () => {
	const { e, messages } = build();
	const r = automationReport(e, messages, 'flow')!;

	it('funnel: entries, each step in flow order, then goals achieved', () => {
		expect(r.funnel.map((x) => [x.key, x.count])).toEqual([
			['entered', 10],
			['step:mail', 10],
			['step:wait', 10],
			// c1 converted while waiting and jumped straight to the goal.
			['step:opened', 9],
			['step:bought', 3],
			['step:split', 7],
			['goal', 2]
		]);
		expect(r.funnel.at(-1)!.rate).toBe(0.2);
		expect(r.entered).toBe(10);
	});

	it('conversion by path of the if/else and the split', () => {
		const [ifElse, split] = r.paths;
		expect(ifElse.step).toBe('opened');
		expect(ifElse.paths.map((p) => [p.key, p.entries, p.goals, p.completed])).toEqual([
			['yes', 2, 1, 1],
			['no', 7, 0, 7]
		]);
		expect(ifElse.paths[0].goalRate).toBe(0.5);
		expect(split.paths.map((p) => [p.label, p.entries, p.goals, p.completed])).toEqual([
			['Left', 4, 0, 4],
			['Right', 3, 0, 3]
		]);
	});

	it('A/B variants of the email: sends, opens, clicks and conversions per variant', () => {
		const ab = r.tests.find((t) => t.step === 'mail')!;
		expect(ab.kind).toBe('email');
		expect(ab.metrics).toEqual(['opens', 'clicks', 'goal']);
		expect(ab.winner).toBeNull();
		expect(ab.variants.map((v) => [v.key, v.emailName, v.samples.opens, v.samples.clicks, v.samples.goal])).toEqual([
			['A', 'Hello A', { n: 5, x: 2 }, { n: 5, x: 1 }, { n: 5, x: 1 }],
			['B', 'Hello B', { n: 5, x: 1 }, { n: 5, x: 0 }, { n: 5, x: 1 }]
		]);
		expect(ab.comparisons.opens).toMatchObject({ verdict: 'too_few', leader: 'A', runnerUp: 'B', leaderRate: 0.4, runnerUpRate: 0.2 });
		const split = r.tests.find((t) => t.step === 'split')!;
		expect(split.metrics).toEqual(['goal', 'completed']);
		expect(split.variants.map((v) => [v.label, v.samples.completed])).toEqual([
			['Left', { n: 4, x: 4 }],
			['Right', { n: 3, x: 3 }]
		]);
	});

	it('contacts waiting per step at each local midnight, then now', () => {
		const w = r.waiting;
		expect(w.unit).toBe('day');
		const midnight = T0 - 9 * HOUR;
		expect(w.times).toEqual([0, 1, 2, 3, 4, 5].map((d) => midnight + d * DAY).concat(T0 + 5 * DAY));
		expect(w.steps.map((s) => [s.step, s.counts])).toEqual([
			['wait', [0, 9, 0, 0, 0, 0, 0]],
			['bought', [0, 0, 2, 2, 1, 1, 1]]
		]);
		// The last sample is what the engine's counters say now.
		for (const s of w.steps) expect(s.counts.at(-1)).toBe(e.statsFor('flow', s.step).waiting);
	});

	it('sends per day from the first send to today', () => {
		expect(r.sends.total).toBe(10);
		expect(r.sends.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']);
		expect(r.sends.series).toEqual([{ family: 'email', counts: [10, 0, 0, 0, 0, 0] }]);
	});

	it('workspace totals', () => {
		const t = workspaceTotals(e, messages);
		expect(t.contacts).toBe(10);
		expect(t.runs).toEqual({ active: 0, waiting: 1, completed: 9, exited: 0 });
		expect(t.messages).toEqual({ total: 10, byKind: [{ kind: 'email.send', count: 10 }] });
		expect(t.goals).toEqual({ achieved: 2, contacts: 2 });
		expect(t.conversions).toEqual({ total: 2, contacts: 2, value: 50, byConversion: [{ id: 'order', name: 'Order', count: 2, value: 50 }] });
		expect(t.automations).toEqual([{ id: 'flow', name: 'Flow', status: 'active', entered: 10, waiting: 1, completed: 9, exited: 0, goals: 2, goalRate: 0.2 }]);
	});

	it('an unknown automation has no report', () => {
		expect(automationReport(e, messages, 'nope')).toBeNull();
	});
});
