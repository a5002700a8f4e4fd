/**
 * A shared workspace ("room") on a y-websocket server: the names of its documents, its index
 * document (which automations it holds and the catalogue they reference), invite links, and the
 * share settings each workspace keeps in this browser. Framework-free; the storage is injectable.
 *
 * Documents of room `r` on the server:
 * - `r/index`: root map `index` with `format`, `workspace` (its name), `automations` (a Y.Map
 *   id → {id, name, def} as plain JSON) and `catalog` (a Y.Map kind → entries as plain JSON:
 *   lists, fields, emails, tags, forms, conversions, scoring, pipelines, users). Never contacts,
 *   messages, channel settings or secrets. Written by the owner's app, read by the guests'.
 * - `r/a/<automation id>`: the draft document of one automation (see schema.ts).
 */
import * as Y from 'yjs';
import type { AutomationDef } from '../engine/schema/automation';
import type { CatalogAdditions } from '../engine/inputs';
import { sameJson } from './json';

/** Version of the index layout. */
export const INDEX_FORMAT = 1;

/** How a browser takes part in a room. */
export type ShareMode = 'edit' | 'view';

/** An automation listed by a room. */
export interface SharedAutomation {
	id: string;
	name: string;
	/** The definition when it was last listed (creates the automation on a guest that lacks it). */
	def: AutomationDef;
}

/** What a room's index holds. */
export interface RoomIndex {
	format: number;
	/** Name of the shared workspace. */
	workspace: string;
	automations: SharedAutomation[];
	catalog: CatalogAdditions;
}

/** Catalogue kinds a room carries (the keys of `CatalogAdditions`). */
export const CATALOG_KINDS = ['lists', 'fields', 'emails', 'tags', 'forms', 'conversions', 'scoring', 'pipelines', 'users'] as const satisfies readonly (keyof CatalogAdditions)[];

/** Name of the index document of a room. */
export function indexDocName(room: string): string {
	return `${room}/index`;
}

/** Name of the draft document of one automation of a room. */
export function automationDocName(room: string, automation: string): string {
	return `${room}/a/${automation}`;
}

const ROOM_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/** Whether `room` is a valid room name (letters, digits, ".", "_", "-"; 3 to 64 characters). */
export function validRoom(room: string): boolean {
	return ROOM_RE.test(room);
}

/** Whether `url` is a websocket server address (ws:// or wss://). */
export function validServer(url: string): boolean {
	try {
		const u = new URL(url);
		return (u.protocol === 'ws:' || u.protocol === 'wss:') && !!u.host;
	} catch {
		return false;
	}
}

