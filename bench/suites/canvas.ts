/**
 * The builder's canvas with a 200-step automation, in headless Chromium against the built app
 * (`build/`, served by scripts/serve.mjs): time to open the builder and lay the automation out,
 * and time to apply an edit (a structural one that reconnects and re-lays out, its undo, and a
 * settings change typed in the inspector), each the median of several runs, timed inside the page
 * from the user's gesture to the frame where the canvas shows the result.
 *
 * The automation is imported through the automations page like a user would (a portable file), in
 * the demo workspace a new browser profile starts with.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { launchChromium } from '../lib/browser';
import type { Row, Suite } from '../lib/suite';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const STEPS = 200;

/** A 200-step automation: a chain of emails, waits and tags with an If/else (and a one-step detour on No) every 20 steps. */
function bigAutomation(): unknown {
	const main: Record<string, unknown>[] = [];
	const detours = new Map<number, Record<string, unknown>>();
	for (let k = 0; main.length + detours.size < STEPS; k++) {
		const left = STEPS - main.length - detours.size;
		if (k % 20 === 10 && left > 3) {
			main.push({ id: `s${k}`, kind: 'if_else', conditions: { kind: 'tag', op: 'has', tag: 'vip' } });
			detours.set(k, { id: `d${k}`, kind: 'tag.add', tag: `detour-${k}` });
		} else if (k % 3 === 0) main.push({ id: `s${k}`, kind: 'email.send', email: 'welcome-1' });
		else if (k % 3 === 1) main.push({ id: `s${k}`, kind: 'wait', wait: { mode: 'period', for: { days: 1 } } });
		else main.push({ id: `s${k}`, kind: 'tag.add', tag: `t${k}` });
	}
	main.forEach((s, k) => {
		const next = main[k + 1]?.id;
		if (!next) return;
		if (s.kind === 'if_else') {
			s.yes = next;
			s.no = `d${k}`;
			detours.get(k)!.next = next;
		} else s.next = next;
	});
	const steps = main.flatMap((s, k) => (detours.has(k) ? [s, detours.get(k)!] : [s]));
	return {
		format: 'journey-studio/workspace',
		version: 1,
		name: 'Bench',
		lists: [{ id: 'newsletter', name: 'Newsletter' }],
		emails: [{ id: 'welcome-1', name: 'Welcome #1', subject: 'Welcome', body: '<p>Hi</p>' }],
		tags: ['vip'],
		automations: [{ id: 'big', name: 'Two hundred steps', status: 'draft', entry: 'multiple', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps }]
	};
}

function freePort(): Promise<number> {
	return new Promise((ok, ko) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as { port: number }).port;
			srv.close(() => ok(port));
		});
		srv.on('error', ko);
	});
}

