/**
 * Simulation delivery on the virtual clock: quiet hours in the contact's time zone and the
 * frequency cap postpone (never drop), rules are checked again when a postponed message leaves,
 * and simulated failures retry on a reproducible schedule that survives a reload.
 */
import { describe, expect, it } from 'vitest';
import { sendingHandlers as H } from '../../../src/lib/worker/handlers/sending';
import { DEFAULT_POLICY, type SendingPolicy } from '../../../src/lib/connectors/channels';
import { DAY, HOUR } from '../../../src/lib/engine/core/time';
import { fakeHost } from '../worker/harness';
import { demoTemplate } from '../../../src/lib/templates/demo';
import { localParts } from '../../../src/lib/engine/core/zones';
import { inQuietWindow } from '../../../src/lib/connectors/compliance';
import { contacts, ctxOf, freshIdb, runtime, simEntry, workspace } from './helpers';

// 04:00 UTC = 23:00 the evening before in New York (EST).
const START = Date.UTC(2026, 2, 2, 4);
const NY = contacts(3, (i) => ({ timeZone: i === 0 ? 'America/New_York' : 'Europe/Paris' }));

async function sim(policy: Partial<SendingPolicy>, idb = freshIdb()) {
	const rt = runtime(idb, simEntry(), fakeHost());
	await rt.init(workspace({ contacts: NY }), { seed: 11, start: START });
	expect((await H.savePolicy(ctxOf(rt), { ...structuredClone(DEFAULT_POLICY), ...policy })).ok).toBe(true);
	return rt;
}

const emails = (rt: Awaited<ReturnType<typeof sim>>) => rt.messages.filter((m) => m.kind === 'email.send');

