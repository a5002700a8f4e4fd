/**
 * The HTTP layer of every connector: one request with a timeout, and the classification of its
 * outcome. A request that may have reached the receiver without an answer (timeout, reset
 * connection, network error) is *unknown*: it is retried with the same idempotency key, so a
 * receiver that honours the key applies it once.
 *
 * - 2xx: delivered.
 * - 408, 409 (same key in progress), 425, 429, 5xx: retried later; `Retry-After` is honoured.
 * - 410: the endpoint is gone; it is disabled until someone re-enables it.
 * - any other 4xx: fails without retry.
 */

/** One HTTP request as a connector builds it. */
export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body?: string;
}

/** A received response (any status). */
export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** Why a delivery attempt did not succeed, and what to do next. */
export interface Failure {
	/**
	 * retry: failed, try again later · unknown: may have been applied, try again with the same key ·
	 * permanent: do not retry · gone: the endpoint answered 410, disable it.
	 */
	kind: 'retry' | 'unknown' | 'permanent' | 'gone';
	/** Stable code for the interface (http_500, timeout, network, smtp_rejected…). */
	code: string;
	/** One readable sentence (kept as the message's last error). */
	message: string;
	status?: number;
	/** Delay asked by the receiver (Retry-After), in ms. */
	retryAfterMs?: number;
	/** The recipient address is known bad (hard bounce / inactive recipient): suppress it. */
	bounce?: boolean;
}

/** An attempt that did not succeed. Connectors throw it; the outbox reads `failure`. */
export class DeliveryError extends Error {
	constructor(readonly failure: Failure) {
		super(failure.message);
		this.name = 'DeliveryError';
	}
}

/** How requests are made (injectable for tests). */
export interface HttpOptions {
	timeoutMs: number;
	fetch?: typeof fetch;
	/** Wall clock (for Retry-After dates). */
	wallNow?: () => number;
}

/** Longest body kept from a response (errors and stored outcomes). */
const MAX_BODY = 4000;

/**
 * Sends one request. Resolves with the response whatever its status; rejects with a
 * `DeliveryError` of kind "unknown" when no answer arrived (timeout, reset, network).
 */
export async function send(req: HttpRequest, opts: HttpOptions): Promise<HttpResponse> {
	const doFetch = opts.fetch ?? globalThis.fetch;
	const ctrl = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		ctrl.abort();
	}, opts.timeoutMs);
	try {
		const res = await doFetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: ctrl.signal, redirect: 'follow', credentials: 'omit', cache: 'no-store' });
		const body = await res.text();
		const headers: Record<string, string> = {};
		res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
		return { status: res.status, headers, body: body.length > MAX_BODY ? body.slice(0, MAX_BODY) + '…' : body };
	} catch (err) {
		if (err instanceof DeliveryError) throw err;
		if (timedOut)
			throw new DeliveryError({ kind: 'unknown', code: 'timeout', message: `No answer within ${Math.round(opts.timeoutMs / 100) / 10} s from ${hostOf(req.url)}; the receiver may have applied it, so it is retried with the same key.` });
		const detail = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
		throw new DeliveryError({ kind: 'unknown', code: 'network', message: `Network error talking to ${hostOf(req.url)} (${detail}). Blocked by CORS, offline, refused or reset; retried with the same key.` });
	} finally {
		clearTimeout(timer);
	}
}

/** The failure a response stands for, or null for 2xx. */
export function classify(res: HttpResponse, wallNow: () => number = Date.now, label = ''): Failure | null {
	const s = res.status;
	if (s >= 200 && s < 300) return null;
	const retryAfterMs = parseRetryAfter(res.headers['retry-after'], wallNow());
	const what = `${label ? label + ': ' : ''}HTTP ${s}${reasonOf(res)}`;
	if (s === 410) return { kind: 'gone', code: 'http_410', status: s, message: `${what}. The endpoint is gone and has been disabled; re-enable it in Channels once fixed.` };
	if (s === 408 || s === 409 || s === 425 || s === 429 || s >= 500)
		return { kind: 'retry', code: `http_${s}`, status: s, message: `${what}.`, ...(retryAfterMs !== null ? { retryAfterMs } : {}) };
	return { kind: 'permanent', code: `http_${s}`, status: s, message: `${what}. Not retried: fix the settings or the data, then retry it from the outbox.` };
}

/** Throws the classified failure unless the response is 2xx. */
export function expectOk(res: HttpResponse, wallNow?: () => number, label?: string): HttpResponse {
	const f = classify(res, wallNow, label);
	if (f) throw new DeliveryError(f);
	return res;
}

/** Sends and requires 2xx. */
export async function sendOk(req: HttpRequest, opts: HttpOptions, label?: string): Promise<HttpResponse> {
	return expectOk(await send(req, opts), opts.wallNow, label);
}

/** Milliseconds to wait from a Retry-After value (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
	if (!value) return null;
	const v = value.trim();
	if (/^\d+$/.test(v)) return Number(v) * 1000;
	const t = Date.parse(v);
	return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/** JSON body of a response, or null when it is not JSON. */
export function jsonOf(res: HttpResponse): unknown {
	try {
		return JSON.parse(res.body);
	} catch {
		return null;
	}
}

/** A short reason from an error body (JSON "message"/"error", or the start of the text). */
function reasonOf(res: HttpResponse): string {
	const j = jsonOf(res) as Record<string, unknown> | unknown[] | null;
	let text = '';
	if (Array.isArray(j)) text = String((j[0] as Record<string, unknown> | undefined)?.message ?? '');
	else if (j && typeof j === 'object') {
		const err = j.error;
		text = String(j.message ?? j.Message ?? (typeof err === 'object' && err ? (err as Record<string, unknown>).message : err) ?? '');
	} else text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
	text = text.slice(0, 200);
	return text ? ` (${text})` : '';
}

/** Host of a URL, for messages. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** Joins a base URL and a path with exactly one slash. */
export function joinUrl(base: string, path: string): string {
	return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}
