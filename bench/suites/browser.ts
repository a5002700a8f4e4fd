/**
 * The runtime at scale in headless Chromium: 100k contacts in a simulation workspace, run through
 * the engine benchmark's journey (10 virtual days) and through a 12-step journey (90 virtual days),
 * persisted in IndexedDB (a reload afterwards must show the final state), each beside the time of a
 * raw Dexie bulkPut of the same 100k contacts in the same browser (the naive floor).
 */
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startServer } from '../../scripts/serve.mjs';
import { buildApp } from '../../scripts/start.mjs';
import { launchChromium } from '../lib/browser';
import type { Row, Suite, SuiteOptions } from '../lib/suite';

const ROOT = resolve(import.meta.dirname, '../..');
const DAY = 86_400_000;

/** Builds the app when build/ is missing or older than the sources. */
async function ensureBuild(): Promise<void> {
	const index = join(ROOT, 'build/index.html');
	const newest = (dir: string): number => {
		let t = 0;
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			const p = join(dir, e.name);
			t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
		}
		return t;
	};
	if (!existsSync(index) || statSync(index).mtimeMs < newest(join(ROOT, 'src'))) await buildApp();
}

interface RunFigures {
	createMs: number;
	runMs: number;
	completed: number;
	messages: number;
	id: string;
}

/** Creates a sized template workspace through the app's own API and runs its clock; returns timings. */
async function runTemplate(page: Page, template: string, size: number, days: number): Promise<RunFigures> {
	return page.evaluate(
		async ({ template, size, days, DAY }) => {
			const api = (globalThis as unknown as { journeyStudio: { backend(): any } }).journeyStudio.backend();
			const t0 = performance.now();
			const res = await api.createWorkspace({ name: `${template} ${size}`, kind: 'simulation', from: 'template', template, size, seed: 7, start: Date.UTC(2026, 0, 5, 8) });
			if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
			const t1 = performance.now();
			await api.open(res.entry.id);
			const clock = await api.clock();
			const t2 = performance.now();
			await api.jumpTo(clock.now + days * DAY);
			const t3 = performance.now();
			const s = await api.summary();
			return { createMs: t1 - t0, runMs: t3 - t2, completed: s.runs.completed, messages: s.messages.total, id: res.entry.id };
		},
		{ template, size, days, DAY }
	);
}

/** After a reload, the same workspace shows the same final state. */
async function verifyAfterReload(page: Page, id: string): Promise<{ completed: number; messages: number }> {
	await page.reload();
	// Let the app finish opening its own workspace first (opens are serialised in the backend).
	await page.waitForFunction(() => !!document.querySelector('[data-testid="clock-now"]'), undefined, { timeout: 120_000 });
	return page.evaluate(async (id) => {
		const api = (globalThis as unknown as { journeyStudio: { backend(): any } }).journeyStudio.backend();
		await api.open(id);
		const s = await api.summary();
		return { completed: s.runs.completed, messages: s.messages.total };
	}, id);
}

/** Raw Dexie bulkPut of `n` contact-like rows in the page (the naive floor). */
async function rawBulkPut(page: Page, n: number): Promise<number> {
	await page.addScriptTag({ path: join(ROOT, 'node_modules/dexie/dist/dexie.js') });
	return page.evaluate(async (n) => {
		const Dexie = (globalThis as unknown as { Dexie: any }).Dexie;
		const db = new Dexie(`raw-bench-${Date.now()}`);
		db.version(1).stores({ contacts: '&id, email, *tags' });
		await db.open();
		const rows = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, email: `c${i}@example.com`, firstName: `Contact${i}`, tags: ['started'], lists: { news: 'active' }, fields: {} }));
		const t0 = performance.now();
		await db.contacts.bulkPut(rows);
		const ms = performance.now() - t0;
		await db.delete();
		return ms;
	}, n);
}

export const suite: Suite = {
	name: 'browser',
	title: 'the runtime in headless Chromium: 100k contacts in a simulation workspace, persisted in IndexedDB (run = virtual days to the end, commits included; floor = raw Dexie bulkPut of 100k contacts)',
	async run(opts?: SuiteOptions): Promise<Row[]> {
		await ensureBuild();
		const size = opts?.quick ? 10_000 : 100_000;
		const srv = await startServer({ root: join(ROOT, 'build'), port: 4480 });
		const browser = await launchChromium();
		try {
			const page = await browser.newPage();
			await page.goto(srv.url);
			await page.waitForFunction(() => !!document.querySelector('[data-testid="clock-now"]'), undefined, { timeout: 60_000 });
			const floor = await rawBulkPut(page, size);
			const rows: Row[] = [];
			for (const [template, days, label] of [
				['bench-journey', 10, 'benchmark journey, 10 days'],
				['bench-12', 90, '12-step journey, 90 days']
			] as const) {
				const r = await runTemplate(page, template, size, days);
				if (r.completed !== size) throw new Error(`${template}: ${r.completed} of ${size} contacts completed`);
				const after = await verifyAfterReload(page, r.id);
				if (after.completed !== r.completed || after.messages !== r.messages) throw new Error(`${template}: state after reload differs (${JSON.stringify(after)} vs ${JSON.stringify(r)})`);
				rows.push({
					name: `${label}, ${size / 1000}k`,
					values: {
						'run ms': r.runMs,
						'create ms': r.createMs,
						'raw bulkPut ms': floor,
						'× bulkPut': r.runMs / floor,
						messages: r.messages,
						'after reload': 'same'
					},
					targets: [{ label: `${label}, ${size / 1000}k contacts, persisted`, value: size === 100_000 ? r.runMs : null, op: '<', limit: 3000, unit: 'ms' }]
				});
			}
			return rows;
		} finally {
			await browser.close();
			await srv.close();
		}
	}
};

export default suite;
