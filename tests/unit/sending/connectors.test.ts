/**
 * Every connector through the live outbox against servers on loopback: marketing email through the
 * reference relay into a real SMTP server (List-Unsubscribe one-click, Message-ID from the key,
 * send-time suppression, hard bounces), Twilio-style SMS, OpenAI-compatible AI prompt, Salesforce,
 * Facebook audiences with hashed identifiers, Postmark-style transactional email.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startSmtpSink, type SmtpSink } from '../../servers/smtp-sink';
import { startRelay, type RelayProcess } from '../../servers/relay-process';
import { startApiMock, type ApiMock } from '../../servers/api-mock';
import { PORTS } from '../../servers/ports';
import { sendingHandlers as H } from '../../../src/lib/worker/handlers/sending';
import { DEFAULTS } from '../../../src/lib/connectors/channels';
import type { WorkspaceRuntime } from '../../../src/lib/worker/runtime';
import { ctxOf, freshIdb, liveEntry, runtime, until, workspace } from './helpers';

const P = PORTS.connectors;
let sink: SmtpSink;
let relay: RelayProcess;
let api: ApiMock;
let rt: WorkspaceRuntime;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const SID = 'AC' + '0'.repeat(32);

beforeAll(async () => {
	sink = await startSmtpSink(P);
	relay = await startRelay({ port: P + 1, smtp: sink.url });
	let audience = 0;
	api = await startApiMock(P + 2, {
		[`POST /2010-04-01/Accounts/${SID}/Messages.json`]: () => ({ status: 201, body: { sid: 'SM123', status: 'queued' } }),
		'POST /v1/chat/completions': (r) => ({ body: { choices: [{ message: { role: 'assistant', content: /love/.test(JSON.stringify(r.json)) ? ' positive\n' : 'neutral' } }] } }),
		'POST /services/data/v60.0/sobjects/Lead': () => ({ status: 201, body: { id: '00Q000000000001AAA', success: true, errors: [] } }),
		'POST /v21.0/act_1234567/customaudiences': () => ({ body: { id: `aud${++audience}` } }),
		'POST /v21.0/aud1/users': (r) => ({ body: { audience_id: 'aud1', num_received: (r.json as { payload: { data: unknown[] } }).payload.data.length, num_invalid_entries: 0 } }),
		'POST /email': (r) =>
			/bounced/.test(String((r.json as { To?: string }).To)) ? { status: 422, body: { ErrorCode: 406, Message: 'Inactive recipient' } } : { body: { ErrorCode: 0, Message: 'OK', MessageID: 'pm-1' } }
	});
	rt = runtime(freshIdb(), liveEntry('live-connectors'));
	await rt.init(workspace({ n: 4 }), { seed: 3, start: Date.now() });
	rt.start();
	const c = ctxOf(rt);
	const fast = { retryBaseSec: 0.05, maxAttempts: 3 };
	expect(await H.saveChannel(c, 'mail', { ...DEFAULTS.mail, ...fast, relayUrl: relay.url, fromAddress: 'shop@example.com', fromName: 'Shop' }, { relayToken: relay.token })).toEqual({ ok: true, problems: [] });
	expect((await H.saveChannel(c, 'sms', { ...DEFAULTS.sms, ...fast, baseUrl: api.url, accountSid: SID, from: '+33700000000' }, { authToken: 'tok' })).ok).toBe(true);
	expect((await H.saveChannel(c, 'ai', { ...DEFAULTS.ai, ...fast, baseUrl: `${api.url}/v1`, model: 'tiny' }, {})).ok).toBe(true);
	expect((await H.saveChannel(c, 'salesforce', { ...DEFAULTS.salesforce, ...fast, instanceUrl: api.url }, { accessToken: 'sf-token' })).ok).toBe(true);
	expect((await H.saveChannel(c, 'facebook', { ...DEFAULTS.facebook, ...fast, baseUrl: api.url, adAccountId: '1234567' }, { accessToken: 'fb-token' })).ok).toBe(true);
	expect((await H.saveChannel(c, 'transactional', { ...DEFAULTS.transactional, ...fast, baseUrl: api.url }, { serverToken: 'pm-token' })).ok).toBe(true);
});

afterAll(async () => {
	await rt?.stop();
	await relay?.stop();
	await sink?.close();
	await api?.close();
});

const of = (kind: string) => rt.messages.filter((m) => m.kind === kind);
const add = (automation: string, contacts: string[]) => rt.apply({ type: 'contacts.added', automation, contacts });

describe('connectors through the live outbox', () => {
	it('marketing email: relay → SMTP with one-click List-Unsubscribe; the link unsubscribes the contact', async () => {
		await add('mail', ['c0']);
		const m = of('email.send')[0];
		await until(() => m.status === 'sent', 10_000, 'email sent');
		expect(sink.mails).toHaveLength(1);
		const mail = sink.mails[0];
		expect(mail.to).toEqual(['person0@example.com']);
		expect(mail.subject).toBe('Hello Ann0');
		expect(mail.messageId).toBe(`<live-connectors/mail.send.0.1@journey.studio>`.replace('/', '/'));
		const lu = mail.headers['list-unsubscribe'];
		expect(lu).toMatch(new RegExp(`^<${relay.url}/u/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>$`));
		expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
		// A mailbox provider's one-click: POST to the link, then the app collects it from the relay.
		const link = lu.slice(1, -1);
		const r = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
		expect(r.status).toBe(200);
		expect(await H.collectUnsubscribes(ctxOf(rt))).toBe(1);
		expect(rt.engine.world.contact('c0')!.lists.news).toBe('unsubscribed');
	});

	it('checks the rules when the message leaves, not when it was queued', async () => {
		const c = ctxOf(rt);
		const paused = { ...rt.outbox.settings.channels.mail!, enabled: false };
		await H.saveChannel(c, 'mail', paused, {});
		await add('mail', ['c1']);
		const m = of('email.send').at(-1)!;
		await new Promise((r) => setTimeout(r, 100));
		expect(m.status).toBe('queued');
		expect(H.outbox(c, { offset: 0, limit: 5 }).rows[0].waiting).toBe('paused');
		await rt.apply({ type: 'list.unsubscribed', contact: 'c1', list: 'news' });
		const before = sink.mails.length;
		await H.saveChannel(c, 'mail', { ...paused, enabled: true }, {});
		await until(() => m.status === 'suppressed', 5000, 'suppressed');
		expect(m.lastErrorCode).toBe('no_active_subscription');
		expect(sink.mails.length).toBe(before);
	});

	it('a hard bounce kills the message and suppresses the address', async () => {
		sink.rejectRcpt = /^person2@/;
		await add('mail', ['c2']);
		const m = of('email.send').at(-1)!;
		await until(() => m.status === 'dead', 5000, 'dead');
		expect(m.lastErrorCode).toBe('smtp_rejected');
		await until(() => rt.engine.world.suppressed('person2@example.com') === 'bounced', 5000, 'suppressed');
		sink.rejectRcpt = null;
	});

	it('SMS through a Twilio-style API', async () => {
		await add('text', ['c3']);
		const m = of('sms.send')[0];
		await until(() => m.status === 'sent', 5000, 'sms sent');
		expect(m.providerId).toBe('SM123');
		const req = api.requests.find((r) => r.path.endsWith('/Messages.json'))!;
		expect(new URLSearchParams(req.body).get('To')).toBe('+33612345003');
		expect(new URLSearchParams(req.body).get('Body')).toBe('Hi Ann3, beans are back');
		expect(req.headers.authorization).toBe('Basic ' + Buffer.from(`${SID}:tok`).toString('base64'));
	});

	it('AI prompt through an OpenAI-compatible endpoint writes the answer into the field', async () => {
		await add('ai', ['c3']);
		await until(() => rt.engine.world.contact('c3')!.fields.sentiment === 'positive', 5000, 'answer written');
		const req = api.requests.find((r) => r.path === '/v1/chat/completions')!;
		expect((req.json as { model: string }).model).toBe('tiny');
		expect(of('ai.prompt')[0].result).toBe('positive');
	});

	it('Salesforce lead: the record id is saved on the contact', async () => {
		await add('sf', ['c3']);
		await until(() => rt.engine.world.contact('c3')!.fields.sf_id === '00Q000000000001AAA', 5000, 'id saved');
		const req = api.requests.find((r) => r.path.startsWith('/services/data/v60.0/sobjects/Lead'))!;
		expect(req.headers.authorization).toBe('Bearer sf-token');
		expect(req.json).toMatchObject({ LastName: 'Lee', Email: 'person3@example.com' });
	});

	it('Facebook audience: created once by name, identifiers normalised and SHA-256 hashed', async () => {
		await add('fb', ['c2', 'c3']);
		await until(() => of('facebook.audience_add').every((m) => m.status === 'sent'), 5000, 'added');
		expect(api.requests.filter((r) => r.path.endsWith('/customaudiences'))).toHaveLength(1);
		const rows = api.requests.filter((r) => r.path === '/v21.0/aud1/users').map((r) => (r.json as { payload: { schema: string[]; data: string[][] } }).payload);
		expect(rows[0].schema).toEqual(['EMAIL', 'PHONE', 'FN', 'LN']);
		const all = rows.flatMap((p) => p.data);
		expect(all).toContainEqual([sha('person3@example.com'), sha('33612345003'), sha('ann'), sha('lee')]);
		expect(JSON.stringify(rows)).not.toContain('person3@example.com');
		expect(rt.outbox.state.audiences).toEqual({ Buyers: 'aud1' });
	});

	it('transactional email through a Postmark-style API; an inactive recipient is a bounce', async () => {
		await add('tx', ['c3']);
		await until(() => of('email.transactional')[0].status === 'sent', 5000, 'sent');
		const req = api.requests.find((r) => r.path === '/email')!;
		expect(req.headers['x-postmark-server-token']).toBe('pm-token');
		expect((req.json as { To: string; MessageStream: string }).MessageStream).toBe('outbound');
		await rt.apply({ type: 'contact.upserted', contact: { id: 'c1', email: 'bounced@example.com' } });
		await add('tx', ['c1']);
		const m = of('email.transactional')[1];
		await until(() => m.status === 'dead', 5000, 'dead');
		expect(m.lastErrorCode).toBe('inactive_recipient');
		await until(() => rt.engine.world.suppressed('bounced@example.com') === 'bounced', 5000, 'suppressed');
		// The same action through the mail relay instead of the API.
		expect((await H.saveChannel(ctxOf(rt), 'transactional', { ...rt.outbox.settings.channels.transactional!, via: 'relay' }, { serverToken: null })).ok).toBe(true);
		const before = sink.mails.length;
		await add('tx', ['c3']);
		const viaRelay = of('email.transactional')[2];
		await until(() => viaRelay.status === 'sent', 5000, 'sent through the relay');
		expect(sink.mails.length).toBe(before + 1);
		expect(sink.mails.at(-1)!.to).toEqual(['person3@example.com']);
		expect(sink.mails.at(-1)!.headers['x-pm-tag']).toBe('promo');
	});
});
