/** Harness for sending tests: live runtimes over fake-indexeddb with the real wall clock and timers. */
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { WorkspaceDb } from '../../../src/lib/db/workspace';
import type { WorkspaceEntry } from '../../../src/lib/db/registry';
import { WorkspaceRuntime, type Host, type RuntimeEvent } from '../../../src/lib/worker/runtime';
import type { HandlerCtx } from '../../../src/lib/worker/handlers/context';
import { freshIdb } from '../worker/harness';

export { freshIdb };

/** A host on the real clock whose timers can all be cut at once (a killed tab). */
export function realHost(events: RuntimeEvent[] = []): Host & { kill(): void } {
	let dead = false;
	const timers = new Set<ReturnType<typeof setTimeout>>();
	return {
		wallNow: () => Date.now(),
		setTimeout(fn, ms) {
			if (dead) return null;
			const h = setTimeout(() => {
				timers.delete(h);
				if (!dead) fn();
			}, ms);
			timers.add(h);
			return h;
		},
		clearTimeout(h) {
			if (h) clearTimeout(h as ReturnType<typeof setTimeout>);
		},
		notify: (e) => void events.push(e),
		kill() {
			dead = true;
			for (const t of timers) clearTimeout(t);
		}
	};
}

export function liveEntry(id = 'live-send'): WorkspaceEntry {
	return { id, name: 'Shop', kind: 'live', createdAt: 0, updatedAt: 0, origin: 'test' };
}

export function simEntry(id = 'sim-send'): WorkspaceEntry {
	return { id, name: 'Workshop', kind: 'simulation', createdAt: 0, updatedAt: 0, origin: 'test' };
}

/** A runtime on a database of `idb`. */
export function runtime(idb: ReturnType<typeof freshIdb>, entry: WorkspaceEntry, host: Host = realHost()): WorkspaceRuntime {
	return new WorkspaceRuntime(entry, new WorkspaceDb(entry.id, idb), host);
}

export function ctxOf(rt: WorkspaceRuntime): HandlerCtx {
	return { rt, wallNow: () => Date.now() };
}

/** Contacts c0…c{n-1}, subscribed to "news", with phones and SMS consent. */
export function contacts(n: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
	return Array.from({ length: n }, (_, i) => ({
		id: `c${i}`,
		email: `person${i}@example.com`,
		phone: `+3361234${String(5000 + i).padStart(4, '0')}`,
		firstName: `Ann${i}`,
		lastName: `Lee`,
		smsConsent: true,
		lists: { news: 'active' as const },
		fields: { notes: 'I love the coffee, thanks!' },
		...extra(i)
	}));
}

/** A workspace with one manual automation per kind of step. */
export function workspace(opts: { n?: number; hook?: string; contacts?: ReturnType<typeof contacts> } = {}) {
	return WorkspaceFile.parse({
		format: 'journey-studio/workspace',
		version: 1,
		name: 'sending',
		timeZone: 'UTC',
		lists: [{ id: 'news', name: 'News' }],
		fields: [
			{ key: 'notes', label: 'Notes', type: 'textarea' },
			{ key: 'sentiment', label: 'Sentiment', type: 'text' },
			{ key: 'sf_id', label: 'Salesforce id', type: 'text' }
		],
		emails: [{ id: 'promo', name: 'Promo', subject: 'Hello %FIRSTNAME%', preheader: 'Fresh beans', fromEmail: 'shop@example.com', fromName: 'Shop', body: '<p>Hi %FIRSTNAME%, <a href="https://shop.example/beans">beans</a></p>' }],
		contacts: opts.contacts ?? contacts(opts.n ?? 3),
		automations: [
			{ id: 'hook', name: 'Hook', status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 'post', kind: 'webhook', url: opts.hook ?? 'http://127.0.0.1:9/hooks' }] },
			{ id: 'mail', name: 'Mail', status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 'send', kind: 'email.send', email: 'promo' }] },
			{ id: 'text', name: 'Text', status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 'sms', kind: 'sms.send', message: 'Hi %FIRSTNAME%, beans are back' }] },
			{ id: 'ai', name: 'AI', status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 'mood', kind: 'ai.prompt', source: 'notes', task: 'sentiment', output: 'sentiment', timeout: { minutes: 5 } }] },
			{ id: 'sf', name: 'SF', status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 'lead', kind: 'salesforce.create_lead', saveIdTo: 'sf_id', timeout: { minutes: 5 } }] },
			{ id: 'fb', name: 'FB', status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 'aud', kind: 'facebook.audience_add', audience: { create: { name: 'Buyers' } } }] },
			{ id: 'tx', name: 'TX', status: 'active', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps: [{ id: 'receipt', kind: 'email.transactional', email: 'promo' }] }
		]
	});
}

/** Waits until `check` holds (polling the event loop), or fails after `ms`. */
export async function until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
	const t0 = Date.now();
	while (!check()) {
		if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}
