/** Pure parts of sending: retry maths, Retry-After, classification, quiet hours, identifiers, tokens, settings validation. */
import { describe, expect, it } from 'vitest';
import { backoffMs, nextAttempt, DEFAULT_RETRY } from '../../../src/lib/connectors/retry';
import { classify, parseRetryAfter } from '../../../src/lib/connectors/http';
import { inQuietWindow } from '../../../src/lib/connectors/compliance';
import { normaliseIdentifiers } from '../../../src/lib/connectors/facebook';
import { messageIdFor } from '../../../src/lib/connectors/mail';
import { makeUnsubscribeToken, readUnsubscribeToken, unsubscribeHeaders } from '../../../src/lib/connectors/unsubscribe';
import { isSigningSecret, newSigningSecret, signWebhook } from '../../../src/lib/connectors/webhooks';
import { verifySignature } from '../../servers/webhook-receiver';
import { DEFAULTS, validateChannel, validatePolicy, DEFAULT_POLICY, channelOf, endpointOf } from '../../../src/lib/connectors/channels';
import { columnName } from '../../../src/lib/connectors/apps';
import { soqlString } from '../../../src/lib/connectors/salesforce';

const env = (secrets: string[] = [], relayReady = true) => ({ secrets: new Set(secrets), relayReady, secureApp: false });

describe('retry schedule', () => {
	it('doubles with equal jitter, capped, reproducible from the seed and key', () => {
		const p = { baseMs: 1000, maxMs: 10_000, maxAttempts: 6 };
		for (let n = 1; n <= 6; n++) {
			const nominal = Math.min(10_000, 1000 * 2 ** (n - 1));
			const d = backoffMs(42, 'k1', n, p);
			expect(d).toBeGreaterThanOrEqual(nominal / 2);
			expect(d).toBeLessThanOrEqual(nominal);
			expect(backoffMs(42, 'k1', n, p)).toBe(d);
		}
		// Different messages spread out.
		const spread = new Set(Array.from({ length: 20 }, (_, i) => backoffMs(42, `k${i}`, 3, p)));
		expect(spread.size).toBeGreaterThan(15);
		expect(nextAttempt(0, 1, 'k', 10, DEFAULT_RETRY)).toBeNull();
		expect(nextAttempt(100, 1, 'k', 1, DEFAULT_RETRY, 5000)).toBe(5100);
		expect(nextAttempt(0, 1, 'k', 1, DEFAULT_RETRY, 10 * 86_400_000)).toBe(86_400_000);
	});

	it('reads Retry-After as seconds or an HTTP date', () => {
		const now = Date.parse('2026-03-01T10:00:00Z');
		expect(parseRetryAfter('120', now)).toBe(120_000);
		expect(parseRetryAfter('Sun, 01 Mar 2026 10:01:00 GMT', now)).toBe(60_000);
		expect(parseRetryAfter('soon', now)).toBeNull();
		expect(parseRetryAfter(undefined, now)).toBeNull();
	});

	it('classifies answers: 2xx sent, 410 gone, 408/409/429/5xx retry, other 4xx permanent', () => {
		const r = (status: number, headers: Record<string, string> = {}) => classify({ status, headers, body: '{"message":"nope"}' }, () => 0);
		expect(r(204)).toBeNull();
		expect(r(410)!.kind).toBe('gone');
		for (const s of [408, 409, 425, 429, 500, 502, 503]) expect(r(s)!.kind).toBe('retry');
		for (const s of [400, 401, 403, 404, 422]) expect(r(s)!.kind).toBe('permanent');
		expect(r(429, { 'retry-after': '7' })!.retryAfterMs).toBe(7000);
		expect(r(400)!.message).toContain('(nope)');
	});
});

describe('send-time rules', () => {
	it('quiet windows may span midnight', () => {
		expect(inQuietWindow('22:30', '21:00', '08:00')).toBe(true);
		expect(inQuietWindow('07:59', '21:00', '08:00')).toBe(true);
		expect(inQuietWindow('08:00', '21:00', '08:00')).toBe(false);
		expect(inQuietWindow('12:00', '12:00', '14:00')).toBe(true);
		expect(inQuietWindow('14:00', '12:00', '14:00')).toBe(false);
		expect(inQuietWindow('03:00', '05:00', '05:00')).toBe(false);
	});
});

