/**
 * Sharing of the open workspace as a room of a y-websocket server (issue 7): its settings (kept
 * per workspace in this browser), the index connection (the owner writes the automations and
 * catalogue; a guest applies them), joining by invite link and stopping. The builder connects
 * each automation draft to the room itself (builder.svelte.ts).
 */
import * as Y from 'yjs';
import { app } from '$lib/client/app.svelte';
import { backend } from '$lib/client/backend';
import { RoomLink, type LinkState } from '$lib/collab/websocket';
import {
	clearShare,
	indexDocName,
	loadShare,
	readIndex,
	saveShare,
	workspaceOfRoom,
	writeIndex,
	type RoomIndex,
	type ShareMode,
	type ShareSettings
} from '$lib/collab/room';
import type { ApplyIndexResult } from '$lib/worker/handlers/share';

/** Why joining failed (i18n keys under share.join.error). */
export type JoinError = 'unreachable' | 'empty' | 'failed';

class ShareState {
	/** Share settings of the open workspace (null: not shared). */
	settings = $state.raw<ShareSettings | null>(null);
	/** The index connection's state. */
	link = $state.raw<LinkState | null>(null);
	/** What the last application of the room's index did (guests). */
	applied = $state.raw<ApplyIndexResult | null>(null);
	private workspace: string | null = null;
	private doc: Y.Doc | null = null;
	private conn: RoomLink | null = null;
	private applyTimer: ReturnType<typeof setTimeout> | null = null;
	private publishing = false;

	/** Follows the open workspace: connects its room's index when it is shared. */
	follow(workspace: string | null): void {
		if (workspace === this.workspace) return;
		this.workspace = workspace;
		this.connect(workspace ? loadShare(workspace) : null);
	}

	private connect(s: ShareSettings | null): void {
		this.disconnect();
		this.settings = s;
		if (!s) return;
		const doc = new Y.Doc();
		// Guests only read the index.
		const conn = new RoomLink(doc, { server: s.server, room: indexDocName(s.room), readonly: s.role === 'guest' });
		this.doc = doc;
		this.conn = conn;
		this.link = conn.state;
		conn.subscribe((st) => {
			this.link = st;
			if (st.synced && s.role === 'owner') void this.publish();
		});
		if (s.role === 'guest') doc.on('update', () => this.scheduleApply());
	}

	private disconnect(): void {
		if (this.applyTimer) clearTimeout(this.applyTimer);
		this.conn?.destroy();
		this.doc?.destroy();
		this.conn = null;
		this.doc = null;
		this.link = null;
	}

	/** Owner: writes what the workspace holds now to the room's index (called when it changes). */
	async publish(): Promise<void> {
		const s = this.settings;
		if (!s || s.role !== 'owner' || !this.doc || this.publishing) return;
		this.publishing = true;
		try {
			const index = await backend().roomIndex();
			if (this.doc && this.settings === s) writeIndex(this.doc, index);
		} catch {
			// The leader may be changing hands; the next change publishes again.
		} finally {
			this.publishing = false;
		}
	}

	private scheduleApply(): void {
		if (this.applyTimer) clearTimeout(this.applyTimer);
		this.applyTimer = setTimeout(() => void this.applyIndex(), 150);
	}

	/** Guest: applies the room's index (catalogue, new automations) to the workspace. */
	private async applyIndex(): Promise<void> {
		const index = this.doc ? readIndex(this.doc) : null;
		if (!index) return;
		const res = await app.run(() => backend().applyRoomIndex(index));
		if (res) this.applied = res;
	}

	/** Owner: shares the open workspace as `room` on `server`. */
	start(server: string, room: string): void {
		const ws = app.session?.entry.id;
		if (!ws) return;
		const s: ShareSettings = { server, room, role: 'owner', mode: 'edit' };
		saveShare(ws, s);
		this.connect(s);
	}

	/** Stops sharing the open workspace in this browser (drafts stay; they no longer connect). */
	stop(): void {
		const ws = app.session?.entry.id;
		if (ws) clearShare(ws);
		this.connect(null);
	}

	/**
	 * Joins a room from an invite: reads its index (waiting for the server), creates a local
	 * workspace for it (or reuses the one that joined before), applies the catalogue and creates
	 * the automations as drafts, and opens that workspace.
	 */
	async join(server: string, room: string, mode: ShareMode): Promise<{ ok: true; workspace: string } | { ok: false; error: JoinError }> {
		const doc = new Y.Doc();
		const conn = new RoomLink(doc, { server, room: indexDocName(room), readonly: true });
		let index: RoomIndex | null = null;
		try {
			if (!(await conn.whenSynced(6000))) return { ok: false, error: 'unreachable' };
			index = readIndex(doc);
		} finally {
			conn.destroy();
			doc.destroy();
		}
		if (!index) return { ok: false, error: 'empty' };
		try {
			const known = workspaceOfRoom(server, room);
			let ws = known && app.workspaces.some((w) => w.id === known) ? known : null;
			if (!ws) {
				const created = await backend().createWorkspace({ name: index.workspace, kind: 'simulation', from: 'empty', description: `${room} · ${server}` });
				if (!created.ok) return { ok: false, error: 'failed' };
				ws = created.entry.id;
				app.workspaces = await backend().listWorkspaces();
			}
			const existing = loadShare(ws);
			saveShare(ws, { server, room, role: existing?.role === 'owner' ? 'owner' : 'guest', mode: existing?.role === 'owner' ? 'edit' : mode });
			// Re-read the settings when this workspace is already open (e.g. the mode changed).
			this.workspace = null;
			await app.open(ws);
			this.follow(ws);
			this.applied = await backend().applyRoomIndex(index);
			await app.refresh();
			return { ok: true, workspace: ws };
		} catch {
			return { ok: false, error: 'failed' };
		}
	}
}

/** The sharing state of this tab. */
export const share = new ShareState();
