/**
 * Keeps a draft's IndexedDB store from growing when nothing changes. y-indexeddb appends the
 * document's state to its `updates` store every time a document is opened (even an empty state),
 * and appends one entry per edit until 500 of them are merged; opening and closing a draft many
 * times would grow it forever. `compactStore` runs once the stored updates are loaded: when the
 * store holds more than one entry, it writes the merged state and deletes the entries it loaded
 * (after applying any that another tab added since), in one transaction.
 * The store then holds exactly one entry, the same bytes every time for the same document.
 */
import * as Y from 'yjs';
import * as idb from 'lib0/indexeddb';
import type { IndexeddbPersistence } from 'y-indexeddb';

/** What compaction reads of y-indexeddb's persistence. */
type Loaded = Pick<IndexeddbPersistence, 'db' | 'doc' | '_destroyed'> & { _dbsize: number };

/**
 * Merges the stored updates of a loaded persistence into one entry; resolves when written. In one
 * readwrite transaction (other tabs wait): entries another tab added since the load are applied
 * first (as the persistence's own origin, so they are not stored again), then the merged state
 * replaces every entry.
 */
export async function compactStore(p: IndexeddbPersistence): Promise<void> {
	const loaded = p as unknown as Loaded;
	const db = loaded.db;
	if (!db || loaded._destroyed) return;
	const [store] = idb.transact(db, ['updates']);
	if ((await idb.count(store)) <= 1) return;
	const last = await idb.getLastKey(store);
	const all = (await idb.getAll(store)) as Uint8Array[];
	Y.transact(loaded.doc, () => all.forEach((u) => Y.applyUpdate(loaded.doc, u)), p, false);
	await idb.del(store, idb.createIDBKeyRangeUpperBound(last, false));
	// y-indexeddb stores Uint8Arrays (lib0's types say ArrayBuffer).
	await idb.addAutoKey(store, Y.encodeStateAsUpdate(loaded.doc) as unknown as ArrayBuffer);
	loaded._dbsize = 1;
}

/** Bytes and entries of a draft's stored updates (for measurements and tests). */
export async function storedSize(name: string): Promise<{ bytes: number; entries: number }> {
	const db = await idb.openDB(name, (db) => idb.createStores(db, [['updates', { autoIncrement: true }], ['custom']]));
	try {
		const [store] = idb.transact(db, ['updates'], 'readonly');
		const all = (await idb.getAll(store)) as Uint8Array[];
		return { bytes: all.reduce((n, u) => n + u.byteLength, 0), entries: all.length };
	} finally {
		db.close();
	}
}
