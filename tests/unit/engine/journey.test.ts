import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../src/lib/engine/core/time';
import { engineWith, must, T0, whereIs, contacts } from './helpers';

const journey = {
	id: 'j',
	name: 'Journey',
	status: 'active',
	triggers: [{ id: 't', kind: 'manual', runs: 'every' }],
	steps: [
		{ id: 'tag', kind: 'tag.add', tag: 'started', next: 'w2' },
		{ id: 'w2', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'if' },
		{ id: 'if', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'news1' }, yes: 'tagY', no: 'remind' },
		{ id: 'tagY', kind: 'tag.add', tag: 'engaged', next: 'w1' },
		{ id: 'w1', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'send' },
		{ id: 'send', kind: 'email.send', email: 'offer' },
		{ id: 'remind', kind: 'email.send', email: 'reminder', next: 'w3' },
		{ id: 'w3', kind: 'wait', wait: { mode: 'period', for: { days: 3 } } }
	]
};

const base = {
	lists: [{ id: 'news', name: 'Newsletter' }],
	emails: [
		{ id: 'news1', name: 'News 1', subject: 'News', body: '<p>Hi</p>' },
		{ id: 'offer', name: 'Offer', subject: 'An offer for %FIRSTNAME%', body: '<p>Hello %FIRSTNAME%</p>' },
		{ id: 'reminder', name: 'Reminder', subject: 'Did you see?', body: '<p>Reminder</p>' }
	],
	contacts: contacts(3),
	automations: [journey]
};

describe('bench journey', () => {
	it('moves contacts through waits and branches', () => {
		const e = engineWith(base);
		must(e, { type: 'contacts.added', at: T0, automation: 'j', contacts: ['c1', 'c2', 'c3'] });
		expect(whereIs(e, 'c1', 'j')).toBe('waiting@w2');
		must(e, { type: 'email.opened', at: T0 + HOUR, contact: 'c1', email: 'news1' });
		e.advanceTo(T0 + 2 * DAY);
		expect(whereIs(e, 'c1', 'j')).toBe('waiting@w1');
		expect(whereIs(e, 'c2', 'j')).toBe('waiting@w3');
		e.advanceTo(T0 + 10 * DAY);
		expect(whereIs(e, 'c1', 'j')).toBe('completed@send');
		expect(whereIs(e, 'c2', 'j')).toBe('completed@w3');
		const fx = e.takeEffects();
		expect(fx.map((f) => [f.contact, f.payload.email, f.at - T0])).toEqual([
			['c2', 'reminder', 2 * DAY],
			['c3', 'reminder', 2 * DAY],
			['c1', 'offer', 3 * DAY]
		]);
		expect(fx[2].payload.subject).toBe('An offer for Name1');
		expect(e.world.contact('c1')!.tags).toEqual(['started', 'engaged']);
		expect(e.statsFor('j', 'if').paths).toEqual([1, 2]);
	});
});
