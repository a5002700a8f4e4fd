/**
 * Property: across random interleavings of marketing sends, unsubscribes, bounces, complaints and
 * re-subscriptions (with requests answered after random delays), no marketing email ever leaves for
 * an address that is suppressed or a contact without an active subscription at the moment its
 * request is made. Two contacts share one address (written differently) to exercise suppression by
 * normalised address. The "network" is a fetch function that checks the engine at request time.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sendingHandlers as H } from '../../../src/lib/worker/handlers/sending';
import { DEFAULTS } from '../../../src/lib/connectors/channels';
import { normalizeEmail } from '../../../src/lib/engine/world';
import { contacts, ctxOf, freshIdb, liveEntry, runtime, until, workspace } from './helpers';

const N = 5;
const people = contacts(N, (i) => (i === 1 ? { email: ' Person0@Example.COM ' } : {}));

type Op = { op: 'send' | 'unsubscribe' | 'bounce' | 'complain' | 'resubscribe'; c: number } | { op: 'wait'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ op: fc.constant('send' as const), c: fc.nat(N - 1) }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constantFrom('unsubscribe' as const, 'bounce' as const, 'complain' as const, 'resubscribe' as const), c: fc.nat(N - 1) }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 12 }) }) }
);

describe('send-time compliance (property)', () => {
	it('no marketing email reaches a suppressed or unsubscribed address', { timeout: 120_000 }, async () => {
		let run = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 6 }), async (ops, delays) => {
				const rt = runtime(freshIdb(), liveEntry(`live-prop-${++run}`));
				await rt.init(workspace({ contacts: people }), { seed: 5, start: Date.now() });
				const violations: string[] = [];
				const requests: string[] = [];
				let d = 0;
				rt.outbox.fetchImpl = async (_url, init) => {
					const key = String((init?.headers as Record<string, string>)['idempotency-key']);
					const m = rt.messages.find((x) => rt.outbox.keyOf(x) === key)!;
					const to = normalizeEmail(String(m.payload.to));
					const c = rt.engine.world.contact(m.contact)!;
					const s = rt.engine.world.suppressed(to);
					if (s) violations.push(`${key} to ${to}: suppressed (${s})`);
					if (!Object.values(c.lists).includes('active')) violations.push(`${key}: ${c.id} has no active subscription`);
					requests.push(key);
					await new Promise((r) => setTimeout(r, delays[d++ % delays.length]));
					return new Response(JSON.stringify({ id: key, messageId: key }), { status: 200, headers: { 'content-type': 'application/json' } });
				};
				rt.start();
				await H.saveChannel(ctxOf(rt), 'mail', { ...DEFAULTS.mail, relayUrl: 'http://127.0.0.1:9', fromAddress: 'shop@example.com', unsubscribe: 'mailto', unsubscribeMailto: 'unsub@example.com' }, { relayToken: 't' });
				for (const o of ops) {
					if (o.op === 'wait') await new Promise((r) => setTimeout(r, o.ms));
					else if (o.op === 'send') await rt.apply({ type: 'contacts.added', automation: 'mail', contacts: [`c${o.c}`] });
					else if (o.op === 'unsubscribe') await rt.apply({ type: 'list.unsubscribed', contact: `c${o.c}`, list: 'news' });
					else if (o.op === 'resubscribe') await rt.apply({ type: 'list.subscribed', contact: `c${o.c}`, list: 'news' });
					else await rt.apply({ type: o.op === 'bounce' ? 'email.bounced' : 'email.complained', contact: `c${o.c}` });
				}
				await until(() => rt.messages.every((m) => m.status === 'sent' || m.status === 'suppressed'), 10_000, 'outbox drained');
				await rt.stop();
				rt.db.close();
				expect(violations).toEqual([]);
				// Every sent message left exactly once (no crash here, so no retry either).
				const sent = rt.messages.filter((m) => m.status === 'sent').map((m) => rt.outbox.keyOf(m));
				expect([...requests].sort()).toEqual([...sent].sort());
			}),
			{ numRuns: 30, seed: 20260401 }
		);
	});
});
