/**
 * App actions: Slack (incoming webhook), Airtable (create a record), Google Sheets (add or update
 * a row, columns matched by the header row), HubSpot (create or update a contact) and Zendesk Sell
 * (create/update a contact, create a deal). Twilio's "send an SMS" goes through the SMS channel.
 * Each call is made directly or through the relay, as the Apps channel says.
 */
import { DeliveryError, jsonOf, joinUrl, type HttpRequest, type HttpResponse } from './http';
import { bearer, call, needSecret } from './call';
import type { DeliverCtx, Delivered, OutMessage } from './types';

type Ctx = DeliverCtx<'apps'>;

function req(ctx: Ctx, key: string, r: HttpRequest, label: string): Promise<HttpResponse> {
	return call(ctx, key, r, label, ctx.settings.via === 'relay');
}

/** Column letters of a 0-based index (0 → A, 26 → AA). */
export function columnName(i: number): string {
	let s = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

function without(fields: Record<string, string>, ...keys: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(fields)) if (!keys.includes(k)) out[k] = v;
	return out;
}

function permanent(code: string, message: string): never {
	throw new DeliveryError({ kind: 'permanent', code, message });
}

async function sheets(m: OutMessage, ctx: Ctx, action: string, f: Record<string, string>): Promise<Delivered> {
	const token = needSecret(ctx, 'sheetsToken', 'Google Sheets');
	const base = joinUrl(ctx.settings.sheetsUrl, `/v4/spreadsheets/${encodeURIComponent(f.spreadsheet)}/values/`);
	const range = (r: string) => encodeURIComponent(`${f.sheet}!${r}`);
	const get = async (r: string) => (jsonOf(await req(ctx, `${m.idempotencyKey}/read`, { method: 'GET', url: base + range(r), headers: bearer(token) }, 'Google Sheets')) as { values?: string[][] } | null)?.values ?? [];
	const rows = await get(action === 'add_row' ? '1:1' : 'A:ZZ');
	const header = (rows[0] ?? []).map((h) => String(h).trim());
	if (!header.length) permanent('sheet_header', `Sheet "${f.sheet}" has no header row: put the column names in row 1.`);
	const values = without(f, 'spreadsheet', 'sheet', 'lookupColumn', 'lookupValue');
	const unknown = Object.keys(values).filter((k) => !header.includes(k));
	if (unknown.length) permanent('sheet_columns', `Sheet "${f.sheet}" has no column named ${unknown.map((u) => `"${u}"`).join(', ')}.`);
	if (action === 'add_row') {
		const row = header.map((h) => values[h] ?? '');
		const res = await req(ctx, m.idempotencyKey, { method: 'POST', url: base + range('A1') + ':append?valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS', headers: bearer(token), body: JSON.stringify({ values: [row] }) }, 'Google Sheets');
		return { status: res.status };
	}
	const col = header.indexOf(f.lookupColumn);
	if (col < 0) permanent('sheet_columns', `Sheet "${f.sheet}" has no column named "${f.lookupColumn}".`);
	const at = rows.findIndex((r, i) => i > 0 && String(r[col] ?? '') === f.lookupValue);
	if (at < 0) permanent('sheet_row', `No row of "${f.sheet}" has "${f.lookupValue}" in "${f.lookupColumn}".`);
	const row = header.map((h, i) => (h in values ? values[h] : String(rows[at][i] ?? '')));
	const n = at + 1;
	const res = await req(ctx, m.idempotencyKey, { method: 'PUT', url: base + range(`A${n}:${columnName(header.length - 1)}${n}`) + '?valueInputOption=USER_ENTERED', headers: bearer(token), body: JSON.stringify({ values: [row] }) }, 'Google Sheets');
	return { status: res.status };
}

