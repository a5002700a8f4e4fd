/**
 * Bundle suite: the JavaScript a first visit downloads before the first route (the overview) is
 * interactive, gzipped, in English and in French (messages are loaded per locale, so adding a
 * language must not grow it). Measured in headless Chromium against the production build
 * (`build/`, served by scripts/serve.mjs): every script response the page and its workers fetch
 * until the clock bar shows (what the app loads in the background afterwards is not counted), each body gzipped at level 9 as a static host would serve it. The
 * "floor" is SvelteKit's own entry (start + app chunks and their static imports), the least any
 * page of this app can load. Target: ≤ 120 KB gzipped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../lib/browser';
import type { Row, Suite } from '../lib/suite';
// @ts-expect-error plain JavaScript module without types
import { repoRoot, startServer } from '../../scripts/serve.mjs';

const LIMIT_KB = 120;

interface Loaded {
	url: string;
	raw: number;
	gz: number;
}

/** Scripts fetched by a first visit in `locale` until the app shell is ready. */
async function firstVisit(url: string, locale: string): Promise<Loaded[]> {
	const browser = await launchChromium();
	try {
		// A service worker would cache more than the route needs: measure what the page itself loads.
		const ctx = await browser.newContext({ locale, timezoneId: 'UTC', serviceWorkers: 'block' });
		const page = await ctx.newPage();
		// The first route is up when the clock bar shows: the page notes that instant (epoch ms).
		await ctx.addInitScript(() => {
			const g = globalThis as unknown as { __firstRouteAt?: number };
			new MutationObserver((_, obs) => {
				if (document.querySelector('[data-testid=clock-now]')) {
					g.__firstRouteAt = performance.timeOrigin + performance.now();
					obs.disconnect();
				}
			}).observe(document, { childList: true, subtree: true });
		});
		const responses: { url: string; startedAt: number; body: Promise<Buffer | null> }[] = [];
		ctx.on('response', (res) => {
			const u = res.url();
			if (!/\.m?js(\?|$)/.test(u)) return;
			responses.push({ url: u, startedAt: res.request().timing().startTime, body: res.body().catch(() => null) });
		});
		await page.goto(url);
		await page.getByTestId('clock-now').waitFor({ timeout: 60_000 });
		const readyAt = await page.evaluate(() => (globalThis as unknown as { __firstRouteAt: number }).__firstRouteAt);
		// What was requested before that instant is the first route's JavaScript.
		const seen = new Map<string, Loaded>();
		for (const r of responses) {
			const b = await r.body;
			if (!b || r.startedAt > readyAt || seen.has(r.url)) continue;
			seen.set(r.url, { url: r.url, raw: b.length, gz: gzipSync(b, { level: 9 }).length });
		}
		return [...seen.values()];
	} finally {
		await browser.close();
	}
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

export const suite: Suite = {
	name: 'bundle',
	title: 'First-route JavaScript of the production build (gzipped, as served), per language',
	async run() {
		if (!existsSync(join(repoRoot as string, 'build', 'index.html'))) return [{ name: 'first route JS', values: { note: 'no build/: run npm run build' }, targets: [{ label: 'first-route JS gz', value: null, op: '<=', limit: LIMIT_KB, unit: 'KB' }] }];
		const server = await startServer({ port: 0 });
		const rows: Row[] = [];
		try {
			for (const locale of ['en-US', 'fr-FR']) {
				const files = await firstVisit(server.url, locale);
				const page = files.filter((f) => !f.url.includes('/workers/'));
				const workers = files.filter((f) => f.url.includes('/workers/'));
				const entry = page.filter((f) => /\/entry\/(start|app)\./.test(f.url));
				const sum = (l: Loaded[], k: 'raw' | 'gz') => l.reduce((s, f) => s + f[k], 0);
				rows.push({
					name: `first route (overview), ${locale}: page scripts`,
					values: { files: page.length, 'raw KB': kb(sum(page, 'raw')), 'gz KB': kb(sum(page, 'gz')), 'floor gz KB': kb(sum(entry, 'gz')), 'worker gz KB': kb(sum(workers, 'gz')) },
					targets: [{ label: `first-route JS gz, ${locale}`, value: kb(sum(page, 'gz')), op: '<=', limit: LIMIT_KB, unit: 'KB' }]
				});
			}
		} finally {
			await server.close();
		}
		return rows;
	}
};
