import { describe, expect, it } from 'vitest';
import { adjustScore } from '../../../../src/lib/engine/steps/score';
import { codes, diagnose, run, stepLogs } from './util';

const scoring = [
	{ id: 'eng', name: 'Engagement', target: 'contact' },
	{ id: 'dealscore', name: 'Deal score', target: 'deal' }
];

describe('score.adjust', () => {
	it('adds, subtracts, sets and resets', () => {
		expect(adjustScore(10, 'add', 5)).toBe(15);
		expect(adjustScore(10, 'subtract', 15)).toBe(-5);
		expect(adjustScore(10, 'set', 3)).toBe(3);
		expect(adjustScore(10, 'reset', undefined)).toBe(0);
	});

	it('changes the contact score and fires score triggers', () => {
		const watcher = {
			id: 'hot',
			name: 'Hot leads',
			status: 'active',
			triggers: [{ id: 's', kind: 'score.changed', model: 'eng', direction: 'above', threshold: 50, runs: 'every' }],
			steps: [{ id: 'tag', kind: 'tag.add', tag: 'hot' }]
		};
		const e = run(
			[
				{ id: 'plus', kind: 'score.adjust', model: 'eng', op: 'add', value: 30, next: 'again' },
				{ id: 'again', kind: 'score.adjust', model: 'eng', op: 'add', value: 30, next: 'same' },
				{ id: 'same', kind: 'score.adjust', model: 'eng', op: 'set', value: 60, next: 'reset' },
				{ id: 'reset', kind: 'score.adjust', model: 'eng', op: 'reset' }
			],
			{ scoring },
			{ others: [watcher] }
		);
		expect(stepLogs(e, 'plus')).toEqual([{ code: 'step_done', detail: { from: 0, to: 30 } }]);
		expect(stepLogs(e, 'same')).toEqual([{ code: 'step_skipped', detail: { reason: 'unchanged', score: 60 } }]);
		expect(e.world.contact('c1')!.scores.eng).toBe(0);
		expect(e.world.contact('c1')!.tags).toEqual(['hot']);
	});

	it('validates the model, its target and the amount', () => {
		expect(codes(diagnose([{ id: 's', kind: 'score.adjust', model: 'nope', op: 'add', value: 1 }], { scoring }))).toEqual(['ref.score@error']);
		expect(codes(diagnose([{ id: 's', kind: 'score.adjust', model: 'dealscore', op: 'add', value: 1 }], { scoring }))).toEqual(['ref.score_target@error']);
		expect(codes(diagnose([{ id: 's', kind: 'score.adjust', model: 'eng', op: 'set' }], { scoring }))).toEqual(['score.value_missing@error']);
		expect(codes(diagnose([{ id: 's', kind: 'score.adjust', model: 'eng', op: 'reset' }], { scoring }))).toEqual([]);
	});
});
