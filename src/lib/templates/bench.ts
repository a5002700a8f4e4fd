/**
 * Load-test templates: N generated contacts and a journey, for measuring the runtime at scale in a
 * simulation workspace (also a way for a workshop to feel what 100k contacts look like).
 * - "bench-journey": tag → wait 2 days → if opened the newsletter → tag, wait 1 day, send offer |
 *   send reminder, wait 3 days (the engine benchmark's journey); a third of contacts open.
 * - "bench-12": a 12-step journey over 90 days with waits, an if/else, a split, a conditional
 *   wait, a goal and sends; 40% open, 10% buy at seeded random times.
 */
import { DAY, HOUR } from '../engine/core/time';
import { Rng } from '../engine/core/random';
import type { Input } from '../engine/inputs';
import { WorkspaceFile } from '../engine/schema/file';
import type { Template } from './demo';

function contacts(n: number) {
	return Array.from({ length: n }, (_, i) => ({ id: `c${i}`, email: `c${i}@example.com`, firstName: `Contact${i}`, lists: { news: 'active' as const } }));
}

const emails = [
	{ id: 'news1', name: 'Newsletter', subject: 'News of the week', body: '<p>Hello %FIRSTNAME%</p>' },
	{ id: 'offer', name: 'Offer', subject: 'An offer for %FIRSTNAME%', body: '<p>Hello %FIRSTNAME%, here is your offer.</p>' },
	{ id: 'reminder', name: 'Reminder', subject: 'Did you see our news?', body: '<p>Hi %FIRSTNAME%</p>' },
	{ id: 'offer-b', name: 'Offer B', subject: 'Last chance, %FIRSTNAME%', body: '<p>Offer B</p>' },
	{ id: 'survey', name: 'Survey', subject: 'How was it?', body: '<p>Tell us</p>' }
];

/** The engine benchmark's journey on `size` contacts. */
export const benchJourneyTemplate: Template = {
	id: 'bench-journey',
	name: 'Load test: benchmark journey',
	description: 'N contacts through tag → wait 2 days → if opened → tag, wait 1 day, offer | reminder, wait 3 days.',
	build(start, _seed, size = 10_000) {
		const file = WorkspaceFile.parse({
			format: 'journey-studio/workspace',
			version: 1,
			name: 'Load test',
			lists: [{ id: 'news', name: 'Newsletter' }],
			emails,
			contacts: contacts(size),
			automations: [
				{
					id: 'journey',
					name: 'Benchmark journey',
					status: 'active',
					triggers: [{ id: 'manual', kind: 'manual', runs: 'every' }],
					steps: [
						{ id: 'tag', kind: 'tag.add', tag: 'started', next: 'wait-2d' },
						{ id: 'wait-2d', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'opened' },
						{ id: 'opened', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'news1' }, yes: 'tag-engaged', no: 'reminder' },
						{ id: 'tag-engaged', kind: 'tag.add', tag: 'engaged', next: 'wait-1d' },
						{ id: 'wait-1d', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'offer' },
						{ id: 'offer', kind: 'email.send', email: 'offer' },
						{ id: 'reminder', kind: 'email.send', email: 'reminder', next: 'wait-3d' },
						{ id: 'wait-3d', kind: 'wait', wait: { mode: 'period', for: { days: 3 } } }
					]
				}
			]
		});
		const inputs: Input[] = [{ type: 'contacts.added', at: start, automation: 'journey', contacts: ['*'] }];
		for (let i = 0; i < size; i += 3) inputs.push({ type: 'email.opened', at: start + HOUR + i, contact: `c${i}`, email: 'news1' });
		return { file, inputs };
	}
};

/** A 12-step, 90-day journey on `size` contacts. */
export const bench12Template: Template = {
	id: 'bench-12',
	name: 'Load test: 12-step journey over 90 days',
	description: 'N contacts through waits, an if/else, a split, a conditional wait, a goal and sends over 90 days.',
	build(start, seed, size = 10_000) {
		const file = WorkspaceFile.parse({
			format: 'journey-studio/workspace',
			version: 1,
			name: 'Load test (90 days)',
			lists: [{ id: 'news', name: 'Newsletter' }],
			conversions: [{ id: 'purchase', name: 'Purchase', value: 40 }],
			emails,
			contacts: contacts(size),
			automations: [
				{
					id: 'long',
					name: '12-step journey',
					status: 'active',
					triggers: [{ id: 'manual', kind: 'manual', runs: 'every' }],
					steps: [
						{ id: 'welcome', kind: 'email.send', email: 'news1', next: 'wait-3d' },
						{ id: 'wait-3d', kind: 'wait', wait: { mode: 'period', for: { days: 3 } }, next: 'opened' },
						{ id: 'opened', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'news1' }, yes: 'engaged', no: 'remind' },
						{ id: 'engaged', kind: 'tag.add', tag: 'engaged', next: 'wait-7d' },
						{ id: 'remind', kind: 'email.send', email: 'reminder', next: 'wait-7d' },
						{ id: 'wait-7d', kind: 'wait', wait: { mode: 'period', for: { days: 7 } }, next: 'split' },
						{ id: 'split', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 50, next: 'offer-a' }, { label: 'B', percent: 50, next: 'offer-b' }] },
						{ id: 'offer-a', kind: 'email.send', email: 'offer', next: 'wait-buy' },
						{ id: 'offer-b', kind: 'email.send', email: 'offer-b', next: 'wait-buy' },
						{
							id: 'wait-buy',
							kind: 'wait',
							wait: { mode: 'until_conditions', conditions: { kind: 'conversion', op: 'made', conversion: 'purchase' }, timeLimit: { days: 30 } },
							next: 'bought'
						},
						{ id: 'bought', kind: 'goal', conditions: { kind: 'conversion', op: 'made', conversion: 'purchase' }, ifUnmet: 'continue', next: 'wait-30d' },
						{ id: 'wait-30d', kind: 'wait', wait: { mode: 'period', for: { days: 30 } }, next: 'survey' },
						{ id: 'survey', kind: 'email.send', email: 'survey' }
					]
				}
			]
		});
		const rng = new Rng(seed);
		const inputs: Input[] = [{ type: 'contacts.added', at: start, automation: 'long', contacts: ['*'] }];
		for (let i = 0; i < size; i++) {
			if (rng.next() < 0.4) inputs.push({ type: 'email.opened', at: start + HOUR + Math.floor(rng.next() * 2 * DAY), contact: `c${i}`, email: 'news1' });
			if (rng.next() < 0.1) inputs.push({ type: 'conversion.made', at: start + Math.floor(rng.next() * 60 * DAY), contact: `c${i}`, conversion: 'purchase', value: 40 });
		}
		inputs.sort((a, b) => a.at - b.at);
		return { file, inputs };
	}
};
