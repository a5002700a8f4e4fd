import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../src/lib/engine/core/time';
import { restoreEngine, snapshot } from '../../../src/lib/engine/state';
import type { Engine } from '../../../src/lib/engine/engine';
import { engineWith, must, T0, contacts } from './helpers';

const ws = {
	lists: [{ id: 'news', name: 'Newsletter' }],
	fields: [{ key: 'birthday', label: 'Birthday', type: 'date' }],
	emails: [
		{ id: 'news1', name: 'News 1', subject: 'News', body: '<p>Hi</p>' },
		{ id: 'offer', name: 'Offer', subject: 'Offer for %FIRSTNAME%', body: '<p>Hello</p>' }
	],
	contacts: contacts(30).map((c, i) => ({ ...c, fields: { birthday: `1990-03-${String((i % 27) + 1).padStart(2, '0')}` } })),
	automations: [
		{
			id: 'j',
			name: 'Journey',
			status: 'active',
			triggers: [{ id: 't', kind: 'manual', runs: 'every' }],
			steps: [
				{ id: 'tag', kind: 'tag.add', tag: 'started', next: 'w' },
				{ id: 'w', kind: 'wait', wait: { mode: 'until_conditions', conditions: { kind: 'tag', op: 'has', tag: 'vip' }, timeLimit: { days: 3 } }, next: 'split' },
				{ id: 'split', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 50, next: 'send' }, { label: 'B', percent: 50, next: 'g' }] },
				{ id: 'send', kind: 'email.send', email: 'offer', next: 'g' },
				{ id: 'g', kind: 'goal', conditions: { kind: 'tag', op: 'has', tag: 'buyer' }, ifUnmet: 'wait' }
			]
		},
		{
			id: 'bday',
			name: 'Birthday',
			status: 'active',
			triggers: [{ id: 'b', kind: 'date.based', field: 'birthday', recurrence: 'yearly', time: '09:00' }],
			steps: [{ id: 'send', kind: 'email.send', email: 'offer' }]
		}
	]
};

function script(e: Engine, from: number, to: number): void {
	const steps: [number, () => void][] = [
		[T0, () => must(e, { type: 'contacts.added', at: T0, automation: 'j', contacts: Array.from({ length: 30 }, (_, i) => `c${i + 1}`) })],
		[T0 + HOUR, () => must(e, { type: 'tag.added', at: T0 + HOUR, contact: 'c3', tag: 'vip' })],
		[T0 + 2 * HOUR, () => must(e, { type: 'email.opened', at: T0 + 2 * HOUR, contact: 'c4', email: 'news1' })],
		[T0 + 4 * DAY, () => must(e, { type: 'tag.added', at: T0 + 4 * DAY, contact: 'c5', tag: 'buyer' })],
		[T0 + 40 * DAY, () => e.advanceTo(T0 + 40 * DAY)]
	];
	for (const [at, fn] of steps) if (at >= from && at < to) fn();
}

describe('engine state', () => {
	it('a restored engine continues exactly like the original', () => {
		const a = engineWith(ws);
		script(a, 0, Infinity);
		const final = JSON.stringify(snapshot(a));
		for (const cut of [T0 + HOUR, T0 + 3 * DAY, T0 + 5 * DAY]) {
			const b = engineWith(ws);
			script(b, 0, cut);
			b.advanceTo(cut - 1);
			const restored = restoreEngine(structuredClone(snapshot(b)));
			script(restored, cut, Infinity);
			expect(JSON.stringify(snapshot(restored))).toBe(final);
		}
	});
});
