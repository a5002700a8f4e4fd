#!/usr/bin/env node
// Journey Studio reference relay: receives mail, requests and SMS from the browser app (JSON over
// HTTP(S) with a bearer token) and forwards them: mail to any SMTP server (nodemailer), requests
// to any URL, SMS to a Twilio-style gateway. Honours Idempotency-Key so a retried call never sends
// twice, answers CORS for the app's origin, and keeps unsubscribe requests for the app to collect.
// Protocol: relay/README.md. Run: `npm run relay` or `node relay/server.mjs --help`.
import http from 'node:http';
import https from 'node:https';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';

export const VERSION = '1.0.0';
const HERE = dirname(fileURLToPath(import.meta.url));
const MAX_BODY = 5 * 1024 * 1024;
const KEEP_MS = 7 * 86_400_000;

/** Settings from flags (--port 8787) over environment variables over defaults. */
export function readConfig(argv = process.argv.slice(2), env = process.env) {
	const flags = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const [k, inline] = a.slice(2).split('=', 2);
		flags[k] = inline ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
	}
	const pick = (flag, name, dflt) => flags[flag] ?? env[name] ?? dflt;
	return {
		help: flags.help === 'true',
		port: Number(pick('port', 'RELAY_PORT', 8787)),
		host: pick('host', 'RELAY_HOST', '127.0.0.1'),
		token: pick('token', 'RELAY_TOKEN', ''),
		origins: String(pick('origins', 'RELAY_ORIGINS', 'http://127.0.0.1:4173,http://localhost:4173'))
			.split(',')
			.map((s) => s.trim().replace(/\/$/, ''))
			.filter(Boolean),
		smtp: pick('smtp', 'SMTP_URL', ''),
		smsUrl: pick('sms-url', 'SMS_URL', ''),
		smsSid: pick('sms-sid', 'SMS_ACCOUNT_SID', ''),
		smsToken: pick('sms-token', 'SMS_AUTH_TOKEN', ''),
		smsFrom: pick('sms-from', 'SMS_FROM', ''),
		data: resolve(pick('data', 'RELAY_DATA', join(HERE, '.data'))),
		tlsCert: pick('tls-cert', 'RELAY_TLS_CERT', ''),
		tlsKey: pick('tls-key', 'RELAY_TLS_KEY', ''),
		forwardAllow: String(pick('forward-allow', 'RELAY_FORWARD_ALLOW', ''))
			.split(',')
			.map((s) => s.trim().toLowerCase())
			.filter(Boolean),
		quiet: flags.quiet === 'true' || env.RELAY_QUIET === '1'
	};
}

const HELP = `Journey Studio relay ${VERSION}

  node relay/server.mjs [--port 8787] [--host 127.0.0.1] [--token T] [--origins URL,URL]
                        [--smtp smtp://user:pass@host:587] [--data DIR] [--quiet]

Environment: RELAY_PORT, RELAY_HOST, RELAY_TOKEN, RELAY_ORIGINS, SMTP_URL, SMS_URL,
SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM, RELAY_DATA, RELAY_TLS_CERT, RELAY_TLS_KEY,
RELAY_FORWARD_ALLOW (hosts /v1/forward may call; empty = any). See relay/README.md.`;

// ---------------------------------------------------------------------------------- storage

/** Idempotency records and unsubscribe requests, kept in append-only JSON-lines files. */
class Store {
	constructor(dir) {
		this.dir = dir;
		mkdirSync(dir, { recursive: true });
		this.keysFile = join(dir, 'idempotency.jsonl');
		this.unsubFile = join(dir, 'unsubscribes.jsonl');
		/** key → { state: 'pending' | 'done', fingerprint, status, body, at } */
		this.keys = new Map();
		this.unsubs = [];
		const now = Date.now();
		for (const rec of readLines(this.keysFile)) if (now - rec.at < KEEP_MS) this.keys.set(rec.key, { ...rec, state: 'done' });
		// Compact: rewrite only what is kept.
		writeFileSync(this.keysFile, [...this.keys.values()].map((r) => JSON.stringify(stripState(r)) + '\n').join(''));
		this.unsubs = readLines(this.unsubFile);
	}
	done(key, rec) {
		const full = { key, ...rec, at: Date.now(), state: 'done' };
		this.keys.set(key, full);
		appendFileSync(this.keysFile, JSON.stringify(stripState(full)) + '\n');
	}
	addUnsubscribe(token, via) {
		const last = this.unsubs.length ? this.unsubs[this.unsubs.length - 1].seq : 0;
		const ev = { seq: last + 1, token, via, at: new Date().toISOString() };
		this.unsubs.push(ev);
		appendFileSync(this.unsubFile, JSON.stringify(ev) + '\n');
		return ev;
	}
}

