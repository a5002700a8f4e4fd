/** Delivery and "send test" by channel. */
import type { ChannelId } from './channels';
import { DeliveryError, joinUrl, jsonOf } from './http';
import { bearer, call, needSecret } from './call';
import { deliverMail } from './mail';
import { deliverTransactional } from './transactional';
import { deliverWebhook } from './webhooks';
import { deliverSms } from './sms';
import { checkSalesforce, deliverSalesforce } from './salesforce';
import { checkFacebook, deliverFacebook } from './facebook';
import { complete, deliverAi } from './ai';
import { deliverApp } from './apps';
import { relayHealth } from './relay';
import type { DeliverCtx, Delivered, OutMessage } from './types';

/** Delivers one message through its channel; throws `DeliveryError` when it did not succeed. */
export function deliver(channel: ChannelId, m: OutMessage, ctx: DeliverCtx): Promise<Delivered> {
	switch (channel) {
		case 'mail':
			return deliverMail(m, ctx as DeliverCtx<'mail'>);
		case 'transactional':
			return deliverTransactional(m, ctx as DeliverCtx<'transactional'>);
		case 'webhooks':
			return deliverWebhook(m, ctx as DeliverCtx<'webhooks'>);
		case 'sms':
			return deliverSms(m, ctx as DeliverCtx<'sms'>);
		case 'salesforce':
			return deliverSalesforce(m, ctx as DeliverCtx<'salesforce'>);
		case 'facebook':
			return deliverFacebook(m, ctx as DeliverCtx<'facebook'>);
		case 'ai':
			return deliverAi(m, ctx as DeliverCtx<'ai'>);
		case 'apps':
			return deliverApp(m, ctx as DeliverCtx<'apps'>);
	}
}

/** What the "send test" form provides. */
export interface TestInput {
	/** Address or phone number that receives the test. */
	to?: string;
	/** Webhook URL to post the test to. */
	url?: string;
	/** Sender of a transactional test (a sender signature of the provider). */
	from?: string;
	/** App to check (apps channel). */
	app?: string;
}

/** Result of a test, for the live region of the form. */
export interface TestResult {
	ok: boolean;
	/** Stable code for the interface (sent, checked, or the failure code). */
	code: string;
	/** Detail: provider id, account name, AI answer, error text. */
	detail: string;
	status?: number;
}

/**
 * Sends a test message (or checks the connection) right now, outside the outbox. `key` is a fresh
 * idempotency key for the test.
 */
export async function testChannel(channel: ChannelId, ctx: DeliverCtx, input: TestInput, key: string, workspaceName: string): Promise<TestResult> {
	try {
		const msg = (kind: OutMessage['kind'], payload: Record<string, unknown>): OutMessage => ({ idempotencyKey: key, kind, contact: 'test', payload, marketing: false });
		const subject = `Journey Studio test: ${workspaceName}`;
		const html = `<p>This is a test from <b>${escape(workspaceName)}</b> in Journey Studio. If you can read it, this channel works.</p>`;
		switch (channel) {
			case 'mail': {
				if (!ctx.relay) throw new DeliveryError({ kind: 'permanent', code: 'not_configured', message: 'Save the relay URL and token first.' });
				const h = await relayHealth(ctx.relay, ctx.http);
				if (!h.smtp) return { ok: false, code: 'relay_no_smtp', detail: `Relay ${h.version}: no SMTP server configured (set SMTP_URL where the relay runs).` };
				const d = await deliverMail(msg('email.internal', { to: [need(input.to)], subject, html, text: `This is a test from ${workspaceName} in Journey Studio.`, contact: 'test' }), ctx as DeliverCtx<'mail'>);
				return { ok: true, code: 'sent', detail: d.providerId ?? '', status: d.status };
			}
			case 'transactional': {
				const s = (ctx as DeliverCtx<'transactional'>).settings;
				const from = need(input.from);
				const d = await deliverTransactional(msg('email.transactional', { From: from, To: need(input.to), Subject: subject, HtmlBody: html, TextBody: `This is a test from ${workspaceName}.`, MessageStream: s.messageStream, Tag: 'test' }), ctx as DeliverCtx<'transactional'>);
				return { ok: true, code: 'sent', detail: d.providerId ?? '', status: d.status };
			}
			case 'webhooks': {
				const d = await deliverWebhook(msg('webhook.post', { url: need(input.url), body: { test: true, at: new Date(ctx.http.wallNow()).toISOString(), workspace: workspaceName } }), ctx as DeliverCtx<'webhooks'>);
				return { ok: true, code: 'sent', detail: `HTTP ${d.status}`, status: d.status };
			}
			case 'sms': {
				const d = await deliverSms(msg('sms.send', { to: need(input.to), body: `Journey Studio test from ${workspaceName}.` }), ctx as DeliverCtx<'sms'>);
				return { ok: true, code: 'sent', detail: d.providerId ?? '', status: d.status };
			}
			case 'salesforce':
				return { ok: true, code: 'checked_salesforce', detail: await checkSalesforce(ctx as DeliverCtx<'salesforce'>) };
			case 'facebook':
				return { ok: true, code: 'checked_facebook', detail: await checkFacebook(ctx as DeliverCtx<'facebook'>) };
			case 'ai':
				return { ok: true, code: 'checked_ai', detail: await complete(ctx as DeliverCtx<'ai'>, key, 'Reply with the single word: ready') };
			case 'apps':
				return { ok: true, code: 'checked_app', detail: await checkApp(ctx as DeliverCtx<'apps'>, key, input.app ?? 'slack', workspaceName) };
		}
	} catch (err) {
		if (err instanceof DeliveryError) return { ok: false, code: err.failure.code, detail: err.message, status: err.failure.status };
		return { ok: false, code: 'internal', detail: err instanceof Error ? err.message : String(err) };
	}
}

