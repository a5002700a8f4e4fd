/**
 * Client of the mail relay protocol (see relay/README.md): JSON over HTTP(S) with a bearer token and
 * an Idempotency-Key on every call. The reference relay forwards mail to SMTP, requests to any URL
 * and SMS to a Twilio-style gateway, and keeps unsubscribe requests for the app to collect.
 */
import { DeliveryError, joinUrl, jsonOf, send, classify, type HttpOptions, type HttpRequest, type HttpResponse } from './http';
import type { RelayTarget } from './types';

/** A mail as the relay's POST /v1/mail takes it. */
export interface RelayMail {
	from: string;
	to: string[];
	cc?: string[];
	bcc?: string[];
	replyTo?: string;
	subject: string;
	html?: string;
	text: string;
	/** Extra headers (List-Unsubscribe, In-Reply-To…). */
	headers?: Record<string, string>;
	messageId?: string;
}

function headers(relay: RelayTarget, key: string | null): Record<string, string> {
	const h: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${relay.token}` };
	if (key) h['idempotency-key'] = key;
	return h;
}

/** Classifies a relay answer; relay-specific bodies refine the HTTP classification. */
function relayOutcome(res: HttpResponse, http: HttpOptions, label: string): HttpResponse {
	const f = classify(res, http.wallNow, label);
	if (!f) return res;
	const body = jsonOf(res) as { error?: string; permanent?: boolean; applied?: string; message?: string; response?: string } | null;
	if (res.status === 401 || res.status === 403)
		throw new DeliveryError({ ...f, kind: 'permanent', code: 'relay_auth', message: `${label}: the relay refused the token (HTTP ${res.status}). Check the relay token in Channels.` });
	if (body?.error === 'rejected')
		throw new DeliveryError({ kind: 'permanent', code: 'smtp_rejected', status: res.status, bounce: body.permanent !== false, message: `${label}: the mail server rejected the recipient (${body.response ?? body.message ?? 'rejected'}).` });
	if (body?.applied === 'unknown')
		throw new DeliveryError({ ...f, kind: 'unknown', code: 'relay_upstream_unknown', message: `${label}: ${body.message ?? 'the upstream did not answer'}; retried with the same key.` });
	throw new DeliveryError(f);
}

/** Sends a mail through the relay. Resolves with the relay's message id. */
export async function relaySendMail(relay: RelayTarget, key: string, mail: RelayMail, http: HttpOptions): Promise<{ id: string; status: number }> {
	const res = await send({ method: 'POST', url: joinUrl(relay.url, '/v1/mail'), headers: headers(relay, key), body: JSON.stringify(mail) }, http);
	relayOutcome(res, http, 'Mail relay');
	const j = jsonOf(res) as { id?: string; messageId?: string } | null;
	return { id: String(j?.messageId ?? j?.id ?? ''), status: res.status };
}

/**
 * Forwards an HTTP request through the relay (for targets that refuse browsers). Resolves with
 * the target's own response, to be classified like a direct call.
 */
export async function relayForward(relay: RelayTarget, key: string, req: HttpRequest, http: HttpOptions & { timeoutMs: number }): Promise<HttpResponse> {
	const res = await send(
		{
			method: 'POST',
			url: joinUrl(relay.url, '/v1/forward'),
			headers: headers(relay, key),
			body: JSON.stringify({ url: req.url, method: req.method, headers: req.headers, body: req.body ?? null, timeoutMs: http.timeoutMs })
		},
		// The relay waits for the target up to the same timeout: give it a little longer.
		{ ...http, timeoutMs: http.timeoutMs + 5000 }
	);
	relayOutcome(res, http, 'Relay');
	const j = jsonOf(res) as { status?: number; headers?: Record<string, string>; body?: string } | null;
	if (!j || typeof j.status !== 'number') throw new DeliveryError({ kind: 'unknown', code: 'relay_protocol', message: 'The relay answered without the forwarded status; retried with the same key.' });
	return { status: j.status, headers: j.headers ?? {}, body: String(j.body ?? '') };
}

/** Sends an SMS through the relay's gateway. */
export async function relaySendSms(relay: RelayTarget, key: string, sms: { to: string; body: string; from?: string }, http: HttpOptions): Promise<{ id: string; status: number }> {
	const res = await send({ method: 'POST', url: joinUrl(relay.url, '/v1/sms'), headers: headers(relay, key), body: JSON.stringify(sms) }, http);
	relayOutcome(res, http, 'SMS through the relay');
	const j = jsonOf(res) as { id?: string } | null;
	return { id: String(j?.id ?? ''), status: res.status };
}

/** What GET /v1/health says. */
export interface RelayHealth {
	ok: boolean;
	version: string;
	smtp: boolean;
	sms: boolean;
}

/** Checks the relay and the token. */
export async function relayHealth(relay: RelayTarget, http: HttpOptions): Promise<RelayHealth> {
	const res = await send({ method: 'GET', url: joinUrl(relay.url, '/v1/health'), headers: headers(relay, null) }, http);
	relayOutcome(res, http, 'Mail relay');
	const j = (jsonOf(res) ?? {}) as Partial<RelayHealth>;
	return { ok: j.ok === true, version: String(j.version ?? ''), smtp: j.smtp === true, sms: j.sms === true };
}

/** One unsubscribe request collected by the relay. */
export interface RelayUnsubscribe {
	seq: number;
	token: string;
	at: string;
	via: 'one-click' | 'page';
}

/** Unsubscribe requests the relay received after `after` (its sequence number). */
export async function relayUnsubscribes(relay: RelayTarget, after: number, http: HttpOptions): Promise<{ events: RelayUnsubscribe[]; last: number }> {
	const res = await send({ method: 'GET', url: joinUrl(relay.url, `/v1/unsubscribes?after=${after}`), headers: headers(relay, null) }, http);
	relayOutcome(res, http, 'Mail relay');
	const j = (jsonOf(res) ?? {}) as { events?: RelayUnsubscribe[]; last?: number };
	return { events: j.events ?? [], last: j.last ?? after };
}