function stripState({ state: _s, ...rest }) {
	return rest;
}

function readLines(file) {
	if (!existsSync(file)) return [];
	const out = [];
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		if (!line.trim()) continue;
		try {
			out.push(JSON.parse(line));
		} catch {
			/* a torn last line after a crash: skip it */
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------- helpers

class HttpError extends Error {
	constructor(status, body) {
		super(body.message ?? body.error);
		this.status = status;
		this.body = body;
	}
}

function readBody(req) {
	return new Promise((resolveBody, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY) {
				reject(new HttpError(413, { error: 'too_large', message: 'The request body is larger than 5 MB.' }));
				req.destroy();
			} else chunks.push(c);
		});
		req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(text) {
	try {
		const v = JSON.parse(text);
		if (v && typeof v === 'object') return v;
	} catch {
		/* fall through */
	}
	throw new HttpError(400, { error: 'bad_json', message: 'The body must be a JSON object.' });
}

function send(res, status, body, extra = {}) {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json', 'cache-control': 'no-store', ...extra });
	res.end(text);
}

function sameSecret(a, b) {
	const x = Buffer.from(String(a));
	const y = Buffer.from(String(b));
	return x.length === y.length && timingSafeEqual(x, y);
}

function list(v) {
	if (v === undefined || v === null || v === '') return [];
	return (Array.isArray(v) ? v : String(v).split(',')).map((s) => String(s).trim()).filter(Boolean);
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Classifies a nodemailer error: permanent rejection, temporary failure, or unknown outcome. */
function smtpFailure(err) {
	const code = Number(err.responseCode) || 0;
	const response = String(err.response ?? err.message);
	if (code >= 500 && code < 600 && (err.command === 'RCPT TO' || err.command === 'MAIL FROM' || /recipients were rejected/i.test(err.message)))
		return new HttpError(422, { error: 'rejected', permanent: true, response, message: 'The SMTP server rejected the message.' });
	if (code >= 500) return new HttpError(422, { error: 'rejected', permanent: true, response, message: 'The SMTP server refused the message.' });
	if (code >= 400) return new HttpError(503, { error: 'smtp_temporary', applied: 'no', response, message: 'The SMTP server deferred the message; try again later.' });
	// Lost after DATA was sent: the server may have queued it.
	const afterData = err.command === 'DATA' || /after DATA|message body/i.test(String(err.message));
	if (afterData) return new HttpError(502, { error: 'smtp_unknown', applied: 'unknown', message: `The SMTP connection failed while sending (${err.message}).` });
	return new HttpError(502, { error: 'smtp_unavailable', applied: 'no', message: `Cannot reach the SMTP server (${err.code ?? err.message}).` });
}

/** Classifies a fetch error of a forwarded request. */
function upstreamFailure(err, timedOut) {
	if (timedOut) return new HttpError(504, { error: 'upstream_timeout', applied: 'unknown', message: 'The target did not answer in time.' });
	const code = err?.cause?.code ?? err?.code ?? '';
	if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL'].includes(code))
		return new HttpError(502, { error: 'upstream_unreachable', applied: 'no', message: `Cannot reach the target (${code}).` });
	return new HttpError(502, { error: 'upstream_reset', applied: 'unknown', message: `The connection to the target failed (${code || err?.message}).` });
}

// ---------------------------------------------------------------------------------- the server

/** Creates (does not start) the relay server. */
export function createRelay(config) {
	const store = new Store(config.data);
	const transport = config.smtp ? nodemailer.createTransport(config.smtp, { pool: true, maxConnections: 5 }) : null;
	const allowAnyOrigin = config.origins.includes('*');

	const log = (...a) => {
		if (!config.quiet) console.log(new Date().toISOString(), ...a);
	};

	function cors(req, res) {
		const origin = req.headers.origin;
		if (!origin) return true;
		const ok = allowAnyOrigin || config.origins.includes(origin.replace(/\/$/, ''));
		if (!ok) return false;
		res.setHeader('access-control-allow-origin', origin);
		res.setHeader('vary', 'Origin');
		res.setHeader('access-control-expose-headers', 'idempotent-replayed');
		return true;
	}

	function authorized(req) {
		const h = String(req.headers.authorization ?? '');
		return h.startsWith('Bearer ') && sameSecret(h.slice(7), config.token);
	}

	/**
	 * Runs `work` once per Idempotency-Key: a finished key replays its stored answer; a key in
	 * progress gets 409; failures that may be retried release the key.
	 */
	async function idempotent(req, res, scope, bodyText, work) {
		const key = String(req.headers['idempotency-key'] ?? '');
		if (!key) {
			const out = await work();
			return send(res, out.status, out.body);
		}
		if (key.length > 255) throw new HttpError(400, { error: 'bad_key', message: 'Idempotency-Key is longer than 255 characters.' });
		const id = `${scope} ${key}`;
		const fingerprint = createHash('sha256').update(bodyText).digest('hex');
		const prev = store.keys.get(id);
		if (prev?.state === 'pending') throw new HttpError(409, { error: 'in_progress', message: 'A request with this Idempotency-Key is in progress; retry later.' });
		if (prev?.state === 'done') {
			if (prev.fingerprint !== fingerprint) throw new HttpError(422, { error: 'key_reused', message: 'This Idempotency-Key was used with a different request body.' });
			return send(res, prev.status, prev.body, { 'idempotent-replayed': 'true' });
		}
		store.keys.set(id, { state: 'pending', fingerprint });
		try {
			const out = await work();
			// Final answers are remembered; retryable ones (5xx, 408, 409, 429, also from a forwarded
			// target) release the key so the next attempt really tries again.
			const final = out.upstream ?? out.status;
			if (final < 500 && ![408, 409, 425, 429].includes(final)) store.done(id, { fingerprint, status: out.status, body: out.body });
			else store.keys.delete(id);
			return send(res, out.status, out.body);
		} catch (err) {
			if (err instanceof HttpError && err.status === 422 && err.body.error === 'rejected') store.done(id, { fingerprint, status: err.status, body: err.body });
			else store.keys.delete(id);
			throw err;
		}
	}

	async function sendMail(m) {
		if (!transport) throw new HttpError(503, { error: 'smtp_not_configured', applied: 'no', message: 'This relay has no SMTP server (set SMTP_URL).' });
		const to = list(m.to);
		if (!m.from || !to.length) throw new HttpError(400, { error: 'bad_mail', message: 'A mail needs "from" and at least one "to".' });
		try {
			const info = await transport.sendMail({
				from: m.from,
				to,
				cc: list(m.cc),
				bcc: list(m.bcc),
				replyTo: m.replyTo || undefined,
				subject: String(m.subject ?? ''),
				text: m.text === undefined ? undefined : String(m.text),
				html: m.html === undefined ? undefined : String(m.html),
				headers: m.headers && typeof m.headers === 'object' ? m.headers : {},
				messageId: m.messageId || undefined
			});
			return { status: 200, body: { id: info.messageId, messageId: info.messageId, accepted: info.accepted, rejected: info.rejected, response: info.response } };
		} catch (err) {
			throw smtpFailure(err);
		}
	}

	async function forward(f) {
		let url;
		try {
			url = new URL(String(f.url));
		} catch {
			throw new HttpError(400, { error: 'bad_url', message: '"url" must be an absolute http(s) URL.' });
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError(400, { error: 'bad_url', message: '"url" must be an http(s) URL.' });
		if (config.forwardAllow.length && !config.forwardAllow.includes(url.hostname.toLowerCase()))
			throw new HttpError(403, { error: 'host_not_allowed', message: `This relay does not forward to ${url.hostname}.` });
		const headers = {};
		for (const [k, v] of Object.entries(f.headers ?? {})) if (!['host', 'content-length', 'connection'].includes(k.toLowerCase())) headers[k] = String(v);
		const ctrl = new AbortController();
		let timedOut = false;
		const timer = setTimeout(() => ((timedOut = true), ctrl.abort()), Math.min(120_000, Number(f.timeoutMs) || 15_000));
		try {
			const method = String(f.method ?? 'POST').toUpperCase();
			const r = await fetch(url, { method, headers, body: f.body === null || f.body === undefined || method === 'GET' ? undefined : String(f.body), signal: ctrl.signal, redirect: 'follow' });
			const body = (await r.text()).slice(0, 20_000);
			const rh = {};
			for (const k of ['content-type', 'retry-after', 'location']) if (r.headers.get(k)) rh[k] = r.headers.get(k);
			return { status: 200, body: { status: r.status, headers: rh, body }, upstream: r.status };
		} catch (err) {
			throw upstreamFailure(err, timedOut);
		} finally {
			clearTimeout(timer);
		}
	}

	async function sendSms(s) {
		if (!config.smsUrl) throw new HttpError(503, { error: 'sms_not_configured', applied: 'no', message: 'This relay has no SMS gateway (set SMS_URL, SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM).' });
		if (!s.to || !s.body) throw new HttpError(400, { error: 'bad_sms', message: 'An SMS needs "to" and "body".' });
		const form = new URLSearchParams({ To: String(s.to), From: String(s.from || config.smsFrom), Body: String(s.body) });
		const url = `${config.smsUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.smsSid)}/Messages.json`;
		let r;
		try {
			r = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' + Buffer.from(`${config.smsSid}:${config.smsToken}`).toString('base64') },
				body: form
			});
		} catch (err) {
			throw upstreamFailure(err, false);
		}
		const text = await r.text();
		let j = null;
		try {
			j = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		if (r.ok) return { status: 200, body: { id: j?.sid ?? '', status: j?.status ?? 'queued' } };
		return { status: r.status, body: { error: 'gateway', code: j?.code ?? null, message: j?.message ?? text.slice(0, 300) } };
	}

	/** Postmark-compatible POST /email: the server token is the relay token. */
	async function postmark(req, res, bodyText) {
		if (!sameSecret(String(req.headers['x-postmark-server-token'] ?? ''), config.token))
			return send(res, 401, { ErrorCode: 10, Message: 'Bad or missing Server API token.' });
		const p = parseJson(bodyText);
		const headers = {};
		for (const h of Array.isArray(p.Headers) ? p.Headers : []) if (h?.Name) headers[h.Name] = String(h.Value ?? '');
		if (p.Tag) headers['X-PM-Tag'] = String(p.Tag);
		try {
			await idempotent(req, res, '/email', bodyText, async () => {
				const out = await sendMail({ from: p.From, to: p.To, cc: p.Cc, bcc: p.Bcc, replyTo: p.ReplyTo, subject: p.Subject, html: p.HtmlBody, text: p.TextBody, headers });
				return { status: 200, body: { To: p.To, SubmittedAt: new Date().toISOString(), MessageID: out.body.messageId, ErrorCode: 0, Message: 'OK' } };
			});
		} catch (err) {
			if (err instanceof HttpError && err.body.error === 'rejected') return send(res, 422, { ErrorCode: 406, Message: `Inactive recipient: ${err.body.response}` });
			throw err;
		}
	}

	function unsubscribePage(title, text, form) {
		return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1d2433}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #3454d1;background:#3454d1;color:#fff;cursor:pointer}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${form ?? ''}</main></body></html>`;
	}

	async function handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://relay');
		const path = url.pathname;
		const isUnsub = path.startsWith('/u/');
		if (!isUnsub && !cors(req, res)) return send(res, 403, { error: 'origin_not_allowed', message: `Origin ${req.headers.origin} is not allowed (RELAY_ORIGINS).` });
		if (req.method === 'OPTIONS') {
			res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
			res.setHeader('access-control-allow-headers', 'authorization, content-type, idempotency-key, x-postmark-server-token, accept');
			res.setHeader('access-control-max-age', '600');
			if (req.headers['access-control-request-private-network']) res.setHeader('access-control-allow-private-network', 'true');
			res.writeHead(204).end();
			return;
		}
		if (isUnsub) {
			const token = decodeURIComponent(path.slice(3));
			if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return send(res, 400, unsubscribePage('Invalid link', 'This unsubscribe link is not valid.'));
			if (req.method === 'GET')
				return send(res, 200, unsubscribePage('Unsubscribe', 'Do you want to stop receiving these emails?', `<form method="post"><button type="submit">Unsubscribe</button></form>`));
			if (req.method === 'POST') {
				const body = await readBody(req);
				store.addUnsubscribe(token, /List-Unsubscribe=One-Click/i.test(body) ? 'one-click' : 'page');
				return send(res, 200, unsubscribePage('You are unsubscribed', 'You will not receive these emails any more.'));
			}
			return send(res, 405, { error: 'method' });
		}
		if (path === '/email' && req.method === 'POST') return postmark(req, res, await readBody(req));
		if (!authorized(req)) return send(res, 401, { error: 'unauthorized', message: 'Missing or wrong bearer token.' });
		if (path === '/v1/health' && req.method === 'GET') return send(res, 200, { ok: true, version: VERSION, smtp: !!transport, sms: !!config.smsUrl });
		if (path === '/v1/unsubscribes' && req.method === 'GET') {
			const after = Number(url.searchParams.get('after') ?? 0);
			const events = store.unsubs.filter((e) => e.seq > after).slice(0, 1000);
			return send(res, 200, { events, last: events.length ? events[events.length - 1].seq : after });
		}
		if (req.method !== 'POST') return send(res, 404, { error: 'not_found', message: `No ${req.method} ${path} here.` });
		const bodyText = await readBody(req);
		if (path === '/v1/mail') return idempotent(req, res, path, bodyText, () => sendMail(parseJson(bodyText)));
		if (path === '/v1/forward') return idempotent(req, res, path, bodyText, () => forward(parseJson(bodyText)));
		if (path === '/v1/sms') return idempotent(req, res, path, bodyText, () => sendSms(parseJson(bodyText)));
		return send(res, 404, { error: 'not_found', message: `No POST ${path} here.` });
	}

	const listener = (req, res) => {
		const t0 = Date.now();
		res.on('finish', () => log(req.method, req.url?.split('?')[0], res.statusCode, `${Date.now() - t0}ms`));
		handle(req, res).catch((err) => {
			if (err instanceof HttpError) return send(res, err.status, err.body);
			console.error(err);
			if (!res.headersSent) send(res, 500, { error: 'internal', message: String(err?.message ?? err) });
		});
	};
	const tls = config.tlsCert && config.tlsKey;
	const server = tls ? https.createServer({ cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) }, listener) : http.createServer(listener);
	server.on('close', () => transport?.close());
	return { server, store, tls: !!tls };
}

