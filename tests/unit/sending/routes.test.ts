/**
 * Routes through the relay: webhooks in "auto" mode fall back to the relay when the browser refuses
 * a direct call (CORS looks like a network error to a page) and remember the origin; SMS through the
 * relay's Twilio-style gateway; app actions (Slack through the relay, Airtable, Google Sheets,
 * HubSpot) against APIs on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../../servers/relay-process';
import { startWebhookReceiver, type WebhookReceiver } from '../../servers/webhook-receiver';
import { startApiMock, type ApiMock } from '../../servers/api-mock';
import { PORTS } from '../../servers/ports';
import { deliverWebhook, newSigningSecret } from '../../../src/lib/connectors/webhooks';
import { deliverSms } from '../../../src/lib/connectors/sms';
import { deliverApp } from '../../../src/lib/connectors/apps';
import { DEFAULTS, type ChannelId, type SettingsOf } from '../../../src/lib/connectors/channels';
import { EMPTY_STATE, type DeliverCtx, type OutMessage } from '../../../src/lib/connectors/types';

const P = PORTS.routes;
const SID = 'AC' + 'f'.repeat(32);
let relay: RelayProcess;
let rx: WebhookReceiver;
let api: ApiMock;
const secret = newSigningSecret();

beforeAll(async () => {
	api = await startApiMock(P + 2, {
		[`POST /2010-04-01/Accounts/${SID}/Messages.json`]: () => ({ status: 201, body: { sid: 'SMrelay' } }),
		'POST /slack': () => ({ body: 'ok' }),
		'POST /v0/appBase/Orders': () => ({ body: { id: 'rec123' } }),
		'GET /v4/spreadsheets/sheet1/values/': () => ({ body: { values: [['email', 'name', 'plan']] } }),
		'POST /v4/spreadsheets/sheet1/values/': () => ({ body: { updates: { updatedRows: 1 } } }),
		'POST /crm/v3/objects/contacts': () => ({ status: 409, body: { message: 'Contact already exists. Existing ID: 4242' } })
	});
	relay = await startRelay({ port: P + 1, env: { SMS_URL: api.url, SMS_ACCOUNT_SID: SID, SMS_AUTH_TOKEN: 'gw-token', SMS_FROM: '+33700000001' } });
	rx = await startWebhookReceiver(P, secret);
});
afterAll(async () => {
	await relay?.stop();
	await rx?.close();
	await api?.close();
});

function ctx<K extends ChannelId>(channel: K, settings: Partial<SettingsOf[K]>, secrets: Record<string, string>, fetchImpl: typeof fetch = fetch): DeliverCtx<K> {
	return {
		settings: { ...DEFAULTS[channel], ...settings } as SettingsOf[K],
		secrets,
		relay: { url: relay.url, token: relay.token },
		http: { timeoutMs: 5000, fetch: fetchImpl, wallNow: () => Date.now() },
		state: structuredClone(EMPTY_STATE),
		saveState() {}
	};
}

const msg = (kind: OutMessage['kind'], payload: Record<string, unknown>, key: string): OutMessage => ({ idempotencyKey: key, kind, contact: 'c1', payload, marketing: false });

describe('routes through the relay', () => {
	it('auto webhooks: a refused direct call goes through the relay, once, and the origin is remembered', async () => {
		// What a browser does when the target sends no CORS headers: the call fails as a network error.
		const browserLike: typeof fetch = (input, init) => (String(input).startsWith(rx.url) ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
		const c = ctx('webhooks', { delivery: 'auto' }, { signingSecret: secret }, browserLike);
		await deliverWebhook(msg('webhook.post', { url: rx.url, body: { a: 1 } }, 'ws/hook.1'), c);
		expect(rx.applied.get('ws/hook.1')).toBe(1);
		expect(rx.badSignatures).toBe(0);
		expect(c.state.corsBlocked).toEqual(['http://127.0.0.1:' + P]);
		// Next time it goes through the relay straight away.
		let direct = 0;
		const counting: typeof fetch = (input, init) => (String(input).startsWith(rx.url) ? (direct++, Promise.reject(new TypeError('Failed to fetch'))) : fetch(input, init));
		await deliverWebhook(msg('webhook.post', { url: rx.url, body: { a: 2 } }, 'ws/hook.2'), { ...c, http: { ...c.http, fetch: counting } });
		expect(direct).toBe(0);
		expect(rx.applied.get('ws/hook.2')).toBe(1);
	});

	it('SMS through the relay reaches its Twilio-style gateway', async () => {
		const d = await deliverSms(msg('sms.send', { to: '+33612345678', body: 'Hi' }, 'ws/sms.1'), ctx('sms', { via: 'relay' }, {}));
		expect(d.providerId).toBe('SMrelay');
		const req = api.requests.find((r) => r.path.endsWith('/Messages.json'))!;
		expect(new URLSearchParams(req.body).get('From')).toBe('+33700000001');
		expect(req.headers.authorization).toBe('Basic ' + Buffer.from(`${SID}:gw-token`).toString('base64'));
	});

	it('app actions: Slack through the relay, Airtable, Google Sheets by header, HubSpot create that already exists', async () => {
		const apps = ctx('apps', { via: 'direct', airtableUrl: api.url, sheetsUrl: api.url, hubspotUrl: api.url }, { slackWebhookUrl: `${api.url}/slack`, airtableToken: 'at', sheetsToken: 'gs', hubspotToken: 'hs' });
		await deliverApp(msg('app.call', { app: 'slack', action: 'send_message', fields: { channel: '#sales', text: 'New lead' } }, 'ws/app.1'), { ...apps, settings: { ...apps.settings, via: 'relay' } });
		expect(api.requests.find((r) => r.path === '/slack')!.json).toEqual({ text: 'New lead', channel: '#sales' });
		const rec = await deliverApp(msg('app.call', { app: 'airtable', action: 'create_record', fields: { base: 'appBase', table: 'Orders', Email: 'a@b.co' } }, 'ws/app.2'), apps);
		expect(rec.providerId).toBe('rec123');
		expect(api.requests.find((r) => r.path === '/v0/appBase/Orders')!.json).toEqual({ fields: { Email: 'a@b.co' }, typecast: true });
		await deliverApp(msg('app.call', { app: 'google_sheets', action: 'add_row', fields: { spreadsheet: 'sheet1', sheet: 'Leads', name: 'Ann', email: 'ann@example.com' } }, 'ws/app.3'), apps);
		const append = api.requests.find((r) => r.method === 'POST' && r.path.startsWith('/v4/spreadsheets/sheet1/values/'))!;
		expect(decodeURIComponent(append.path)).toContain('Leads!A1:append');
		expect(append.json).toEqual({ values: [['ann@example.com', 'Ann', '']] });
		await expect(deliverApp(msg('app.call', { app: 'google_sheets', action: 'add_row', fields: { spreadsheet: 'sheet1', sheet: 'Leads', phone: '1' } }, 'ws/app.4'), apps)).rejects.toThrow(/no column named "phone"/);
		const hs = await deliverApp(msg('app.call', { app: 'hubspot', action: 'create_contact', fields: { email: 'ann@example.com' } }, 'ws/app.5'), apps);
		expect(hs.providerId).toBe('4242');
	});
});
