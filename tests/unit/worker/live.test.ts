import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../src/lib/engine/core/time';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { fakeHost, freshIdb, runtimeOn } from './harness';

const live = { id: 'live-1', name: 'Live', kind: 'live' as const, createdAt: 0, updatedAt: 0, origin: 'test' };

function ws(today: string) {
	return WorkspaceFile.parse({
		format: 'journey-studio/workspace',
		version: 1,
		name: 'live',
		lists: [{ id: 'news', name: 'News' }],
		fields: [{ key: 'renewal', label: 'Renewal', type: 'date' }],
		emails: [
			{ id: 'a', name: 'A', subject: 'A', body: 'a' },
			{ id: 'b', name: 'B', subject: 'B', body: 'b' },
			{ id: 'r', name: 'Renewal', subject: 'Renewal', body: 'r' }
		],
		contacts: [
			{ id: 'c1', email: 'c1@example.com', lists: { news: 'active' }, fields: { renewal: today } },
			{ id: 'c2', email: 'c2@example.com', lists: { news: 'active' } }
		],
		automations: [
			{
				id: 'drip',
				name: 'Drip',
				status: 'active',
				triggers: [{ id: 'm', kind: 'manual', runs: 'every' }],
				steps: [
					{ id: 's1', kind: 'email.send', email: 'a', next: 'w1' },
					{ id: 'w1', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 's2' },
					{ id: 's2', kind: 'email.send', email: 'b', next: 'w2' },
					{ id: 'w2', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 's3' },
					{ id: 's3', kind: 'email.send', email: 'a' }
				]
			},
			{
				id: 'renew',
				name: 'Renewal',
				status: 'active',
				triggers: [{ id: 'd', kind: 'date.based', field: 'renewal', when: 'after', amount: 2, recurrence: 'none', time: '10:00', zone: 'UTC' }],
				steps: [{ id: 'r', kind: 'email.send', email: 'r' }]
			}
		]
	});
}

describe('live workspace', () => {
	it('catches up in order on everything that fell due while the app was closed', async () => {
		const idb = freshIdb();
		const host = fakeHost(1);
		const start = host.t;
		const today = new Date(start).toISOString().slice(0, 10);
		const rt = runtimeOn(idb, live, host);
		await rt.init(ws(today), { seed: 1, start });
		await rt.apply({ type: 'contacts.added', automation: 'drip', contacts: ['c1', 'c2'] });
		expect(rt.messages.map((m) => m.payload.email)).toEqual(['a', 'a']);
		await rt.stop();
		rt.db.close();

		// Closed for five days.
		host.t = start + 5 * DAY;
		const again = runtimeOn(idb, live, host);
		expect(await again.load()).toBe(true);
		again.start();
		await host.flush(20);
		const sent = again.messages.map((m) => [m.contact, m.payload.email, m.at - start]);
		// Every message once, at the virtual time it fell due, in order.
		expect(sent.map(([c, e]) => `${c}:${e}`)).toEqual(['c1:a', 'c2:a', 'c1:b', 'c2:b', 'c1:r', 'c1:a', 'c2:a']);
		const times = again.messages.map((m) => m.at);
		expect([...times].sort((x, y) => x - y)).toEqual(times);
		expect(again.messages.filter((m) => m.payload.email === 'r')[0].at).toBe(Date.parse(`${today}T10:00:00Z`) + 2 * DAY);
		expect(again.clock.now).toBeGreaterThanOrEqual(start + 5 * DAY);
		expect(again.messages.every((m) => m.route === 'network' && m.status === 'queued')).toBe(true);
		await again.stop();
		again.db.close();

		// Reopening again later sends nothing twice.
		host.t += HOUR;
		const third = runtimeOn(idb, live, host);
		await third.load();
		third.start();
		await host.flush(5);
		expect(third.messages.length).toBe(7);
		await third.stop();
	});
});
