/**
 * Email through the mail relay: marketing campaigns (with List-Unsubscribe and one-click
 * unsubscribe headers), 1:1 emails (threaded with In-Reply-To/References) and internal
 * notifications. The Message-ID derives from the idempotency key, so the same message keeps the
 * same id across retries and receivers can discard duplicates.
 */
import { htmlToText } from '../engine/steps/sending';
import { fromHeader } from '../engine/steps/email-transactional';
import { DeliveryError } from './http';
import { relaySendMail, type RelayMail } from './relay';
import { unsubscribeHeaders } from './unsubscribe';
import type { DeliverCtx, Delivered, OutMessage } from './types';

/** A valid Message-ID for any key: characters outside the dot-atom are =XX escaped. */
export function messageIdFor(key: string): string {
	const local = key.replace(/[^A-Za-z0-9._\-!#$%&'*+/?^`{|}~]/g, (ch) => '=' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
	return `<${local}@journey.studio>`;
}

/** Makes an engine-made Message-ID ("<key@journey.studio>") valid the same way. */
function fixMessageId(id: string | null | undefined): string | null {
	if (!id) return null;
	const m = /^<(.*)@journey\.studio>$/.exec(id);
	return m ? messageIdFor(m[1]) : id;
}

/** Hidden preview text placed first in the HTML (what inboxes show after the subject). */
function withPreheader(html: string, preheader: string): string {
	if (!preheader) return html;
	const esc = preheader.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
	return `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${esc}</div>${html}`;
}

/** The relay mail for an email message. */
export async function buildMail(m: OutMessage, ctx: DeliverCtx<'mail'>): Promise<RelayMail> {
	const p = m.payload as Record<string, unknown>;
	const s = ctx.settings;
	const defaultFrom = fromHeader(s.fromAddress.trim(), s.fromName.trim());
	switch (m.kind) {
		case 'email.send': {
			const to = String(p.to ?? '');
			const html = withPreheader(String(p.html ?? ''), String(p.preheader ?? ''));
			const from = p.from ? fromHeader(String(p.from), String(p.fromName ?? '')) : defaultFrom;
			const headers: Record<string, string> = {};
			if (m.marketing && ctx.unsubscribe) {
				const u = await ctx.unsubscribe(m.contact, to);
				Object.assign(headers, unsubscribeHeaders(u.url, u.mailto));
			}
			return { from, to: [to], subject: String(p.subject ?? ''), html, text: htmlToText(String(p.html ?? '')), headers, messageId: messageIdFor(m.idempotencyKey) };
		}
		case 'email.one_to_one': {
			const headers: Record<string, string> = {};
			const inReplyTo = fixMessageId(p.inReplyTo as string | null);
			if (inReplyTo) {
				headers['In-Reply-To'] = inReplyTo;
				headers['References'] = inReplyTo;
			}
			return {
				from: fromHeader(String(p.from ?? s.fromAddress), String(p.fromName ?? '')),
				to: [String(p.to ?? '')],
				cc: (p.cc as string[] | undefined) ?? [],
				bcc: (p.bcc as string[] | undefined) ?? [],
				subject: String(p.subject ?? ''),
				html: String(p.html ?? ''),
				text: String(p.text ?? htmlToText(String(p.html ?? ''))),
				headers,
				messageId: fixMessageId(p.messageId as string) ?? messageIdFor(m.idempotencyKey)
			};
		}
		case 'email.internal':
			return {
				from: defaultFrom,
				to: (p.to as string[] | undefined) ?? [],
				subject: String(p.subject ?? ''),
				html: String(p.html ?? ''),
				text: String(p.text ?? ''),
				headers: { 'X-Journey-Contact': String(p.contact ?? m.contact) },
				messageId: messageIdFor(m.idempotencyKey)
			};
		default:
			throw new DeliveryError({ kind: 'permanent', code: 'kind_unsupported', message: `The mail channel does not send "${m.kind}".` });
	}
}

/** Sends an email message through the relay. */
export async function deliverMail(m: OutMessage, ctx: DeliverCtx<'mail'>): Promise<Delivered> {
	if (!ctx.relay) throw new DeliveryError({ kind: 'retry', code: 'not_configured', message: 'The mail relay is not configured.' });
	const mail = await buildMail(m, ctx);
	if (!mail.to.length || mail.to.some((a) => !a)) throw new DeliveryError({ kind: 'permanent', code: 'no_recipient', message: 'The email has no recipient address.' });
	const res = await relaySendMail(ctx.relay, m.idempotencyKey, mail, ctx.http);
	return { providerId: res.id, status: res.status };
}
