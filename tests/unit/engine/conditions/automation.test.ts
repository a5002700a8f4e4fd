/** Automation conditions: in / completed / entered / achieved a goal in another automation. */
import { describe, expect, it } from 'vitest';
import { ago, holds, table, worldAt } from './harness';
import { must } from '../helpers';

const ws = {
	contacts: [
		{ id: 'c1', tags: ['active'] },
		{ id: 'c2' },
		{ id: 'c3' }
	],
	automations: [
		{
			id: 'onboard',
			name: 'Onboarding',
			status: 'active',
			triggers: [{ id: 'm', kind: 'manual', runs: 'every' }],
			steps: [
				{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'activated' },
				{ id: 'activated', kind: 'goal', conditions: { kind: 'tag', op: 'has', tag: 'active' }, ifUnmet: 'continue', next: 'done' },
				{ id: 'done', kind: 'tag.add', tag: 'onboarded' }
			]
		},
		{
			id: 'nurture',
			name: 'Nurture',
			status: 'active',
			triggers: [{ id: 'm', kind: 'manual', runs: 'every' }],
			steps: [{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 10 } } }]
		}
	]
};
const inputs = [
	{ type: 'contacts.added' as const, at: ago(20), automation: 'nurture', contacts: ['c3'] },
	{ type: 'contacts.added' as const, at: ago(5), automation: 'onboard', contacts: ['c1', 'c2'] },
	{ type: 'contacts.added' as const, at: ago(1), automation: 'nurture', contacts: ['c1'] }
];
const auto = (op: string, automation: string, goal?: string) => ({ kind: 'automation', op, automation, ...(goal ? { goal } : {}) });

describe('automation conditions', () => {
	table(() => worldAt(ws, inputs), [
		['in (waiting there now)', auto('in', 'nurture'), { c1: true, c2: false, c3: false }],
		['not in', auto('not_in', 'nurture'), { c1: false, c2: true, c3: true }],
		['nobody is still in a finished automation', auto('in', 'onboard'), { c1: false, c2: false, c3: false }],
		['has completed', auto('completed', 'onboard'), { c1: true, c2: true, c3: false }],
		['has completed (after its wait)', auto('completed', 'nurture'), { c1: false, c2: false, c3: true }],
		['has not completed', auto('not_completed', 'onboard'), { c1: false, c2: false, c3: true }],
		['has entered', auto('entered', 'onboard'), { c1: true, c2: true, c3: false }],
		['has not entered', auto('not_entered', 'onboard'), { c1: false, c2: false, c3: true }],
		['achieved a given goal', auto('achieved_goal', 'onboard', 'activated'), { c1: true, c2: false, c3: false }],
		['achieved any goal', auto('achieved_goal', 'onboard'), { c1: true, c2: false, c3: false }],
		['has not achieved the goal', auto('not_achieved_goal', 'onboard', 'activated'), { c1: false, c2: true, c3: true }]
	]);

	it('follows the contact as it moves: entered → in → completed', () => {
		const e = worldAt(ws);
		const at = e.now;
		expect(holds(e, auto('entered', 'nurture'), 'c2')).toBe(false);
		must(e, { type: 'contacts.added', at, automation: 'nurture', contacts: ['c2'] });
		expect(holds(e, auto('in', 'nurture'), 'c2')).toBe(true);
		expect(holds(e, auto('completed', 'nurture'), 'c2')).toBe(false);
		e.advanceTo(at + 10 * 86_400_000);
		expect(holds(e, auto('in', 'nurture'), 'c2')).toBe(false);
		expect(holds(e, auto('completed', 'nurture'), 'c2')).toBe(true);
	});
});
