/**
 * The live outbox against real receivers on loopback: Standard Webhooks signatures, exactly-once
 * application with the idempotency key, 500-then-200 with backoff, Retry-After, a receiver that
 * never answers (timeout), one that resets after applying (unknown → same key → applied once),
 * 410 disabling the endpoint, 400 without retry, and a crash in the middle of sending.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../servers/webhook-receiver';
import { PORTS } from '../../servers/ports';
import { sendingHandlers as H } from '../../../src/lib/worker/handlers/sending';
import { DEFAULTS } from '../../../src/lib/connectors/channels';
import { newSigningSecret } from '../../../src/lib/connectors/webhooks';
import type { WorkspaceRuntime } from '../../../src/lib/worker/runtime';
import { ctxOf, freshIdb, liveEntry, realHost, runtime, until, workspace } from './helpers';

const P = PORTS.outbox;
const SECRET = newSigningSecret();
let rx: WebhookReceiver | null = null;
const rts: WorkspaceRuntime[] = [];

afterEach(async () => {
	for (const rt of rts.splice(0)) await rt.stop().catch(() => {});
	await rx?.close();
	rx = null;
});

async function liveWith(receiver: WebhookReceiver, n: number, webhooks: Partial<typeof DEFAULTS.webhooks> = {}, idb = freshIdb()) {
	const rt = runtime(idb, liveEntry());
	rts.push(rt);
	await rt.init(workspace({ n, hook: receiver.url }), { seed: 7, start: Date.now() });
	rt.start();
	const saved = await H.saveChannel(ctxOf(rt), 'webhooks', { ...DEFAULTS.webhooks, delivery: 'direct', retryBaseSec: 0.05, timeoutSec: 1, ...webhooks }, { signingSecret: SECRET });
	expect(saved).toEqual({ ok: true, problems: [] });
	return { rt, idb };
}

const hooks = (rt: WorkspaceRuntime) => rt.messages.filter((m) => m.kind === 'webhook.post');
const addAll = (rt: WorkspaceRuntime, automation: string, n: number) => rt.apply({ type: 'contacts.added', automation, contacts: Array.from({ length: n }, (_, i) => `c${i}`) });

describe('live outbox: webhooks', () => {
	it('signs every webhook and each is applied once, keyed by webhook-id', async () => {
		rx = await startWebhookReceiver(P, SECRET);
		const { rt } = await liveWith(rx, 20);
		await addAll(rt, 'hook', 20);
		await until(() => hooks(rt).every((m) => m.status === 'sent'), 10_000, 'all sent');
		expect(rx.badSignatures).toBe(0);
		expect(rx.applied.size).toBe(20);
		expect([...rx.attempts.values()].every((n) => n === 1)).toBe(true);
		const keys = hooks(rt).map((m) => rt.outbox.keyOf(m));
		expect(new Set(keys)).toEqual(new Set(rx.applied.keys()));
		const body = rx.bodies.get(keys[0]) as { type: string; data: { contact: { email: string } } };
		expect(body.type).toBe('automation.webhook');
		expect(body.data.contact.email).toMatch(/@example\.com$/);
		expect(hooks(rt).every((m) => m.attempts === 1 && m.history?.at(-1)?.outcome === 'sent')).toBe(true);
	});

	it('a receiver failing with 500 for a while: retried with growing, jittered delays until it answers 200', async () => {
		rx = await startWebhookReceiver(P, SECRET, { kind: 'fail-then-ok', times: 3 });
		const { rt } = await liveWith(rx, 1);
		await addAll(rt, 'hook', 1);
		const m = hooks(rt)[0];
		await until(() => m.status === 'sent', 10_000, 'sent');
		expect(m.attempts).toBe(4);
		expect(m.history!.map((h) => h.outcome)).toEqual(['failed', 'failed', 'failed', 'sent']);
		expect(m.history!.slice(0, 3).every((h) => h.status === 500)).toBe(true);
		const t = m.history!.map((h) => h.at);
		// Backoff 50 ms, 100 ms, 200 ms with equal jitter: each wait at least half its nominal delay.
		expect(t[1] - t[0]).toBeGreaterThanOrEqual(25);
		expect(t[2] - t[1]).toBeGreaterThanOrEqual(50);
		expect(t[3] - t[2]).toBeGreaterThanOrEqual(100);
		expect(rx.applied.size).toBe(1);
	});

	it('honours Retry-After', async () => {
		rx = await startWebhookReceiver(P, SECRET, { kind: 'fail-then-ok', times: 1, status: 503, retryAfter: '1' });
		const { rt } = await liveWith(rx, 1);
		await addAll(rt, 'hook', 1);
		const m = hooks(rt)[0];
		await until(() => m.status === 'failed', 5000, 'failed');
		expect(m.nextAttemptAt! - m.history![0].at).toBeGreaterThanOrEqual(1000);
		await until(() => m.status === 'sent', 5000, 'sent');
		expect(m.history![1].at - m.history![0].at).toBeGreaterThanOrEqual(1000);
	});

	it('a receiver that never answers: the timeout makes the outcome unknown, then dead after the last attempt', async () => {
		rx = await startWebhookReceiver(P, SECRET, { kind: 'hang' });
		const { rt } = await liveWith(rx, 1, { maxAttempts: 2, timeoutSec: 1 });
		await addAll(rt, 'hook', 1);
		const m = hooks(rt)[0];
		await until(() => m.status === 'unknown', 5000, 'unknown');
		expect(m.lastErrorCode).toBe('timeout');
		await until(() => m.status === 'dead', 5000, 'dead');
		expect(m.attempts).toBe(2);
		expect(rx.attempts.get(rt.outbox.keyOf(m))).toBe(2);
	});

	it('a receiver that resets after applying: unknown, retried with the same key, applied once', async () => {
		rx = await startWebhookReceiver(P, SECRET, { kind: 'reset-after-apply', times: 2 });
		const { rt } = await liveWith(rx, 3);
		await addAll(rt, 'hook', 3);
		await until(() => hooks(rt).every((m) => m.status === 'sent'), 10_000, 'all sent');
		const unknowns = hooks(rt).filter((m) => m.history!.some((h) => h.outcome === 'unknown'));
		expect(unknowns.length).toBe(2);
		expect(rx.applied.size).toBe(3);
		expect([...rx.applied.values()].every((n) => n === 1)).toBe(true);
		for (const m of unknowns) expect(rx.attempts.get(rt.outbox.keyOf(m))).toBe(2);
	});

	it('410 disables the endpoint until it is re-enabled; other 4xx fail without retry', async () => {
		rx = await startWebhookReceiver(P, SECRET, { kind: 'status', status: 410 });
		const { rt } = await liveWith(rx, 2);
		const c = ctxOf(rt);
		await rt.apply({ type: 'contacts.added', automation: 'hook', contacts: ['c0'] });
		const first = hooks(rt)[0];
		await until(() => first.status === 'dead', 5000, 'dead');
		expect(first.lastErrorCode).toBe('http_410');
		expect(rt.outbox.settings.channels.webhooks!.disabled).toEqual([rx.url]);
		await rt.apply({ type: 'contacts.added', automation: 'hook', contacts: ['c1'] });
		const second = hooks(rt)[1];
		await new Promise((r) => setTimeout(r, 200));
		expect(second.status).toBe('queued');
		expect(H.outbox(c, { offset: 0, limit: 10 }).rows.find((r) => r.seq === second.seq)!.waiting).toBe('endpoint_disabled');
		rx.behaviour = { kind: 'ok' };
		await H.enableEndpoint(c, rx.url);
		await until(() => second.status === 'sent', 5000, 'sent after re-enabling');
		// A dead message can be retried from the outbox.
		expect(await H.retryMessage(c, first.seq)).toBe(true);
		await until(() => first.status === 'sent', 5000, 'retried');

		rx.behaviour = { kind: 'status', status: 400 };
		await rt.apply({ type: 'contacts.added', automation: 'hook', contacts: ['c0'] });
		const third = hooks(rt)[2];
		await until(() => third.status === 'dead', 5000, 'dead on 400');
		expect(third.attempts).toBe(1);
		expect(await H.dropMessage(c, third.seq)).toBe(true);
		expect(third.status).toBe('dropped');
	});

	it('a crash in the middle of sending loses nothing and applies each message once', async () => {
		rx = await startWebhookReceiver(P, SECRET, { kind: 'ok', delayMs: 60 });
		const idb = freshIdb();
		const host = realHost();
		const rt = runtime(idb, liveEntry(), host);
		await rt.init(workspace({ n: 60, hook: rx.url }), { seed: 7, start: Date.now() });
		rt.start();
		await H.saveChannel(ctxOf(rt), 'webhooks', { ...DEFAULTS.webhooks, delivery: 'direct', retryBaseSec: 0.05 }, { signingSecret: SECRET });
		await addAll(rt, 'hook', 60);
		await until(() => rx!.requests >= 15, 10_000, 'some requests');
		// The tab dies: no more timers, no more writes; requests already sent still reach the receiver.
		host.kill();
		rt.outbox.stop();
		rt.db.close();
		const again = runtime(idb, liveEntry());
		rts.push(again);
		expect(await again.load()).toBe(true);
		const interrupted = hooks(again).filter((m) => m.status === 'unknown');
		expect(interrupted.length).toBeGreaterThan(0);
		again.start();
		await until(() => hooks(again).every((m) => m.status === 'sent'), 20_000, 'all sent after reload');
		expect(rx.applied.size).toBe(60);
		expect([...rx.applied.values()].every((n) => n === 1)).toBe(true);
		// Some were sent twice with the same key: the receiver applied them once.
		expect([...rx.attempts.values()].some((n) => n >= 2)).toBe(true);
	});
});
