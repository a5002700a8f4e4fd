/** A backend over fake IndexedDB with one open simulation workspace built from a workspace file. */
import { Backend } from '../../../src/lib/worker/backend';
import { freshIdb } from '../worker/harness';

export const START = Date.UTC(2026, 2, 2, 8);
export const DAY = 86_400_000;

/** The backend API with a simulation workspace created from `file` (partial workspace file) and opened. */
export async function openWorkspace(file: Record<string, unknown>, opts: { seed?: number; kind?: 'simulation' | 'live' } = {}) {
	const idb = freshIdb();
	const backend = new Backend({ locks: null, channel: (n) => new BroadcastChannel(n), indexedDB: idb.indexedDB, IDBKeyRange: idb.IDBKeyRange, wallNow: () => START, storage: null });
	const api = backend.api();
	const res = await api.createWorkspace({
		name: 'Test',
		kind: opts.kind ?? 'simulation',
		from: 'file',
		file: { format: 'journey-studio/workspace', version: 1, name: 'Test', ...file },
		start: START,
		seed: opts.seed ?? 1
	});
	if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
	await api.open(res.entry.id);
	return { api, backend, idb, id: res.entry.id };
}

/** Contacts c1…cn on the "news" list. */
export function people(n: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
	return Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, email: `person${i + 1}@example.com`, firstName: `First${i + 1}`, lastName: `Last${String(n - i).padStart(6, '0')}`, lists: { news: 'active' }, ...extra(i) }));
}