/** Token from the config, else the one saved in the data directory, else a new one (saved). */
function ensureToken(config) {
	if (config.token) return config.token;
	mkdirSync(config.data, { recursive: true });
	const file = join(config.data, 'token');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	const token = randomBytes(24).toString('base64url');
	writeFileSync(file, token + '\n', { mode: 0o600 });
	return token;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const config = readConfig();
	if (config.help) {
		console.log(HELP);
		process.exit(0);
	}
	const generated = !config.token;
	config.token = ensureToken(config);
	const { server, tls } = createRelay(config);
	server.listen(config.port, config.host, () => {
		const addr = server.address();
		const base = `${tls ? 'https' : 'http'}://${config.host}:${addr.port}`;
		console.log(`Journey Studio relay ${VERSION} listening on ${base}`);
		console.log(`  token:   ${generated ? config.token + ' (kept in ' + join(config.data, 'token') + ')' : 'from RELAY_TOKEN / --token'}`);
		console.log(`  origins: ${config.origins.join(', ')}`);
		console.log(`  SMTP:    ${config.smtp ? config.smtp.replace(/\/\/[^@]*@/, '//***@') : 'not configured (set SMTP_URL)'}`);
		console.log(`  SMS:     ${config.smsUrl || 'not configured'}`);
		console.log(`READY ${base}`);
	});
	const stop = () => server.close(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
