/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The offline app: on install, caches every file of this build (app shell, worker, dictionaries,
 * icons) under a cache named by the build version; serves them cache-first, and every navigation
 * with this build's index.html. A new build installs beside the old one and waits: the page shows
 * "update available" and the new worker takes over only when the user reloads, so one page never
 * mixes two versions. Only the outbox needs the network; nothing here touches it (POSTs and
 * cross-origin requests pass through).
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `journey-studio-${version}`;
const ASSETS = [...build, ...files];
const SHELL = '/index.html';
const PING = '/__ping';

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...ASSETS, SHELL]);
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE && key.startsWith('journey-studio-')) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const req = event.request;
	if (req.method !== 'GET') return;
	const url = new URL(req.url);
	if (url.origin !== sw.location.origin) return;
	// The page's connectivity probe: answered here after trying the network, so the page never
	// sees (or logs) a failed request.
	if (url.pathname === PING) {
		event.respondWith(
			fetch(req, { cache: 'no-store' }).then(
				(r) => new Response(r.ok ? 'online' : 'offline', { headers: { 'Cache-Control': 'no-store' } }),
				() => new Response('offline', { headers: { 'Cache-Control': 'no-store' } })
			)
		);
		return;
	}
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			if (req.mode === 'navigate') {
				// Single-page app: every route is this build's index.html.
				const shell = await cache.match(SHELL);
				if (shell) return shell;
				return fetch(req);
			}
			const hit = await cache.match(url.pathname);
			if (hit) return hit;
			try {
				return await fetch(req);
			} catch {
				return new Response('Offline and not cached', { status: 503, statusText: 'Offline' });
			}
		})()
	);
});