/** A server address without trailing slashes. */
export function normalizeServer(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** A fresh, hard-to-guess room name ("studio-4f7k-92xq"). */
export function randomRoom(random: () => number = Math.random): string {
	const part = () =>
		Array.from({ length: 4 }, () => 'abcdefghijkmnpqrstuvwxyz23456789'[Math.floor(random() * 32)]).join('');
	return `studio-${part()}-${part()}-${part()}`;
}

/** The invite link of a room for a mode (the app's `/join` page). */
export function inviteLink(origin: string, server: string, room: string, mode: ShareMode): string {
	const q = new URLSearchParams({ server, room, mode });
	return `${origin.replace(/\/+$/, '')}/join?${q}`;
}

/** Reads an invite link's parameters (from its query string); null when incomplete or invalid. */
export function parseInvite(params: URLSearchParams): { server: string; room: string; mode: ShareMode } | null {
	const server = normalizeServer(params.get('server') ?? '');
	const room = params.get('room') ?? '';
	const mode = params.get('mode') === 'view' ? 'view' : 'edit';
	if (!validServer(server) || !validRoom(room)) return null;
	return { server, room, mode };
}

// ------------------------------------------------------------------ index document

function indexRoot(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('index');
}

function child(root: Y.Map<unknown>, key: string): Y.Map<unknown> {
	let m = root.get(key);
	if (!(m instanceof Y.Map)) {
		m = new Y.Map<unknown>();
		root.set(key, m);
	}
	return m as Y.Map<unknown>;
}

/** Makes the index document describe `index`, writing only what changed. */
export function writeIndex(doc: Y.Doc, index: RoomIndex, origin?: unknown): void {
	doc.transact(() => {
		const root = indexRoot(doc);
		if (root.get('format') !== index.format) root.set('format', index.format);
		if (root.get('workspace') !== index.workspace) root.set('workspace', index.workspace);
		const autos = child(root, 'automations');
		const wanted = new Map(index.automations.map((a) => [a.id, a]));
		for (const id of [...autos.keys()]) if (!wanted.has(id)) autos.delete(id);
		for (const [id, a] of wanted) if (!sameJson(autos.get(id), a)) autos.set(id, structuredClone(a));
		const cat = child(root, 'catalog');
		for (const kind of CATALOG_KINDS) {
			const entries = index.catalog[kind] ?? [];
			if (!sameJson(cat.get(kind) ?? [], entries)) cat.set(kind, structuredClone(entries));
		}
	}, origin);
}

/** The index a document describes; null while it is empty (not received yet, or nobody shared). */
export function readIndex(doc: Y.Doc): RoomIndex | null {
	const root = indexRoot(doc);
	if (root.get('format') === undefined) return null;
	const autos = root.get('automations');
	const cat = root.get('catalog');
	const automations: SharedAutomation[] = autos instanceof Y.Map ? [...autos.values()].map((a) => structuredClone(a) as SharedAutomation) : [];
	automations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const catalog: CatalogAdditions = {};
	if (cat instanceof Y.Map) for (const kind of CATALOG_KINDS) if (Array.isArray(cat.get(kind))) (catalog as Record<string, unknown>)[kind] = structuredClone(cat.get(kind));
	return { format: Number(root.get('format')), workspace: String(root.get('workspace') ?? ''), automations, catalog };
}

// ------------------------------------------------------------------ share settings

/** How one workspace of this browser is shared. */
export interface ShareSettings {
	server: string;
	room: string;
	/** "owner": this workspace was shared from here (keeps the index up to date); "guest": joined by link. */
	role: 'owner' | 'guest';
	mode: ShareMode;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const SHARE_KEY = 'journey-studio:share:';
const LAST_SERVER_KEY = 'journey-studio:collab-server';
/** The server used when none was used before (a local `npm run collab-server`). */
export const DEFAULT_SERVER = 'ws://127.0.0.1:1234';

/** The share settings of a workspace, or null when it is not shared. */
export function loadShare(workspace: string, store: Store = localStorage): ShareSettings | null {
	try {
		const s = JSON.parse(store.getItem(SHARE_KEY + workspace) ?? 'null') as ShareSettings | null;
		if (s && validServer(s.server) && validRoom(s.room) && (s.role === 'owner' || s.role === 'guest')) return { ...s, mode: s.mode === 'view' ? 'view' : 'edit' };
	} catch {
		// A corrupt entry means "not shared".
	}
	return null;
}

/** Stores the share settings of a workspace (and remembers the server for next time). */
export function saveShare(workspace: string, s: ShareSettings, store: Store = localStorage): void {
	store.setItem(SHARE_KEY + workspace, JSON.stringify(s));
	store.setItem(LAST_SERVER_KEY, s.server);
}

/** Stops sharing a workspace in this browser. */
export function clearShare(workspace: string, store: Store = localStorage): void {
	store.removeItem(SHARE_KEY + workspace);
}

/** The server used last (default: a local collab server). */
export function lastServer(store: Store = localStorage): string {
	const s = store.getItem(LAST_SERVER_KEY);
	return s && validServer(s) ? s : DEFAULT_SERVER;
}

/** The workspace of this browser that already takes part in a room, if any. */
export function workspaceOfRoom(server: string, room: string, store: Store = localStorage): string | null {
	for (let i = 0; i < store.length; i++) {
		const key = store.key(i);
		if (!key?.startsWith(SHARE_KEY)) continue;
		const ws = key.slice(SHARE_KEY.length);
		const s = loadShare(ws, store);
		if (s && s.room === room && normalizeServer(s.server) === normalizeServer(server)) return ws;
	}
	return null;
}
