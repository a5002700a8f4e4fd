/** Test harness: runtimes over fake-indexeddb with a controllable wall clock. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { WorkspaceDb } from '../../../src/lib/db/workspace';
import type { WorkspaceEntry } from '../../../src/lib/db/registry';
import { WorkspaceRuntime, type Host, type RuntimeEvent } from '../../../src/lib/worker/runtime';

/** A fresh in-memory IndexedDB. */
export function freshIdb(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
	return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** A host whose wall clock advances by `step` ms each time it is read; timers run on `flush()`. */
export function fakeHost(step = 10, events: RuntimeEvent[] = []): Host & { t: number; flush(max?: number): Promise<number> } {
	let timers: (() => void)[] = [];
	const host = {
		t: 1_700_000_000_000,
		wallNow() {
			host.t += step;
			return host.t;
		},
		setTimeout: (fn: () => void) => {
			timers.push(fn);
			return timers.length;
		},
		clearTimeout: () => {},
		notify: (e: RuntimeEvent) => void events.push(e),
		/** Runs pending timers (and those they schedule) up to `max` rounds; returns how many ran. */
		async flush(max = 100) {
			let n = 0;
			for (let i = 0; i < max && timers.length; i++) {
				const batch = timers;
				timers = [];
				for (const fn of batch) {
					fn();
					n++;
				}
				await new Promise((r) => setTimeout(r, 0));
			}
			return n;
		}
	};
	return host;
}

export function simEntry(id = 'sim-test'): WorkspaceEntry {
	return { id, name: 'Test', kind: 'simulation', createdAt: 0, updatedAt: 0, origin: 'test' };
}

/** A runtime over a database of the given fake IndexedDB. */
export function runtimeOn(idb: ReturnType<typeof freshIdb>, entry = simEntry(), host: Host = fakeHost()): WorkspaceRuntime {
	return new WorkspaceRuntime(entry, new WorkspaceDb(entry.id, idb), host);
}
