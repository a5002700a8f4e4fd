/**
 * Webhooks signed per the Standard Webhooks specification: headers `webhook-id` (the message's
 * idempotency key, the same on every retry), `webhook-timestamp` (seconds) and `webhook-signature`
 * (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the secret's bytes). Sent directly from
 * the browser when the target allows CORS, through the relay otherwise.
 */
import { DeliveryError, send, expectOk } from './http';
import { relayForward } from './relay';
import { fromBase64, hmacSha256, randomBytes, toBase64 } from './crypto';
import { needSecret } from './call';
import type { DeliverCtx, Delivered, OutMessage } from './types';

const PREFIX = 'whsec_';

/** A new signing secret: "whsec_" + base64 of 32 random bytes. */
export function newSigningSecret(): string {
	return PREFIX + toBase64(randomBytes(32));
}

/** Whether text is a usable signing secret (whsec_ + base64 of 24 to 64 bytes). */
export function isSigningSecret(text: string): boolean {
	if (!text.startsWith(PREFIX)) return false;
	try {
		const n = fromBase64(text.slice(PREFIX.length)).length;
		return n >= 24 && n <= 64;
	} catch {
		return false;
	}
}

/** The `webhook-signature` header value for a message. */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
	const key = fromBase64(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret);
	return 'v1,' + toBase64(await hmacSha256(key, `${id}.${timestamp}.${body}`));
}

/** The JSON body posted: the Standard Webhooks envelope around the step's data. */
export function webhookBody(m: OutMessage): string {
	const p = m.payload as { body?: Record<string, unknown> };
	const data = p.body ?? {};
	return JSON.stringify({ type: 'automation.webhook', timestamp: String(data.at ?? ''), data });
}

/** Signed headers of a webhook attempt at wall time `now`. */
export async function webhookHeaders(secret: string, id: string, body: string, now: number): Promise<Record<string, string>> {
	const ts = Math.floor(now / 1000);
	return {
		'content-type': 'application/json',
		'webhook-id': id,
		'webhook-timestamp': String(ts),
		'webhook-signature': await signWebhook(secret, id, ts, body),
		'idempotency-key': id
	};
}

/** Posts a webhook message (signed; direct, relayed, or direct with relay fallback). */
export async function deliverWebhook(m: OutMessage, ctx: DeliverCtx<'webhooks'>): Promise<Delivered> {
	const url = String((m.payload as { url?: string }).url ?? '');
	const secret = needSecret(ctx, 'signingSecret', 'Webhook');
	const body = webhookBody(m);
	const req = async () => ({ method: 'POST' as const, url, headers: await webhookHeaders(secret, m.idempotencyKey, body, ctx.http.wallNow()), body });
	const origin = originOf(url);
	const mode = ctx.settings.delivery;
	const relayed = async () => {
		if (!ctx.relay) throw new DeliveryError({ kind: 'retry', code: 'relay_missing', message: 'This webhook goes through the relay, which is not set up in Channels.' });
		return expectOk(await relayForward(ctx.relay, m.idempotencyKey, await req(), ctx.http), ctx.http.wallNow, 'Webhook');
	};
	if (mode === 'relay' || (mode === 'auto' && ctx.relay && ctx.state.corsBlocked.includes(origin))) {
		const res = await relayed();
		return { status: res.status };
	}
	try {
		const res = expectOk(await send(await req(), ctx.http), ctx.http.wallNow, 'Webhook');
		return { status: res.status };
	} catch (err) {
		// A browser cannot tell a CORS refusal from a network error: in auto mode, try the relay
		// (same key, so a receiver that got the direct call applies it once) and remember the origin.
		if (mode === 'auto' && ctx.relay && err instanceof DeliveryError && err.failure.code === 'network') {
			const res = await relayed();
			if (!ctx.state.corsBlocked.includes(origin)) {
				ctx.state.corsBlocked.push(origin);
				ctx.saveState();
			}
			return { status: res.status };
		}
		throw err;
	}
}

function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}
