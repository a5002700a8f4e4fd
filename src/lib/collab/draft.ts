/**
 * One open automation draft: the Yjs document persisted in IndexedDB (y-indexeddb, one database
 * per workspace + automation), the tab-to-tab provider, the awareness (who is here, what they
 * selected) and an undo manager that tracks only this user's edits. Framework-free: the builder
 * subscribes to changes. More providers (y-websocket…) attach with `addProvider`.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import type { AutomationDef } from '../engine/schema/automation';
import { BroadcastProvider, type Channel } from './broadcast';
import { docToDef, isEmptyDoc, seedUpdate, writeDef } from './convert';
import { sameJson } from './json';
import { draftName, editableRoots, roots } from './schema';
import { compactStore } from './persistence';

/** Who edits, as shown to the other peers. */
export interface DraftUser {
	id: string;
	name: string;
	color: string;
}

/** Transaction origin of seeding (not undoable). */
export const SEED_ORIGIN = 'seed';

/** How to open a draft. */
export interface DraftOptions {
	workspace: string;
	automation: string;
	user: DraftUser;
	/** Persist in IndexedDB (default true). */
	persist?: boolean;
	/** Creates the tab-to-tab channel (default: a BroadcastChannel); null: no tab sync. */
	channel?: ((name: string) => Channel) | null;
	/**
	 * Attaches network providers (e.g. a room of a y-websocket server, see websocket.ts) once the
	 * stored state is loaded and before seeding: seeding waits for the promise (the first sync, or
	 * a failure), so a draft that already exists in the room is never seeded a second time.
	 */
	connect?: (draft: DraftDoc) => Promise<unknown> | void;
}

/** Something attached to the document that must be stopped on close. */
export interface Attached {
	destroy(): void;
}

/** An open draft. */
export class DraftDoc {
	readonly doc = new Y.Doc();
	readonly awareness: Awareness;
	readonly undo: Y.UndoManager;
	/** The origin of this user's transactions (what the undo manager tracks). */
	readonly origin: { user: DraftUser };
	readonly name: string;
	private persistence: IndexeddbPersistence | null = null;
	private attached: Attached[] = [];
	private cached: AutomationDef | null = null;
	private listeners = new Set<() => void>();
	private destroyed = false;

	private constructor(readonly opts: DraftOptions) {
		this.name = draftName(opts.workspace, opts.automation);
		this.origin = { user: opts.user };
		this.awareness = new Awareness(this.doc);
		this.awareness.setLocalState({ user: opts.user, selection: [] });
		this.undo = new Y.UndoManager(editableRoots(this.doc), { trackedOrigins: new Set([this.origin]), captureTimeout: 600 });
		this.doc.on('update', this.changed);
		this.undo.on('stack-item-added', this.notify);
		this.undo.on('stack-item-popped', this.notify);
		this.undo.on('stack-cleared', this.notify);
		this.awareness.on('change', this.notify);
	}

	/**
	 * Opens the draft: loads it from IndexedDB, connects to the other tabs, and when the document
	 * is still empty seeds it from `seed()` (the automation's current definition in the engine).
	 */
	static async open(opts: DraftOptions, seed: () => Promise<AutomationDef | null>): Promise<DraftDoc> {
		const d = new DraftDoc(opts);
		if (opts.persist !== false) {
			d.persistence = new IndexeddbPersistence(d.name, d.doc);
			await d.persistence.whenSynced;
			await compactStore(d.persistence);
		}
		if (opts.channel !== null) d.attach(new BroadcastProvider(d.name, d.doc, d.awareness, opts.channel?.(d.name)));
		if (opts.connect) {
			try {
				await opts.connect(d);
			} catch (err) {
				d.destroy();
				throw err;
			}
		}
		if (isEmptyDoc(d.doc)) {
			const def = await seed();
			if (def && isEmptyDoc(d.doc)) Y.applyUpdate(d.doc, seedUpdate(def), SEED_ORIGIN);
		}
		return d;
	}

	/** Deletes the stored draft of an automation (after the automation itself was deleted). */
	static async forget(workspace: string, automation: string): Promise<void> {
		await new Promise<void>((resolve) => {
			const req = indexedDB.deleteDatabase(draftName(workspace, automation));
			req.onsuccess = req.onerror = req.onblocked = () => resolve();
		});
	}

	private changed = (): void => {
		this.cached = null;
		this.notify();
	};

	private notify = (): void => {
		for (const fn of this.listeners) fn();
	};

	/** The definition the draft describes now. */
	get def(): AutomationDef {
		return (this.cached ??= docToDef(this.doc));
	}

	/** Calls `fn` on every change of the document or of the undo stacks; returns the unsubscriber. */
	subscribe(fn: () => void): () => void {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}

	/**
	 * Applies an edit as this user: `fn` returns the new definition, and only the differences are
	 * written. Each call is its own undo step unless `merge` (typing in a field) lets it join the
	 * previous one. Returns false when nothing changed.
	 */
	edit(fn: (def: AutomationDef) => AutomationDef, opts: { merge?: boolean } = {}): boolean {
		const before = this.def;
		const next = fn(before);
		if (sameJson(next, before)) return false;
		if (!opts.merge) this.undo.stopCapturing();
		this.doc.transact(() => {
			writeDef(this.doc, next);
			roots(this.doc).info.set('updatedAt', Date.now());
		}, this.origin);
		return true;
	}

	/** Records bookkeeping outside undo (e.g. the version last published from this draft). */
	setInfo(key: string, value: unknown): void {
		this.doc.transact(() => roots(this.doc).info.set(key, value), this.origin);
	}

	/** Bookkeeping value. */
	info<T = unknown>(key: string): T | undefined {
		return roots(this.doc).info.get(key) as T | undefined;
	}

	get canUndo(): boolean {
		return this.undo.undoStack.length > 0;
	}

	get canRedo(): boolean {
		return this.undo.redoStack.length > 0;
	}

	/** Undoes this user's last edit (never another user's). */
	undoLast(): void {
		this.undo.undo();
	}

	/** Redoes this user's last undone edit. */
	redoLast(): void {
		this.undo.redo();
	}

	/** Publishes what this user selected, for the other peers. */
	setSelection(ids: string[]): void {
		const cur = this.awareness.getLocalState();
		if (cur && sameJson(cur.selection, ids)) return;
		this.awareness.setLocalStateField('selection', ids);
	}

	/** Other peers present: their user and selection. */
	peers(): { client: number; user: DraftUser; selection: string[] }[] {
		const out: { client: number; user: DraftUser; selection: string[] }[] = [];
		for (const [client, st] of this.awareness.getStates()) {
			if (client === this.doc.clientID || !st?.user) continue;
			out.push({ client, user: st.user as DraftUser, selection: Array.isArray(st.selection) ? st.selection : [] });
		}
		return out;
	}

	/** Attaches a provider (or anything) to stop when the draft closes. */
	attach(p: Attached): void {
		this.attached.push(p);
	}

	/** Closes the draft: providers, persistence, awareness. */
	destroy(): void {
		if (this.destroyed) return;
		this.destroyed = true;
		for (const p of this.attached.splice(0)) p.destroy();
		this.listeners.clear();
		this.undo.destroy();
		this.awareness.destroy();
		void this.persistence?.destroy();
		this.doc.destroy();
	}
}
