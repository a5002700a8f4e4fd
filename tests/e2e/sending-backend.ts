// Test setup through the backend API (the same calls the UI makes), for data the UI of this branch
// cannot create yet (a live workspace with 1,000 contacts comes from the contacts import and the
// builder). A second backend worker is started in the page from the app's own worker script and
// spoken to with Comlink's wire protocol; calls on an open workspace are forwarded to the tab that
// runs it, exactly like a second browser tab's calls.
import type { Page } from '@playwright/test';
import { expect } from './support/fixtures';

/** Calls backend methods in order from a helper worker in `page`; returns their results. */
export async function backendCalls(page: Page, calls: { method: string; args: unknown[] }[]): Promise<unknown[]> {
	await expect.poll(() => page.workers().length, { timeout: 15_000 }).toBeGreaterThan(0);
	const url = page.workers()[0].url();
	return page.evaluate(
		async ([workerUrl, list]) => {
			const g = window as unknown as { __helperBackend?: Worker };
			const w = (g.__helperBackend ??= new Worker(workerUrl, { type: 'module', name: 'test-helper-backend' }));
			const call = (method: string, args: unknown[]) =>
				new Promise((resolve, reject) => {
					const id = `${method}-${Math.random().toString(36).slice(2)}`;
					const onMessage = (ev: MessageEvent) => {
						if (ev.data?.id !== id) return;
						w.removeEventListener('message', onMessage);
						if (ev.data.type === 'HANDLER' && ev.data.name === 'throw') reject(new Error(String(ev.data.value?.value?.message ?? 'backend error')));
						else resolve(ev.data.value);
					};
					w.addEventListener('message', onMessage);
					w.postMessage({ id, type: 'APPLY', path: [method], argumentList: args.map((value) => ({ type: 'RAW', value })) });
				});
			const out: unknown[] = [];
			for (const c of list) out.push(await call(c.method, c.args));
			return out;
		},
		[url, calls] as const
	);
}

/**
 * A live shop as a workspace file: `n` subscribed contacts (`c0`…) and an active automation
 * `automation` whose one step posts each contact entered by hand to the webhook at `url`.
 */
export function webhookShop(name: string, url: string, n: number, automation: { id: string; name: string }) {
	return {
		format: 'journey-studio/workspace',
		version: 1,
		name,
		lists: [{ id: 'news', name: 'News' }],
		contacts: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, email: `buyer${i}@example.com`, firstName: `Buyer${i}`, lists: { news: 'active' } })),
		automations: [{ ...automation, status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 'post', kind: 'webhook', url }] }]
	};
}