async function hubspot(m: OutMessage, ctx: Ctx, action: string, f: Record<string, string>): Promise<Delivered> {
	const token = needSecret(ctx, 'hubspotToken', 'HubSpot');
	const url = joinUrl(ctx.settings.hubspotUrl, '/crm/v3/objects/contacts');
	if (action === 'update_contact') {
		const res = await req(ctx, m.idempotencyKey, { method: 'PATCH', url: `${url}/${encodeURIComponent(f.email)}?idProperty=email`, headers: bearer(token), body: JSON.stringify({ properties: without(f, 'email') }) }, 'HubSpot');
		return { providerId: String((jsonOf(res) as { id?: string } | null)?.id ?? ''), status: res.status };
	}
	try {
		const res = await req(ctx, m.idempotencyKey, { method: 'POST', url, headers: bearer(token), body: JSON.stringify({ properties: f }) }, 'HubSpot');
		return { providerId: String((jsonOf(res) as { id?: string } | null)?.id ?? ''), status: res.status };
	} catch (err) {
		// 409: the contact exists (a retry after a lost answer, or created elsewhere): done.
		if (err instanceof DeliveryError && err.failure.status === 409) return { providerId: /Existing ID:\s*(\d+)/.exec(err.message)?.[1] ?? '', status: 409 };
		throw err;
	}
}

async function zendesk(m: OutMessage, ctx: Ctx, action: string, f: Record<string, string>): Promise<Delivered> {
	const token = needSecret(ctx, 'zendeskToken', 'Zendesk Sell');
	const api = (p: string) => joinUrl(ctx.settings.zendeskUrl, `/v2/${p}`);
	const findContact = async (email: string) => {
		const res = await req(ctx, `${m.idempotencyKey}/find`, { method: 'GET', url: api(`contacts?email=${encodeURIComponent(email)}`), headers: bearer(token) }, 'Zendesk Sell');
		return (jsonOf(res) as { items?: { data: { id: number } }[] } | null)?.items?.[0]?.data.id ?? null;
	};
	if (action === 'update_contact') {
		const id = await findContact(f.email);
		if (id === null) permanent('zendesk_not_found', `Zendesk Sell has no contact with the email ${f.email}.`);
		const res = await req(ctx, m.idempotencyKey, { method: 'PUT', url: api(`contacts/${id}`), headers: bearer(token), body: JSON.stringify({ data: without(f, 'email') }) }, 'Zendesk Sell');
		return { providerId: String(id), status: res.status };
	}
	const data: Record<string, unknown> = { ...f };
	if (action === 'create_deal' && f.email) {
		delete data.email;
		data.contact_id = await findContact(f.email);
		if (f.value) data.value = Number(f.value);
	}
	const res = await req(ctx, m.idempotencyKey, { method: 'POST', url: api(action === 'create_deal' ? 'deals' : 'contacts'), headers: bearer(token), body: JSON.stringify({ data }) }, 'Zendesk Sell');
	return { providerId: String((jsonOf(res) as { data?: { id?: number } } | null)?.data?.id ?? ''), status: res.status };
}

/** Runs an app action. */
export async function deliverApp(m: OutMessage, ctx: Ctx): Promise<Delivered> {
	const p = m.payload as { app?: string; action?: string; fields?: Record<string, string> };
	const f = p.fields ?? {};
	switch (p.app) {
		case 'slack': {
			const hook = needSecret(ctx, 'slackWebhookUrl', 'Slack');
			const res = await req(ctx, m.idempotencyKey, { method: 'POST', url: hook, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: f.text, ...(f.channel ? { channel: f.channel } : {}) }) }, 'Slack');
			return { status: res.status };
		}
		case 'airtable': {
			const token = needSecret(ctx, 'airtableToken', 'Airtable');
			const url = joinUrl(ctx.settings.airtableUrl, `/v0/${encodeURIComponent(f.base)}/${encodeURIComponent(f.table)}`);
			const res = await req(ctx, m.idempotencyKey, { method: 'POST', url, headers: bearer(token), body: JSON.stringify({ fields: without(f, 'base', 'table'), typecast: true }) }, 'Airtable');
			return { providerId: String((jsonOf(res) as { id?: string } | null)?.id ?? ''), status: res.status };
		}
		case 'google_sheets':
			return sheets(m, ctx, String(p.action), f);
		case 'hubspot':
			return hubspot(m, ctx, String(p.action), f);
		case 'zendesk_sell':
			return zendesk(m, ctx, String(p.action), f);
		default:
			return permanent('app_unsupported', `App "${p.app}" has no connector.`);
	}
}
