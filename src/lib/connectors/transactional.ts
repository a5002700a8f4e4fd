/**
 * Transactional email through a Postmark-style API (POST /email with X-Postmark-Server-Token), or
 * through the mail relay. The engine's payload already has Postmark's message shape.
 */
import { DeliveryError, jsonOf, send, classify, joinUrl } from './http';
import { relaySendMail } from './relay';
import { messageIdFor } from './mail';
import { needSecret } from './call';
import type { DeliverCtx, Delivered, OutMessage } from './types';

/** Postmark error code for a recipient marked inactive (bounced or complained). */
const INACTIVE_RECIPIENT = 406;

export async function deliverTransactional(m: OutMessage, ctx: DeliverCtx<'transactional'>): Promise<Delivered> {
	const p = m.payload as Record<string, unknown>;
	const s = ctx.settings;
	if (s.via === 'relay') {
		if (!ctx.relay) throw new DeliveryError({ kind: 'retry', code: 'relay_missing', message: 'Transactional email goes through the mail relay, which is not set up.' });
		const res = await relaySendMail(
			ctx.relay,
			m.idempotencyKey,
			{ from: String(p.From ?? ''), to: [String(p.To ?? '')], subject: String(p.Subject ?? ''), html: String(p.HtmlBody ?? ''), text: String(p.TextBody ?? ''), headers: { 'X-PM-Tag': String(p.Tag ?? '') }, messageId: messageIdFor(m.idempotencyKey) },
			ctx.http
		);
		return { providerId: res.id, status: res.status };
	}
	const token = needSecret(ctx, 'serverToken', 'Transactional email');
	const body = { ...p, MessageStream: s.messageStream || String(p.MessageStream ?? 'outbound') };
	const res = await send(
		{
			method: 'POST',
			url: joinUrl(s.baseUrl, '/email'),
			headers: { 'content-type': 'application/json', accept: 'application/json', 'x-postmark-server-token': token, 'idempotency-key': m.idempotencyKey },
			body: JSON.stringify(body)
		},
		ctx.http
	);
	const j = jsonOf(res) as { ErrorCode?: number; Message?: string; MessageID?: string } | null;
	if (j?.ErrorCode === INACTIVE_RECIPIENT)
		throw new DeliveryError({ kind: 'permanent', code: 'inactive_recipient', status: res.status, bounce: true, message: `Transactional email: the recipient is marked inactive by the provider (${j.Message ?? 'bounced or complained'}).` });
	const f = classify(res, ctx.http.wallNow, 'Transactional email');
	if (f) throw new DeliveryError(res.status === 401 ? { ...f, code: 'auth', message: 'Transactional email: the server token was refused (HTTP 401). Check it in Channels.' } : f);
	if (j && typeof j.ErrorCode === 'number' && j.ErrorCode !== 0)
		throw new DeliveryError({ kind: 'permanent', code: `postmark_${j.ErrorCode}`, status: res.status, message: `Transactional email: ${j.Message ?? 'error ' + j.ErrorCode}.` });
	return { providerId: String(j?.MessageID ?? ''), status: res.status };
}
