/** One API call of a connector, made directly or through the relay, classified the same way. */
import { DeliveryError, expectOk, send, type HttpRequest, type HttpResponse } from './http';
import { relayForward } from './relay';
import type { DeliverCtx } from './types';

/**
 * Makes `req` directly, or through the relay when `viaRelay`; requires 2xx. The idempotency key
 * goes with it either way (as `Idempotency-Key`, and to the relay so it forwards only once).
 */
export async function call(ctx: DeliverCtx, key: string, req: HttpRequest, label: string, viaRelay = false): Promise<HttpResponse> {
	const withKey = { ...req, headers: { ...req.headers, 'idempotency-key': key } };
	if (viaRelay) {
		if (!ctx.relay) throw new DeliveryError({ kind: 'retry', code: 'relay_missing', message: `${label}: set up the mail relay in Channels to send through it.` });
		return expectOk(await relayForward(ctx.relay, key, withKey, ctx.http), ctx.http.wallNow, label);
	}
	return expectOk(await send(withKey, ctx.http), ctx.http.wallNow, label);
}

/** JSON request headers with a bearer token. */
export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
	return { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, ...extra };
}

/** Fails permanently when a required secret is missing. */
export function needSecret(ctx: DeliverCtx, name: string, label: string): string {
	const v = ctx.secrets[name];
	if (!v) throw new DeliveryError({ kind: 'permanent', code: 'secret_missing', message: `${label}: the ${name} is not set in Channels.` });
	return v;
}
