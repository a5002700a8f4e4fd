/**
 * Two tabs on one workspace: a call another tab sends while the engine tab is still loading the
 * workspace waits for it and is answered (it used to be dropped, and the caller timed out after a
 * minute). Two backends share one IndexedDB, real BroadcastChannels and an in-memory Web Locks.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../src/lib/worker/backend';
import { freshIdb } from './harness';

/** Web Locks in memory: exclusive locks, `ifAvailable`, waiters in order, `signal` to give up waiting. */
class MemoryLocks {
	held = new Set<string>();
	private waiting = new Map<string, (() => void)[]>();

	async request(name: string, opts: { ifAvailable?: boolean; signal?: AbortSignal } | ((lock: unknown) => Promise<unknown>), cb?: (lock: unknown) => Promise<unknown>): Promise<unknown> {
		const options = typeof opts === 'function' ? {} : opts;
		const callback = (typeof opts === 'function' ? opts : cb)!;
		if (this.held.has(name)) {
			if (options.ifAvailable) return callback(null);
			await new Promise<void>((ok, ko) => {
				const queue = this.waiting.get(name) ?? [];
				queue.push(ok);
				this.waiting.set(name, queue);
				options.signal?.addEventListener('abort', () => ko(new DOMException('aborted', 'AbortError')));
			});
		}
		this.held.add(name);
		try {
			return await callback({ name, mode: 'exclusive' });
		} finally {
			this.held.delete(name);
			this.waiting.get(name)?.shift()?.();
		}
	}
}

describe('tabs', () => {
	it('answers a call sent while the engine tab is still loading the workspace', { timeout: 60_000 }, async () => {
		const idb = freshIdb();
		const locks = new MemoryLocks();
		const tab = () => new Backend({ locks: locks as unknown as LockManager, channel: (n) => new BroadcastChannel(n), indexedDB: idb.indexedDB, IDBKeyRange: idb.IDBKeyRange, wallNow: () => Date.UTC(2026, 0, 5, 8), storage: null }).api();
		const a = tab();
		const b = tab();
		const res = await a.createWorkspace({ name: 'Big', kind: 'simulation', from: 'template', template: 'bench-journey', size: 20_000, seed: 7, start: Date.UTC(2026, 0, 5, 8) });
		if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));

		// Tab A takes the lock and starts loading 20k contacts; tab B opens as a follower and asks.
		const opening = a.open(res.entry.id);
		const lock = `journey-studio:engine:${res.entry.id}`;
		await expect.poll(() => locks.held.has(lock), { interval: 1 }).toBe(true);
		await b.open(res.entry.id);
		expect((await b.session())?.role).toBe('follower');
		expect((await a.session())?.role, 'tab A is still loading when B asks').toBe('follower');
		const answer = await Promise.race([b.summary(), new Promise((_, ko) => setTimeout(() => ko(new Error('no answer within 20 s')), 20_000))]);
		expect((answer as { contacts: number }).contacts).toBe(20_000);
		expect((await opening).role).toBe('leader');
	});
});
