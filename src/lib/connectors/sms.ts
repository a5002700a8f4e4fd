/**
 * SMS through a Twilio-style Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json, form
 * encoded, basic auth with the account SID and token) or through the relay's gateway. Used by the
 * "Send an SMS" step and the Twilio app action.
 */
import { DeliveryError, jsonOf, send, classify, joinUrl } from './http';
import { relaySendSms } from './relay';
import { needSecret } from './call';
import { toBase64, utf8 } from './crypto';
import type { DeliverCtx, Delivered, OutMessage } from './types';

/** Twilio error codes that will never succeed for this recipient. */
const PERMANENT_CODES: Record<number, string> = {
	21211: 'the "To" number is not valid',
	21610: 'the recipient replied STOP to this sender',
	21614: 'the "To" number cannot receive SMS',
	21408: 'sending to this region is not enabled'
};

/** Recipient and text of an SMS message (the SMS step, or the Twilio app action's fields). */
export function smsOf(m: OutMessage): { to: string; body: string } {
	const p = m.payload as Record<string, unknown>;
	if (m.kind === 'app.call') {
		const f = (p.fields ?? {}) as Record<string, string>;
		return { to: String(f.to ?? '').trim(), body: String(f.body ?? '') };
	}
	return { to: String(p.to ?? ''), body: String(p.body ?? '') };
}

export async function deliverSms(m: OutMessage, ctx: DeliverCtx<'sms'>): Promise<Delivered> {
	const sms = smsOf(m);
	if (!sms.to || !sms.body) throw new DeliveryError({ kind: 'permanent', code: 'no_recipient', message: 'The SMS has no recipient or no text.' });
	const s = ctx.settings;
	if (s.via === 'relay') {
		if (!ctx.relay) throw new DeliveryError({ kind: 'retry', code: 'relay_missing', message: 'SMS go through the relay, which is not set up in Channels.' });
		const r = await relaySendSms(ctx.relay, m.idempotencyKey, sms, ctx.http);
		return { providerId: r.id, status: r.status };
	}
	const token = needSecret(ctx, 'authToken', 'SMS');
	const sid = s.accountSid.trim();
	const form = new URLSearchParams({ To: sms.to, Body: sms.body });
	if (s.from.startsWith('MG')) form.set('MessagingServiceSid', s.from.trim());
	else form.set('From', s.from.trim());
	const res = await send(
		{
			method: 'POST',
			url: joinUrl(s.baseUrl, `/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				authorization: 'Basic ' + toBase64(utf8(`${sid}:${token}`)),
				'idempotency-key': m.idempotencyKey,
				'i-twilio-idempotency-token': m.idempotencyKey
			},
			body: form.toString()
		},
		ctx.http
	);
	const j = jsonOf(res) as { sid?: string; code?: number; message?: string } | null;
	const f = classify(res, ctx.http.wallNow, 'SMS gateway');
	if (f) {
		if (j?.code && PERMANENT_CODES[j.code]) throw new DeliveryError({ kind: 'permanent', code: `twilio_${j.code}`, status: res.status, message: `SMS gateway: ${PERMANENT_CODES[j.code]} (error ${j.code}).` });
		if (res.status === 401) throw new DeliveryError({ ...f, code: 'auth', message: 'SMS gateway: the account SID or token was refused (HTTP 401).' });
		throw new DeliveryError(f);
	}
	return { providerId: String(j?.sid ?? ''), status: res.status };
}
