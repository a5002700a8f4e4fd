/**
 * Unsubscribe tokens for List-Unsubscribe links: the workspace, contact and address, signed with
 * a per-workspace secret (HMAC-SHA256) so requests collected by the relay are checked before they
 * unsubscribe anyone, and headers per RFC 2369 / RFC 8058 (one-click).
 */
import { fromBase64, hmacSha256, safeEqual, toBase64Url, utf8 } from './crypto';

/** Who an unsubscribe token is for. */
export interface UnsubscribeTarget {
	/** Workspace id. */
	w: string;
	/** Contact id. */
	c: string;
	/** Address the email went to. */
	e: string;
}

/** A signed token for `t`. */
export async function makeUnsubscribeToken(secret: Uint8Array, t: UnsubscribeTarget): Promise<string> {
	const body = toBase64Url(utf8(JSON.stringify({ w: t.w, c: t.c, e: t.e })));
	const sig = toBase64Url(await hmacSha256(secret, body)).slice(0, 32);
	return `${body}.${sig}`;
}

/** The target of a token when its signature is valid for this secret and workspace, else null. */
export async function readUnsubscribeToken(secret: Uint8Array, token: string, workspace: string): Promise<UnsubscribeTarget | null> {
	const [body, sig] = token.split('.');
	if (!body || !sig) return null;
	const want = toBase64Url(await hmacSha256(secret, body)).slice(0, 32);
	if (!safeEqual(want, sig)) return null;
	try {
		const t = JSON.parse(new TextDecoder().decode(fromBase64(body))) as UnsubscribeTarget;
		return t.w === workspace && typeof t.c === 'string' && typeof t.e === 'string' ? t : null;
	} catch {
		return null;
	}
}

/** List-Unsubscribe (and, with an http(s) link, one-click List-Unsubscribe-Post) headers. */
export function unsubscribeHeaders(url: string | null, mailto: string | null): Record<string, string> {
	const parts: string[] = [];
	if (url) parts.push(`<${url}>`);
	if (mailto) parts.push(`<mailto:${mailto}?subject=unsubscribe>`);
	if (!parts.length) return {};
	const h: Record<string, string> = { 'List-Unsubscribe': parts.join(', ') };
	if (url) h['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
	return h;
}