describe('identifiers and headers', () => {
	it('normalises Facebook identifiers as the Marketing API asks', () => {
		expect(normaliseIdentifiers({ email: '  Anna.Lee@Example.COM ', phone: '+33 6 12 34 56 78', firstName: "Zoé-Anne", lastName: "O'Brien" })).toEqual(['anna.lee@example.com', '33612345678', 'zoéanne', 'obrien']);
	});

	it('makes a valid, stable Message-ID from any key', () => {
		expect(messageIdFor('ws-1/welcome.send.3.4')).toBe('<ws-1/welcome.send.3.4@journey.studio>');
		expect(messageIdFor('a:b@c')).toBe('<a=3Ab=40c@journey.studio>');
	});

	it('signs unsubscribe tokens per workspace; forged or foreign tokens are refused', async () => {
		const key = new Uint8Array(32).fill(7);
		const t = await makeUnsubscribeToken(key, { w: 'w1', c: 'c9', e: 'ann@example.com' });
		expect(await readUnsubscribeToken(key, t, 'w1')).toEqual({ w: 'w1', c: 'c9', e: 'ann@example.com' });
		expect(await readUnsubscribeToken(key, t, 'w2')).toBeNull();
		expect(await readUnsubscribeToken(new Uint8Array(32).fill(8), t, 'w1')).toBeNull();
		const [body] = t.split('.');
		expect(await readUnsubscribeToken(key, `${body}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, 'w1')).toBeNull();
		expect(unsubscribeHeaders('https://r.example/u/x', 'u@example.com')).toEqual({
			'List-Unsubscribe': '<https://r.example/u/x>, <mailto:u@example.com?subject=unsubscribe>',
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		});
		expect(unsubscribeHeaders(null, 'u@example.com')['List-Unsubscribe-Post']).toBeUndefined();
	});

	it('Standard Webhooks signatures verify with an independent implementation', async () => {
		const secret = newSigningSecret();
		expect(isSigningSecret(secret)).toBe(true);
		expect(isSigningSecret('whsec_short')).toBe(false);
		const ts = Math.floor(Date.now() / 1000);
		const sig = await signWebhook(secret, 'msg_1', ts, '{"a":1}');
		expect(verifySignature(secret, 'msg_1', String(ts), '{"a":1}', sig, ts)).toBe(true);
		expect(verifySignature(secret, 'msg_1', String(ts), '{"a":2}', sig, ts)).toBe(false);
		expect(verifySignature(secret, 'msg_1', String(ts - 600), '{"a":1}', sig, ts)).toBe(false);
	});

	it('small helpers', () => {
		expect([0, 25, 26, 701].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ']);
		expect(soqlString("O'Brien\\x")).toBe("'O\\'Brien\\\\x'");
		expect(channelOf('app.call', { app: 'twilio' })).toBe('sms');
		expect(endpointOf('webhook.post', { url: 'https://h.example/a?x=1' })).toBe('webhook:https://h.example/a');
	});
});

describe('channel settings validation', () => {
	it('names each problem with a stable code', () => {
		expect(validateChannel('mail', { ...DEFAULTS.mail, relayUrl: 'relay.example.com' }, env())).toEqual([
			{ field: 'relayToken', code: 'secret_required' },
			{ field: 'relayUrl', code: 'url_invalid' },
			{ field: 'fromAddress', code: 'required' }
		]);
		expect(validateChannel('mail', { ...DEFAULTS.mail, relayUrl: 'https://u:p@relay.example.com', fromAddress: 'a@b.co', unsubscribe: 'url', unsubscribeUrl: 'https://x.example/u' }, env(['relayToken']))).toEqual([
			{ field: 'relayUrl', code: 'url_credentials' },
			{ field: 'unsubscribeUrl', code: 'unsubscribe_token' }
		]);
		expect(validateChannel('mail', { ...DEFAULTS.mail, relayUrl: 'http://relay.example.com', fromAddress: 'a@b.co' }, env(['relayToken']))).toEqual([{ field: 'relayUrl', code: 'url_insecure' }]);
		expect(validateChannel('mail', { ...DEFAULTS.mail, relayUrl: 'http://relay.example.com', fromAddress: 'a@b.co' }, { ...env(['relayToken']), secureApp: true })).toEqual([{ field: 'relayUrl', code: 'url_mixed' }]);
		expect(validateChannel('mail', { ...DEFAULTS.mail, relayUrl: 'http://127.0.0.1:8787', fromAddress: 'a@b.co' }, env(['relayToken']))).toEqual([]);
		expect(validateChannel('sms', { ...DEFAULTS.sms, accountSid: 'AC123', from: '0612' }, env(['authToken']))).toEqual([
			{ field: 'accountSid', code: 'sid_invalid' },
			{ field: 'from', code: 'phone_invalid' }
		]);
		expect(validateChannel('sms', { ...DEFAULTS.sms, via: 'relay' }, env([], false))).toEqual([{ field: 'via', code: 'relay_missing' }]);
		expect(validateChannel('webhooks', { ...DEFAULTS.webhooks, timeoutSec: 0 }, env(['signingSecret']))).toEqual([{ field: 'timeoutSec', code: 'range', values: { min: 1, max: 300 } }]);
		expect(validateChannel('ai', { ...DEFAULTS.ai }, env())).toEqual([]);
		expect(validateChannel('facebook', { ...DEFAULTS.facebook, adAccountId: 'abc' }, env(['accessToken']))).toEqual([{ field: 'adAccountId', code: 'ad_account' }]);
		expect(validatePolicy({ ...DEFAULT_POLICY, quietHours: { ...DEFAULT_POLICY.quietHours, enabled: true, end: '21:00' } })).toEqual([{ field: 'quietEnd', code: 'quiet_empty' }]);
	});
});