async function checkApp(ctx: DeliverCtx<'apps'>, key: string, app: string, workspaceName: string): Promise<string> {
	const s = ctx.settings;
	const relay = s.via === 'relay';
	switch (app) {
		case 'slack': {
			const hook = needSecret(ctx, 'slackWebhookUrl', 'Slack');
			await call(ctx, key, { method: 'POST', url: hook, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `Journey Studio test from ${workspaceName}` }) }, 'Slack', relay);
			return 'Slack';
		}
		case 'airtable': {
			const res = await call(ctx, key, { method: 'GET', url: joinUrl(s.airtableUrl, '/v0/meta/whoami'), headers: bearer(needSecret(ctx, 'airtableToken', 'Airtable')) }, 'Airtable', relay);
			return String((jsonOf(res) as { id?: string } | null)?.id ?? 'Airtable');
		}
		case 'hubspot':
			await call(ctx, key, { method: 'GET', url: joinUrl(s.hubspotUrl, '/crm/v3/objects/contacts?limit=1'), headers: bearer(needSecret(ctx, 'hubspotToken', 'HubSpot')) }, 'HubSpot', relay);
			return 'HubSpot';
		case 'zendesk_sell': {
			const res = await call(ctx, key, { method: 'GET', url: joinUrl(s.zendeskUrl, '/v2/users/self'), headers: bearer(needSecret(ctx, 'zendeskToken', 'Zendesk Sell')) }, 'Zendesk Sell', relay);
			return String((jsonOf(res) as { data?: { email?: string } } | null)?.data?.email ?? 'Zendesk Sell');
		}
		case 'google_sheets': {
			const res = await call(ctx, key, { method: 'GET', url: 'https://www.googleapis.com/oauth2/v3/tokeninfo?access_token=' + encodeURIComponent(needSecret(ctx, 'sheetsToken', 'Google Sheets')), headers: {} }, 'Google Sheets', relay);
			return String((jsonOf(res) as { email?: string; scope?: string } | null)?.email ?? 'Google Sheets');
		}
		default:
			throw new DeliveryError({ kind: 'permanent', code: 'app_unsupported', message: `App "${app}" has no connector.` });
	}
}

function need(v: string | undefined): string {
	if (!v?.trim()) throw new DeliveryError({ kind: 'permanent', code: 'test_target', message: 'Enter where to send the test.' });
	return v.trim();
}

function escape(s: string): string {
	return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export { DeliveryError } from './http';
export type { DeliverCtx, Delivered, OutMessage } from './types';
