/** A small JSON API on loopback with handlers per "METHOD /path" prefix; records every request. */
import http from 'node:http';

export interface MockRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: string;
	json: unknown;
}

export interface MockReply {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type MockHandler = (req: MockRequest) => MockReply | Promise<MockReply>;

export interface ApiMock {
	port: number;
	url: string;
	requests: MockRequest[];
	/** Routes: "POST /email" → handler (longest matching prefix wins). */
	routes: Map<string, MockHandler>;
	close(): Promise<void>;
}

export async function startApiMock(port: number, routes: Record<string, MockHandler> = {}): Promise<ApiMock> {
	const mock: ApiMock = { port, url: `http://127.0.0.1:${port}`, requests: [], routes: new Map(Object.entries(routes)), close: async () => {} };
	const server = http.createServer((req, res) => {
		res.setHeader('access-control-allow-origin', '*');
		if (req.method === 'OPTIONS') {
			res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
			res.setHeader('access-control-allow-headers', '*');
			res.writeHead(204).end();
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const u = new URL(req.url ?? '/', mock.url);
			const body = Buffer.concat(chunks).toString('utf8');
			let json: unknown = null;
			try {
				json = JSON.parse(body);
			} catch {
				/* not JSON */
			}
			const r: MockRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body, json };
			mock.requests.push(r);
			const key = [...mock.routes.keys()].filter((k) => `${r.method} ${r.path}`.startsWith(k)).sort((a, b) => b.length - a.length)[0];
			const reply = key ? await mock.routes.get(key)!(r) : { status: 404, body: { error: 'no route' } };
			res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
			res.end(reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	mock.close = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return mock;
}
