/**
 * A webhook receiver on loopback, written from the Standard Webhooks specification independently
 * of the app's signer (node:crypto): it verifies `webhook-signature`, honours `Idempotency-Key`
 * (a key applied once is answered again without applying it twice), counts deliveries by
 * `webhook-id`, and misbehaves on demand.
 */
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How the receiver answers. */
export type Behaviour =
	| { kind: 'ok'; delayMs?: number }
	/** 500 (or `status`) for the first `times` requests, then 200. */
	| { kind: 'fail-then-ok'; times: number; status?: number; retryAfter?: string }
	/** Accepts the connection and never answers. */
	| { kind: 'hang' }
	/** Applies the request, then destroys the socket without answering, `times` times. */
	| { kind: 'reset-after-apply'; times: number }
	/** Always this status (410, 400…). */
	| { kind: 'status'; status: number; retryAfter?: string };

export interface WebhookReceiver {
	port: number;
	url: string;
	/** Signing secret to verify with (null: signatures are not checked). */
	secret: string | null;
	behaviour: Behaviour;
	/** Every request that reached the handler, by webhook-id (attempts). */
	attempts: Map<string, number>;
	/** Requests applied, by idempotency key (each should be 1). */
	applied: Map<string, number>;
	/** Bodies of applied requests by key. */
	bodies: Map<string, unknown>;
	/** Requests whose signature did not verify. */
	badSignatures: number;
	/** Total requests (any path, any outcome, preflights excluded). */
	requests: number;
	close(): Promise<void>;
}

/** Verifies a Standard Webhooks signature header (any of its space-separated v1 signatures). */
export function verifySignature(secret: string, id: string, timestamp: string, body: string, header: string, nowSec: number, toleranceSec = 300): boolean {
	if (!id || !timestamp || !header) return false;
	const ts = Number(timestamp);
	if (!Number.isInteger(ts) || Math.abs(nowSec - ts) > toleranceSec) return false;
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
	for (const part of header.split(' ')) {
		const [version, sig] = part.split(',', 2);
		if (version !== 'v1' || !sig) continue;
		const got = Buffer.from(sig, 'base64');
		if (got.length === expected.length && timingSafeEqual(got, expected)) return true;
	}
	return false;
}

export async function startWebhookReceiver(port: number, secret: string | null, behaviour: Behaviour = { kind: 'ok' }): Promise<WebhookReceiver> {
	const r: WebhookReceiver = {
		port,
		url: `http://127.0.0.1:${port}/hooks`,
		secret,
		behaviour,
		attempts: new Map(),
		applied: new Map(),
		bodies: new Map(),
		badSignatures: 0,
		requests: 0,
		close: async () => {}
	};
	let served = 0;
	const server = http.createServer((req, res) => {
		res.setHeader('access-control-allow-origin', '*');
		if (req.method === 'OPTIONS') {
			res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
			res.setHeader('access-control-allow-headers', '*');
			res.setHeader('access-control-max-age', '600');
			if (req.headers['access-control-request-private-network']) res.setHeader('access-control-allow-private-network', 'true');
			res.writeHead(204).end();
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			r.requests++;
			const body = Buffer.concat(chunks).toString('utf8');
			const id = String(req.headers['webhook-id'] ?? '');
			const key = String(req.headers['idempotency-key'] ?? id);
			r.attempts.set(id, (r.attempts.get(id) ?? 0) + 1);
			if (r.secret && !verifySignature(r.secret, id, String(req.headers['webhook-timestamp'] ?? ''), body, String(req.headers['webhook-signature'] ?? ''), Math.floor(Date.now() / 1000))) {
				r.badSignatures++;
				res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad signature"}');
				return;
			}
			const b = r.behaviour;
			const n = ++served;
			if (b.kind === 'hang') return; // never answers
			if (b.kind === 'status') {
				res.writeHead(b.status, { 'content-type': 'application/json', ...(b.retryAfter ? { 'retry-after': b.retryAfter } : {}) }).end('{"error":"status"}');
				return;
			}
			if (b.kind === 'fail-then-ok' && n <= b.times) {
				res.writeHead(b.status ?? 500, { 'content-type': 'application/json', ...(b.retryAfter ? { 'retry-after': b.retryAfter } : {}) }).end('{"error":"temporarily broken"}');
				return;
			}
			// Apply once per key; a repeated key is answered as before without applying again.
			if (!r.applied.has(key)) {
				r.applied.set(key, 1);
				try {
					r.bodies.set(key, JSON.parse(body));
				} catch {
					r.bodies.set(key, body);
				}
			}
			if (b.kind === 'reset-after-apply' && n <= b.times) {
				req.socket.destroy();
				return;
			}
			const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			if (b.kind === 'ok' && b.delayMs) setTimeout(answer, b.delayMs);
			else answer();
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	r.close = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return r;
}
