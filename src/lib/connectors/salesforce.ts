/**
 * Salesforce REST API: create a Contact or a Lead (POST sobjects/{Object}, or an idempotent upsert
 * on an external id field when one is configured), and add a contact or lead to a campaign
 * (CampaignMember, looked up by email when no record id is known). The result value is the record
 * id, which the step can save on the contact.
 */
import { DeliveryError, jsonOf, joinUrl, type HttpResponse } from './http';
import { bearer, call, needSecret } from './call';
import type { DeliverCtx, Delivered, OutMessage } from './types';

function base(ctx: DeliverCtx<'salesforce'>): string {
	return joinUrl(ctx.settings.instanceUrl, `/services/data/v${ctx.settings.apiVersion.trim()}`);
}

/** SOQL string literal. */
export function soqlString(s: string): string {
	return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/** Salesforce error details (it answers an array of {errorCode, message}). */
function sfErrors(res: HttpResponse): { errorCode?: string; message?: string }[] {
	const j = jsonOf(res);
	return Array.isArray(j) ? (j as { errorCode?: string; message?: string }[]) : [];
}

async function sfCall(ctx: DeliverCtx<'salesforce'>, key: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<HttpResponse> {
	const token = needSecret(ctx, 'accessToken', 'Salesforce');
	try {
		return await call(ctx, key, { method, url: base(ctx) + path, headers: bearer(token), body: body === undefined ? undefined : JSON.stringify(body) }, 'Salesforce');
	} catch (err) {
		if (err instanceof DeliveryError && err.failure.status === 401)
			throw new DeliveryError({ ...err.failure, code: 'auth', message: 'Salesforce refused the access token (session expired or invalid). Paste a fresh token in Channels, then retry.' });
		throw err;
	}
}

/** Id of the first Contact, else Lead, with this email (null when none). */
async function findByEmail(ctx: DeliverCtx<'salesforce'>, key: string, email: string): Promise<string | null> {
	for (const object of ['Contact', 'Lead']) {
		const q = `SELECT Id FROM ${object} WHERE Email = ${soqlString(email)} ORDER BY CreatedDate DESC LIMIT 1`;
		const res = await sfCall(ctx, key, 'GET', `/query?q=${encodeURIComponent(q)}`);
		const j = jsonOf(res) as { records?: { Id: string }[] } | null;
		if (j?.records?.length) return j.records[0].Id;
	}
	return null;
}

export async function deliverSalesforce(m: OutMessage, ctx: DeliverCtx<'salesforce'>): Promise<Delivered> {
	const p = m.payload as Record<string, unknown>;
	const key = m.idempotencyKey;
	if (m.kind === 'salesforce.add_to_campaign') {
		const email = String(p.email ?? '');
		const recordId = (p.recordId as string | null) || (email ? await findByEmail(ctx, key, email) : null);
		if (!recordId) throw new DeliveryError({ kind: 'permanent', code: 'sf_not_found', message: `Salesforce has no contact or lead with the email ${email || '(none)'}.` });
		const member: Record<string, string> = { CampaignId: String(p.campaignId), Status: String(p.status ?? 'Sent') };
		member[recordId.startsWith('00Q') ? 'LeadId' : 'ContactId'] = recordId;
		try {
			const res = await sfCall(ctx, key, 'POST', '/sobjects/CampaignMember', member);
			return { value: String((jsonOf(res) as { id?: string } | null)?.id ?? recordId), status: res.status };
		} catch (err) {
			// Already a member (e.g. a retry whose first answer was lost): the goal is reached.
			if (err instanceof DeliveryError && err.failure.status === 400 && /DUPLICATE_VALUE|already a campaign member/i.test(err.message)) return { value: recordId, status: 400 };
			throw err;
		}
	}
	const object = String(p.object ?? (m.kind === 'salesforce.create_lead' ? 'Lead' : 'Contact'));
	const fields = (p.fields ?? {}) as Record<string, string>;
	const ext = ctx.settings.externalIdField.trim();
	if (ext) {
		// Upsert on the external id: a retry updates the record it created instead of duplicating it.
		const path = `/sobjects/${object}/${ext}/${encodeURIComponent(key)}`;
		const res = await sfCall(ctx, key, 'PATCH', path, fields);
		let id = String((jsonOf(res) as { id?: string } | null)?.id ?? '');
		if (!id) id = String((jsonOf(await sfCall(ctx, key, 'GET', `${path}?fields=Id`)) as { Id?: string } | null)?.Id ?? '');
		return { value: id, providerId: id, status: res.status };
	}
	const res = await sfCall(ctx, key, 'POST', `/sobjects/${object}/`, fields);
	const j = jsonOf(res) as { id?: string; success?: boolean } | null;
	if (!j?.id) throw new DeliveryError({ kind: 'permanent', code: 'sf_answer', message: `Salesforce did not return the new ${object}'s id (${sfErrors(res).map((e) => e.message).join('; ') || res.body.slice(0, 120)}).` });
	return { value: j.id, providerId: j.id, status: res.status };
}

/** Checks the instance URL and token (GET /limits). */
export async function checkSalesforce(ctx: DeliverCtx<'salesforce'>): Promise<string> {
	const res = await sfCall(ctx, `check-${ctx.http.wallNow()}`, 'GET', '/limits');
	const j = jsonOf(res) as { DailyApiRequests?: { Remaining?: number; Max?: number } } | null;
	const d = j?.DailyApiRequests;
	return d ? `${d.Remaining} / ${d.Max}` : 'ok';
}
