/**
 * Facebook custom audiences (Marketing API): add or remove a contact with identifiers normalised
 * and SHA-256 hashed as the API requires (never sent in clear), and create "customer list"
 * audiences by name once, remembering their ids.
 */
import { DeliveryError, jsonOf, joinUrl } from './http';
import { sha256Hex } from './crypto';
import { bearer, call, needSecret } from './call';
import type { DeliverCtx, Delivered, OutMessage } from './types';

/** The schema of the identifier rows sent. */
export const FB_SCHEMA = ['EMAIL', 'PHONE', 'FN', 'LN'] as const;

/** Facebook's normalisation: email trimmed and lower-cased; phone digits with country code, no "+"; names lower-case letters only. */
export function normaliseIdentifiers(id: { email?: string; phone?: string; firstName?: string; lastName?: string }): [string, string, string, string] {
	const name = (s = '') => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}]/gu, '');
	return [(id.email ?? '').trim().toLowerCase(), (id.phone ?? '').replace(/\D/g, '').replace(/^0+/, ''), name(id.firstName), name(id.lastName)];
}

/** The hashed row for one contact (empty identifiers stay empty). */
export async function hashedRow(id: { email?: string; phone?: string; firstName?: string; lastName?: string }): Promise<string[]> {
	return Promise.all(normaliseIdentifiers(id).map((v) => (v ? sha256Hex(v) : Promise.resolve(''))));
}

/** Audiences being created right now, by name (one creation per name even with parallel sends). */
const creating = new Map<string, Promise<string>>();

function graph(ctx: DeliverCtx<'facebook'>, path: string): string {
	return joinUrl(ctx.settings.baseUrl, `/${ctx.settings.apiVersion.trim()}/${path.replace(/^\//, '')}`);
}

function accountId(ctx: DeliverCtx<'facebook'>): string {
	const a = ctx.settings.adAccountId.trim();
	return a.startsWith('act_') ? a : `act_${a}`;
}

/** Facebook's error answer made readable; transient errors are retried. */
function fbError(err: unknown): never {
	if (err instanceof DeliveryError && err.failure.status && err.failure.status < 500) {
		const msg = err.message;
		if (/"code":\s*(4|17|32|613|80004)\b|is_transient":\s*true/.test(msg)) throw new DeliveryError({ ...err.failure, kind: 'retry', code: 'fb_rate' });
		if (err.failure.status === 401 || /code.?190/.test(msg)) throw new DeliveryError({ ...err.failure, code: 'auth', message: 'Facebook refused the access token (expired or missing the ads_management permission).' });
	}
	throw err;
}

async function audienceId(m: OutMessage, ctx: DeliverCtx<'facebook'>, token: string): Promise<string> {
	const p = m.payload as { audienceId?: string | null; createName?: string | null };
	if (p.audienceId) return p.audienceId;
	const name = String(p.createName ?? '');
	if (!name) throw new DeliveryError({ kind: 'permanent', code: 'fb_audience', message: 'No audience to add the contact to.' });
	const known = ctx.state.audiences[name];
	if (known) return known;
	const lockKey = `${ctx.settings.adAccountId}/${name}`;
	let pending = creating.get(lockKey);
	if (!pending) {
		pending = (async () => {
			const res = await call(
				ctx,
				`audience-${lockKey}`,
				{
					method: 'POST',
					url: graph(ctx, `${accountId(ctx)}/customaudiences`),
					headers: bearer(token),
					body: JSON.stringify({ name, subtype: 'CUSTOM', description: 'Created by Journey Studio', customer_file_source: 'USER_PROVIDED_ONLY' })
				},
				'Facebook'
			).catch(fbError);
			const id = String((jsonOf(res) as { id?: string } | null)?.id ?? '');
			if (!id) throw new DeliveryError({ kind: 'retry', code: 'fb_answer', message: 'Facebook did not return the new audience id.' });
			ctx.state.audiences[name] = id;
			ctx.saveState();
			return id;
		})().finally(() => creating.delete(lockKey));
		creating.set(lockKey, pending);
	}
	return pending;
}

export async function deliverFacebook(m: OutMessage, ctx: DeliverCtx<'facebook'>): Promise<Delivered> {
	const token = needSecret(ctx, 'accessToken', 'Facebook');
	const id = await audienceId(m, ctx, token);
	const row = await hashedRow((m.payload as { identifiers?: Record<string, string> }).identifiers ?? {});
	const res = await call(
		ctx,
		m.idempotencyKey,
		{
			method: m.kind === 'facebook.audience_remove' ? 'DELETE' : 'POST',
			url: graph(ctx, `${id}/users`),
			headers: bearer(token),
			body: JSON.stringify({ payload: { schema: FB_SCHEMA, data: [row] } })
		},
		'Facebook'
	).catch(fbError);
	const j = jsonOf(res) as { num_received?: number; num_invalid_entries?: number } | null;
	if (j?.num_invalid_entries) throw new DeliveryError({ kind: 'permanent', code: 'fb_invalid', status: res.status, message: 'Facebook rejected the contact\'s identifiers as invalid.' });
	return { providerId: id, status: res.status };
}

/** Checks the ad account and token. */
export async function checkFacebook(ctx: DeliverCtx<'facebook'>): Promise<string> {
	const token = needSecret(ctx, 'accessToken', 'Facebook');
	const res = await call(ctx, `check-${ctx.http.wallNow()}`, { method: 'GET', url: graph(ctx, `${accountId(ctx)}?fields=name`), headers: bearer(token) }, 'Facebook').catch(fbError);
	return String((jsonOf(res) as { name?: string } | null)?.name ?? accountId(ctx));
}