describe('simulation delivery', () => {
	it('without rules, delivers at once into the inbox', async () => {
		const rt = await sim({});
		await rt.apply({ type: 'contacts.added', automation: 'mail', contacts: ['c0'] });
		expect(emails(rt)[0]).toMatchObject({ status: 'delivered', doneAt: START, route: 'inbox' });
		expect(H.inbox(ctxOf(rt), { contact: 'c0', offset: 0, limit: 10 }).rows[0]).toMatchObject({ title: 'Hello Ann0', deliveredAt: START });
	});

	it('quiet hours postpone to the end of the night in the contact\'s zone', async () => {
		const rt = await sim({ quietHours: { enabled: true, start: '21:00', end: '08:00', email: true, sms: true } });
		await rt.apply({ type: 'contacts.added', automation: 'mail', contacts: ['c0', 'c1'] });
		const [ny, paris] = emails(rt);
		// 23:00 in New York: waits for 08:00 there (13:00 UTC). 05:00 in Paris: waits for 08:00 (07:00 UTC).
		expect(ny).toMatchObject({ status: 'queued', postponed: 'quiet_hours', nextAttemptAt: Date.UTC(2026, 2, 2, 13) });
		expect(paris).toMatchObject({ status: 'queued', postponed: 'quiet_hours', nextAttemptAt: Date.UTC(2026, 2, 2, 7) });
		expect(H.inbox(ctxOf(rt), { offset: 0, limit: 10 }).total).toBe(0);
		await rt.jumpTo(START + 5 * HOUR);
		expect(paris).toMatchObject({ status: 'delivered', doneAt: Date.UTC(2026, 2, 2, 7), postponed: null });
		expect(ny.status).toBe('queued');
		// "Next event" stops at the postponed delivery.
		expect(await rt.stepNext()).toBe(Date.UTC(2026, 2, 2, 13));
		expect(ny).toMatchObject({ status: 'delivered', doneAt: Date.UTC(2026, 2, 2, 13) });
	});

	it('the frequency cap postpones the extra message until a slot frees', async () => {
		const rt = await sim({ frequencyCap: { enabled: true, max: 1, per: 'day' } });
		await rt.apply({ type: 'contacts.added', automation: 'mail', contacts: ['c1'] });
		await rt.jumpTo(START + 2 * HOUR);
		await rt.apply({ type: 'contacts.added', automation: 'mail', contacts: ['c1'] });
		const [a, b] = emails(rt);
		expect(a.status).toBe('delivered');
		expect(b).toMatchObject({ status: 'queued', postponed: 'frequency_cap', nextAttemptAt: START + DAY });
		await rt.jumpTo(START + 2 * DAY);
		expect(b).toMatchObject({ status: 'delivered', doneAt: START + DAY });
	});

	it('a postponed message is checked again when it leaves', async () => {
		const rt = await sim({ quietHours: { enabled: true, start: '21:00', end: '08:00', email: true, sms: true } });
		await rt.apply({ type: 'contacts.added', automation: 'mail', contacts: ['c0'] });
		await rt.apply({ type: 'list.unsubscribed', contact: 'c0', list: 'news' });
		await rt.jumpTo(START + DAY);
		expect(emails(rt)[0]).toMatchObject({ status: 'suppressed', lastErrorCode: 'no_active_subscription' });
	});

	it('simulated failures retry on a schedule that is the same in every run, reloaded or not', async () => {
		const run = async (reloadAt: number | null) => {
			const idb = freshIdb();
			let rt = await sim({ simulatedFailureRate: 0.6 }, idb);
			await rt.apply({ type: 'contacts.added', automation: 'mail', contacts: ['c0', 'c1', 'c2'] });
			await rt.apply({ type: 'contacts.added', automation: 'text', contacts: ['c0', 'c1', 'c2'] });
			if (reloadAt !== null) {
				await rt.jumpTo(START + reloadAt);
				rt.db.close();
				rt = runtime(idb, simEntry(), fakeHost());
				expect(await rt.load()).toBe(true);
			}
			await rt.jumpTo(START + 3 * DAY);
			return rt.messages.map((m) => ({ key: m.key, status: m.status, attempts: m.attempts, doneAt: m.doneAt, history: m.history ?? [] }));
		};
		const a = await run(null);
		expect(a.some((m) => m.attempts > 1)).toBe(true);
		expect(a.every((m) => m.status === 'delivered' || m.status === 'dead')).toBe(true);
		// Retries wait longer each time (30 s base, doubling, equal jitter).
		const retried = a.find((m) => m.history.length >= 3)!;
		const gaps = retried.history.slice(1).map((h, i) => h.at - retried.history[i].at);
		expect(gaps[1]).toBeGreaterThan(gaps[0] / 2);
		expect(await run(null)).toEqual(a);
		expect(await run(45_000)).toEqual(a);
	});

	it('the demo with quiet hours, a cap and failures: nothing paced is delivered in a contact\'s night or over the cap, nothing is lost', async () => {
		const rt = runtime(freshIdb(), simEntry('sim-demo'), fakeHost());
		const { file, inputs } = demoTemplate.build(START, 42);
		await rt.init(file, { seed: 42, start: START, inputs: inputs.map((input) => ({ at: input.at, input, source: 'demo' })) });
		await H.savePolicy(ctxOf(rt), { quietHours: { enabled: true, start: '21:00', end: '08:00', email: true, sms: true }, frequencyCap: { enabled: true, max: 2, per: 'day' }, simulatedFailureRate: 0.3 });
		await rt.jumpTo(START + 30 * DAY);
		const emails = rt.messages.filter((m) => m.kind === 'email.send');
		expect(emails.length).toBeGreaterThan(100);
		const perContact = new Map<string, number[]>();
		for (const m of emails) {
			if (m.status !== 'delivered') continue;
			const zone = rt.engine.world.contact(m.contact)!.timeZone || 'Europe/Paris';
			expect(inQuietWindow(localParts(m.doneAt!, zone).time, '21:00', '08:00'), `${m.key} at ${new Date(m.doneAt!).toISOString()} in ${zone}`).toBe(false);
			perContact.set(m.contact, [...(perContact.get(m.contact) ?? []), m.doneAt!]);
		}
		for (const times of perContact.values()) {
			times.sort((a, b) => a - b);
			for (let i = 2; i < times.length; i++) expect(times[i] - times[i - 2]).toBeGreaterThanOrEqual(DAY);
		}
		expect(emails.some((m) => m.history?.some((h) => h.code === 'simulated_failure'))).toBe(true);
		// Postponed or retried, never silently dropped: every email ends delivered, dead after its attempts, or blocked by a rule.
		expect(emails.every((m) => ['delivered', 'dead', 'suppressed', 'queued', 'failed'].includes(m.status))).toBe(true);
		expect(emails.filter((m) => m.status === 'delivered').length).toBeGreaterThan(emails.length * 0.8);
	});
});