async function serve(port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), '--root', 'build', '--port', String(port), '--strict-port'], { cwd: ROOT, stdio: 'ignore' });
	for (let i = 0; i < 100; i++) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/`);
			if (res.ok) return child;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill();
	throw new Error('the static server did not start');
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Resolves, inside the page, with the ms from `t0` until `check()` holds at a frame. The script is
 * a string: functions compiled by tsx carry name helpers that do not exist in the page.
 */
const untilFrame = (page: Page, check: string, timeout = 60_000) =>
	page.evaluate(`new Promise((ok, ko) => {
		const t0 = window.__t0;
		const holds = () => (${check});
		const step = () => {
			if (holds()) ok(performance.now() - t0);
			else if (performance.now() - t0 > ${timeout}) ko(new Error('timed out waiting for ' + ${JSON.stringify(JSON.stringify(check))}));
			else requestAnimationFrame(step);
		};
		step();
	})`) as Promise<number>;

const stepCount = (n: number) => `document.querySelectorAll('.svelte-flow__node-step').length === ${n}`;

export const suite: Suite = {
	name: 'canvas',
	title: `Builder canvas with a ${STEPS}-step automation (headless Chromium, built app)`,
	async run(opts) {
		const runs = opts?.quick ? 3 : 7;
		if (!existsSync(join(ROOT, 'build/index.html'))) {
			const b = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
			if (b.status !== 0) throw new Error('could not build the app (npx vite build)');
		}
		const port = await freePort();
		const server = await serve(port);
		const browser = await launchChromium();
		try {
			const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL: `http://127.0.0.1:${port}` });
			const page = await ctx.newPage();
			// Import the automation through the automations page.
			const dir = mkdtempSync(join(tmpdir(), 'canvas-bench-'));
			const file = join(dir, 'big.automation.json');
			writeFileSync(file, JSON.stringify(bigAutomation()));
			await page.goto('/automations');
			await page.getByTestId('import-automation').click({ timeout: 60_000 });
			await page.getByTestId('import-file').setInputFiles(file);
			await page.getByTestId('import-summary').waitFor();
			await page.getByTestId('import-confirm').click();
			await page.waitForURL(/\/automations\/big/);
			const url = new URL(page.url()).pathname;
			await page.waitForFunction(stepCount(STEPS), undefined, { timeout: 60_000 });

			// Open from the list (in-app navigation) and lay out.
			const open: number[] = [];
			for (let i = 0; i < runs; i++) {
				await page.goto('/automations');
				const link = page.locator(`a[href="${url}"]`).first();
				await link.waitFor();
				await page.evaluate((href) => {
					const a = document.querySelector(`a[href="${href}"]`)!;
					a.addEventListener('click', () => ((window as unknown as { __t0: number }).__t0 = performance.now()), { capture: true, once: true });
				}, url);
				await link.click();
				open.push(await untilFrame(page, stepCount(STEPS)));
			}
			// Reload the builder itself (worker start, workspace load, draft from IndexedDB, layout).
			const reload: number[] = [];
			for (let i = 0; i < Math.max(3, runs >> 1); i++) {
				await page.goto(url);
				await page.evaluate(() => ((window as unknown as { __t0: number }).__t0 = 0));
				reload.push(await untilFrame(page, stepCount(STEPS)));
			}

			// Edits: delete a step in the middle (reconnect, relayout), undo it, rename a step in the inspector.
			const del: number[] = [];
			const undo: number[] = [];
			const rename: number[] = [];
			for (let i = 0; i < runs; i++) {
				await page.evaluate(() => (document.querySelector('.svelte-flow__node[data-id="s:s100"]') as HTMLElement).click());
				await page.getByTestId('panel-title').waitFor();
				await page.evaluate(() => {
					(window as unknown as { __t0: number }).__t0 = performance.now();
					const el = document.querySelector('.svelte-flow__node[data-id="s:s100"]') as HTMLElement;
					el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
				});
				del.push(await untilFrame(page, stepCount(STEPS - 1)));
				await page.evaluate(() => {
					(window as unknown as { __t0: number }).__t0 = performance.now();
					document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
				});
				undo.push(await untilFrame(page, stepCount(STEPS)));
				await page.evaluate(() => (document.querySelector('.svelte-flow__node[data-id="s:s150"]') as HTMLElement).click());
				const label = page.getByTestId('side-panel').getByLabel('Label on the canvas');
				await label.waitFor();
				const text = `Renamed ${i}`;
				await page.evaluate((text) => {
					const input = [...document.querySelectorAll('[data-testid=side-panel] input')].find((x) => (x as HTMLInputElement).labels?.[0]?.textContent?.includes('Label on the canvas')) as HTMLInputElement;
					(window as unknown as { __t0: number }).__t0 = performance.now();
					input.value = text;
					input.dispatchEvent(new Event('input', { bubbles: true }));
				}, text);
				rename.push(await untilFrame(page, `document.querySelector('.svelte-flow__node[data-id="s:s150"] .title')?.textContent === ${JSON.stringify(text)}`));
			}
			await ctx.close();
			const row = (name: string, xs: number[], limit: number, label: string): Row => ({
				name,
				values: { 'median ms': median(xs), 'min ms': Math.min(...xs), 'max ms': Math.max(...xs), runs: xs.length },
				targets: [{ label, value: median(xs), op: '<', limit, unit: 'ms' }]
			});
			return [
				row(`open builder from the list, ${STEPS} steps`, open, 2000, 'open + lay out 200 steps'),
				row(`reload the builder page, ${STEPS} steps`, reload, 5000, 'cold open (worker, workspace, draft, layout)'),
				row('delete a step (reconnect + relayout)', del, 250, 'structural edit on 200 steps'),
				row('undo the delete', undo, 250, 'undo on 200 steps'),
				row('rename a step in the inspector', rename, 150, 'settings edit on 200 steps')
			];
		} finally {
			await browser.close();
			server.kill();
		}
	}
};

export default suite;
