/**
 * The reference relay as a user runs it (`node relay/server.mjs`, a child process) in front of a
 * real SMTP server: mail arrives once per Idempotency-Key, even across a relay restart; bad tokens,
 * rejected recipients, CORS, forwarding with an unknown outcome and one-click unsubscribes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../servers/smtp-sink';
import { startRelay, type RelayProcess } from '../../servers/relay-process';
import { startWebhookReceiver } from '../../servers/webhook-receiver';
import { PORTS } from '../../servers/ports';
import { relayForward, relayHealth, relaySendMail, relayUnsubscribes } from '../../../src/lib/connectors/relay';
import { DeliveryError } from '../../../src/lib/connectors/http';
import { deliverTransactional } from '../../../src/lib/connectors/transactional';
import { DEFAULTS } from '../../../src/lib/connectors/channels';
import { EMPTY_STATE, type DeliverCtx } from '../../../src/lib/connectors/types';

const P = PORTS.relay;
const http = { timeoutMs: 5000, wallNow: () => Date.now() };
let sink: SmtpSink;
let relay: RelayProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'relay-test-'));

beforeAll(async () => {
	sink = await startSmtpSink(P);
	relay = await startRelay({ port: P + 1, smtp: sink.url, dataDir, origins: 'http://127.0.0.1:4173' });
});
afterAll(async () => {
	await relay?.stop();
	await sink?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

const target = () => ({ url: relay.url, token: relay.token });
const mail = (to: string) => ({ from: '"Shop" <shop@example.com>', to: [to], subject: 'Hello', html: '<p>Hi</p>', text: 'Hi', headers: { 'List-Unsubscribe': '<https://example.com/u/x>' }, messageId: '<k1@journey.studio>' });

describe('reference relay', () => {
	it('reports its health behind the bearer token', async () => {
		expect(await relayHealth(target(), http)).toMatchObject({ ok: true, smtp: true, sms: false });
		const err = await relayHealth({ url: relay.url, token: 'wrong' }, http).catch((e) => e);
		expect(err).toBeInstanceOf(DeliveryError);
		expect((err as DeliveryError).failure).toMatchObject({ kind: 'permanent', code: 'relay_auth' });
	});

	it('forwards mail to SMTP once per Idempotency-Key, also after a restart', async () => {
		const before = sink.mails.length;
		const a = await relaySendMail(target(), 'key-1', mail('anna@example.com'), http);
		const b = await relaySendMail(target(), 'key-1', mail('anna@example.com'), http);
		expect(a.id).toBe(b.id);
		expect(sink.mails.length - before).toBe(1);
		const got = sink.mails[sink.mails.length - 1];
		expect(got.to).toEqual(['anna@example.com']);
		expect(got.messageId).toBe('<k1@journey.studio>');
		expect(got.headers['list-unsubscribe']).toBe('<https://example.com/u/x>');
		// Same key with another body is refused rather than silently ignored.
		const reused = await relaySendMail(target(), 'key-1', mail('bob@example.com'), http).catch((e) => e);
		expect((reused as DeliveryError).failure.status).toBe(422);

		await relay.stop(true);
		relay = await startRelay({ port: P + 1, smtp: sink.url, dataDir, origins: 'http://127.0.0.1:4173' });
		await relaySendMail(target(), 'key-1', mail('anna@example.com'), http);
		expect(sink.mails.length - before).toBe(1);
	});

	it('reports a rejected recipient as a permanent bounce, and a deferral as retryable', async () => {
		sink.rejectRcpt = /^nobody@/;
		sink.deferRcpt = /^later@/;
		const rej = (await relaySendMail(target(), 'key-rej', mail('nobody@example.com'), http).catch((e) => e)) as DeliveryError;
		expect(rej.failure).toMatchObject({ kind: 'permanent', code: 'smtp_rejected', bounce: true });
		const def = (await relaySendMail(target(), 'key-def', mail('later@example.com'), http).catch((e) => e)) as DeliveryError;
		expect(def.failure.kind).toBe('retry');
		sink.deferRcpt = null;
		// The deferral released its key: the retry really sends.
		const n = sink.mails.length;
		await relaySendMail(target(), 'key-def', mail('later@example.com'), http);
		expect(sink.mails.length).toBe(n + 1);
		sink.rejectRcpt = null;
	});

	it('speaks a Postmark-compatible /email for transactional mail', async () => {
		const ctx: DeliverCtx<'transactional'> = {
			settings: { ...DEFAULTS.transactional, baseUrl: relay.url },
			secrets: { serverToken: relay.token },
			relay: null,
			http,
			state: structuredClone(EMPTY_STATE),
			saveState() {}
		};
		const n = sink.mails.length;
		const m = { idempotencyKey: 'tx-1', kind: 'email.transactional' as const, contact: 'c1', marketing: false, payload: { From: 'shop@example.com', To: 'receipt@example.com', Subject: 'Your receipt', HtmlBody: '<p>Thanks</p>', TextBody: 'Thanks', MessageStream: 'outbound', Tag: 'receipt' } };
		const d = await deliverTransactional(m, ctx);
		await deliverTransactional(m, ctx);
		expect(d.providerId).toMatch(/@/);
		expect(sink.mails.length).toBe(n + 1);
		expect(sink.mails[n].headers['x-pm-tag']).toBe('receipt');
		const bad = (await deliverTransactional(m, { ...ctx, secrets: { serverToken: 'nope' } }).catch((e) => e)) as DeliveryError;
		expect(bad.failure.kind).toBe('permanent');
	});

	it('forwards requests; a reset after the target applied it is unknown, and the retry is applied once', async () => {
		const rx = await startWebhookReceiver(P + 2, null, { kind: 'reset-after-apply', times: 1 });
		try {
			const req = { method: 'POST' as const, url: rx.url, headers: { 'content-type': 'application/json', 'webhook-id': 'w-1', 'idempotency-key': 'w-1' }, body: '{"a":1}' };
			const first = (await relayForward(target(), 'w-1', req, http).catch((e) => e)) as DeliveryError;
			expect(first.failure.kind).toBe('unknown');
			const second = await relayForward(target(), 'w-1', req, http);
			expect(second.status).toBe(200);
			expect(rx.attempts.get('w-1')).toBe(2);
			expect(rx.applied.get('w-1')).toBe(1);
			// Now final: a third call is answered by the relay without reaching the target.
			await relayForward(target(), 'w-1', req, http);
			expect(rx.attempts.get('w-1')).toBe(2);
		} finally {
			await rx.close();
		}
	});

	it('answers CORS only for the configured origins', async () => {
		const ok = await fetch(`${relay.url}/v1/mail`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:4173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' } });
		expect(ok.status).toBe(204);
		expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
		expect(ok.headers.get('access-control-allow-headers')).toContain('idempotency-key');
		const no = await fetch(`${relay.url}/v1/mail`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
		expect(no.status).toBe(403);
	});

	it('records one-click unsubscribes for the app to collect', async () => {
		const page = await fetch(`${relay.url}/u/abc.def`);
		expect(await page.text()).toContain('<form method="post">');
		const r = await fetch(`${relay.url}/u/abc.def`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
		expect(r.status).toBe(200);
		const got = await relayUnsubscribes(target(), 0, http);
		expect(got.events.map((e) => [e.token, e.via])).toContainEqual(['abc.def', 'one-click']);
		const later = await relayUnsubscribes(target(), got.last, http);
		expect(later.events).toEqual([]);
	});
});
