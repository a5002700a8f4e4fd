// Tiny dependency-free static server for the built SPA (`build/`).
// Used by `npm start`, Playwright's `webServer` and benchmarks.
//
// CLI: node scripts/serve.mjs [--root build] [--port 4173] [--host 127.0.0.1] [--strict-port]
import { createServer } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Absolute path of the repository root (parent of scripts/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Content types by file extension (lower-case, with dot). */
export const MIME_TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8'
};

const FALLBACK = 'index.html';
const NO_CACHE = /(^|\/)(index\.html|service-worker\.js|sw\.js)$/;

/** Resolves to file stats, or null when the path does not exist. */
async function statOrNull(file) {
	try {
		return await stat(file);
	} catch {
		return null;
	}
}

/** Maps a request to { file, stats } (following directory index + SPA fallback) or null for 404. */
async function resolveFile(root, req, pathname) {
	const file = resolve(root, '.' + pathname);
	if (file !== root && !file.startsWith(root + sep)) return null; // path traversal
	let stats = await statOrNull(file);
	if (stats?.isFile()) return { file, stats };
	if (stats?.isDirectory()) {
		const index = join(file, 'index.html');
		stats = await statOrNull(index);
		if (stats?.isFile()) return { file: index, stats };
	}
	// SPA fallback: client-side routes get index.html; missing assets stay 404
	// (serving HTML for a missing .js file only produces confusing MIME errors).
	const wantsHtml = (req.headers.accept ?? '').includes('text/html');
	const looksLikeAsset = pathname.startsWith('/_app/') || extname(pathname) !== '';
	if (looksLikeAsset && !wantsHtml) return null;
	const fallback = join(root, FALLBACK);
	stats = await statOrNull(fallback);
	return stats?.isFile() ? { file: fallback, stats } : null;
}

/** Builds the request handler serving files from `root`. */
function createHandler(root) {
	return async (req, res) => {
		try {
			if (req.method !== 'GET' && req.method !== 'HEAD') {
				res.writeHead(405, { Allow: 'GET, HEAD' }).end();
				return;
			}
			let pathname;
			try {
				pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
			} catch {
				res.writeHead(400).end('Bad request');
				return;
			}
			const found = pathname.includes('\0') ? null : await resolveFile(root, req, pathname);
			if (!found) {
				res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
				return;
			}
			const { file, stats } = found;
			const rel = file.slice(root.length).split(sep).join('/');
			const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
			const headers = {
				'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
				'Cache-Control': rel.startsWith('/_app/immutable/')
					? 'public, max-age=31536000, immutable'
					: 'no-cache',
				'X-Content-Type-Options': 'nosniff',
				ETag: etag
			};
			if (NO_CACHE.test(rel)) headers['Cache-Control'] = 'no-cache';
			if (req.headers['if-none-match'] === etag) {
				res.writeHead(304, headers).end();
				return;
			}
			headers['Content-Length'] = stats.size;
			res.writeHead(200, headers);
			if (req.method === 'HEAD') return void res.end();
			createReadStream(file)
				.on('error', () => res.destroy())
				.pipe(res);
		} catch (err) {
			console.error('[serve]', err);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		}
	};
}

/** Listens on host:port; rejects with the socket error (e.g. EADDRINUSE). */
function listen(server, port, host) {
	return new Promise((ok, fail) => {
		const onError = (err) => {
			server.off('listening', onListening);
			fail(err);
		};
		const onListening = () => {
			server.off('error', onError);
			ok();
		};
		server.once('error', onError).once('listening', onListening).listen(port, host);
	});
}

/**
 * Serves `root` (default: <repo>/build) on host:port (default 127.0.0.1:4173; port 0 = random).
 * If the port is busy, tries the next ones unless `strictPort` is set.
 * Resolves to `{ url, port, server, close }`.
 */
export async function startServer({
	root = join(repoRoot, 'build'),
	port = 4173,
	host = '127.0.0.1',
	strictPort = false,
	maxAttempts = 20
} = {}) {
	root = resolve(root);
	if (!existsSync(join(root, FALLBACK))) {
		throw new Error(`No ${FALLBACK} in ${root}; run \`npm run build\` first.`);
	}
	const handler = createHandler(root);
	let server;
	for (let attempt = 0; ; attempt++) {
		server = createServer(handler);
		try {
			await listen(server, port, host);
			break;
		} catch (err) {
			const retry = err?.code === 'EADDRINUSE' && !strictPort && port !== 0 && attempt < maxAttempts;
			if (!retry) throw err;
			port += 1;
		}
	}
	const actualPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
	return {
		url: `http://${urlHost}:${actualPort}`,
		port: actualPort,
		server,
		/** Stops listening and drops open (keep-alive) connections. */
		close: () =>
			new Promise((ok) => {
				server.close(() => ok(undefined));
				server.closeAllConnections();
			})
	};
}

/** Parses `--name value` / `--flag` CLI arguments into an object. */
export function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
		if (!m) continue;
		const next = argv[i + 1];
		out[m[1]] = m[2] ?? (next !== undefined && !next.startsWith('--') ? (i++, next) : true);
	}
	return out;
}

/** Closes `closeable` and exits on SIGINT/SIGTERM. */
export function closeOnSignals(closeable) {
	for (const sig of ['SIGINT', 'SIGTERM']) {
		process.once(sig, () => {
			closeable.close().finally(() => process.exit(0));
		});
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const args = parseArgs(process.argv.slice(2));
	try {
		const srv = await startServer({
			root: typeof args.root === 'string' ? args.root : undefined,
			port: Number(args.port ?? (process.env.PORT || 4173)),
			host: typeof args.host === 'string' ? args.host : (process.env.HOST ?? '127.0.0.1'),
			strictPort: Boolean(args['strict-port'])
		});
		console.log(`Serving build at ${srv.url}`);
		closeOnSignals(srv);
	} catch (err) {
		console.error(`[serve] ${err instanceof Error ? err.message : err}`);
		process.exit(1);
	}
}
