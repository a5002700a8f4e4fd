/**
 * A shared room's index through a REAL collab server: the owner lists the demo's automations and
 * the catalogue they reference (no contacts), a guest's blank workspace receives it, applies the
 * catalogue through engine inputs and creates the automations as drafts that validate without
 * unknown references; applying again changes nothing. Plus links and share settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { demoTemplate, blankTemplate } from '../../../src/lib/templates/demo';
import { shareHandlers as h, roomIndexOf } from '../../../src/lib/worker/handlers/share';
import type { HandlerCtx } from '../../../src/lib/worker/handlers/context';
import { RoomLink } from '../../../src/lib/collab/websocket';
import {
	clearShare,
	indexDocName,
	inviteLink,
	lastServer,
	loadShare,
	parseInvite,
	randomRoom,
	readIndex,
	saveShare,
	validRoom,
	workspaceOfRoom,
	writeIndex
} from '../../../src/lib/collab/room';
import { freshIdb, runtimeOn, simEntry } from '../worker/harness';
import { startCollabServer, type CollabServer } from '../../servers/collab-process';

const START = Date.UTC(2026, 0, 5, 8);
let server: CollabServer;

beforeAll(async () => {
	server = await startCollabServer();
});
afterAll(async () => {
	await server?.stop();
});

async function ctxOf(kind: 'demo' | 'blank', id: string): Promise<HandlerCtx> {
	const rt = runtimeOn(freshIdb(), simEntry(id));
	await rt.init((kind === 'demo' ? demoTemplate : blankTemplate).build(START, 42).file, { seed: 42, start: START });
	return { rt, wallNow: () => START };
}

const polyfill = WebSocket;

describe('room index', () => {
	it('carries automations and their catalogue (never contacts) from the owner to a guest', async () => {
		const owner = await ctxOf('demo', 'owner');
		const index = h.roomIndex(owner);
		expect(index.automations.map((a) => a.id)).toEqual([...owner.rt.engine.slots.keys()].sort());
		expect(index.catalog.emails!.length).toBeGreaterThan(0);
		const text = JSON.stringify(index);
		for (const c of owner.rt.engine.world.contacts.slice(0, 50)) expect(text).not.toContain(c.email);

		const room = `idx-${Date.now()}`;
		const ownerDoc = new Y.Doc();
		const ownerLink = new RoomLink(ownerDoc, { server: server.url, room: indexDocName(room), WebSocketPolyfill: polyfill, events: null });
		expect(await ownerLink.whenSynced()).toBe(true);
		writeIndex(ownerDoc, index);

		const guestDoc = new Y.Doc();
		const guestLink = new RoomLink(guestDoc, { server: server.url, room: indexDocName(room), WebSocketPolyfill: polyfill, events: null, readonly: true });
		expect(await guestLink.whenSynced()).toBe(true);
		const received = readIndex(guestDoc);
		expect(received).toEqual(readIndex(ownerDoc));
		expect(received!.automations.length).toBe(index.automations.length);

		const guest = await ctxOf('blank', 'guest');
		const res = await h.applyRoomIndex(guest, received!);
		expect(res.problems).toEqual([]);
		expect(res.created.sort()).toEqual(index.automations.map((a) => a.id).sort());
		expect(res.upserted).toBeGreaterThan(0);
		const cat = guest.rt.engine.world.catalog;
		for (const e of index.catalog.emails!) expect(cat.emails.get(e.id)).toEqual(e);
		for (const l of index.catalog.lists!) expect(cat.lists.get(l.id)).toEqual(l);
		expect(guest.rt.engine.world.contacts.length).toBe(0);
		// Every shared automation validates on the guest without unknown catalogue references.
		for (const a of received!.automations) {
			const unknown = guest.rt.engine.validate({ ...a.def, status: 'inactive' }).filter((d) => /unknown/.test(d.code));
			expect(unknown, a.id).toEqual([]);
			expect(guest.rt.engine.slots.get(a.id)!.status).toBe('draft');
		}
		// The same index again changes nothing; a change of the owner's catalogue travels.
		expect(await h.applyRoomIndex(guest, received!)).toEqual({ created: [], upserted: 0, problems: [] });
		const email = index.catalog.emails![0];
		await owner.rt.apply({ type: 'email.saved', email: { ...email, subject: 'New subject' } });
		writeIndex(ownerDoc, roomIndexOf(owner.rt.engine, 'Demo'));
		await expect.poll(() => readIndex(guestDoc)!.catalog.emails!.find((e) => e.id === email.id)!.subject).toBe('New subject');
		expect(await h.applyRoomIndex(guest, readIndex(guestDoc)!)).toMatchObject({ created: [], upserted: 1 });
		expect(guest.rt.engine.world.catalog.emails.get(email.id)!.subject).toBe('New subject');
		ownerLink.destroy();
		guestLink.destroy();
	});

	it('reports a field of another type instead of failing the whole catalogue', async () => {
		const guest = await ctxOf('blank', 'guest2');
		await guest.rt.apply({ type: 'catalog.upserted', fields: [{ key: 'plan', label: 'Plan', type: 'number' }] });
		const res = await h.applyRoomIndex(guest, {
			format: 1,
			workspace: 'X',
			automations: [],
			catalog: { fields: [{ key: 'plan', label: 'Plan', type: 'text' }], lists: [{ id: 'vip', name: 'VIP' }], tags: ['a'] }
		});
		expect(res.upserted).toBe(2);
		expect(res.problems.join()).toMatch(/plan/);
		expect(guest.rt.engine.world.catalog.lists.get('vip')).toEqual({ id: 'vip', name: 'VIP' });
	});

	it('builds and reads invite links and keeps share settings per workspace', () => {
		const room = randomRoom();
		expect(validRoom(room)).toBe(true);
		expect(validRoom('a/b')).toBe(false);
		const link = inviteLink('http://localhost:4173/', 'ws://10.0.0.2:1234', room, 'view');
		const parsed = parseInvite(new URL(link).searchParams);
		expect(parsed).toEqual({ server: 'ws://10.0.0.2:1234', room, mode: 'view' });
		expect(parseInvite(new URLSearchParams('server=http://x&room=abc'))).toBeNull();

		const data = new Map<string, string>();
		const store = {
			getItem: (k: string) => data.get(k) ?? null,
			setItem: (k: string, v: string) => void data.set(k, v),
			removeItem: (k: string) => void data.delete(k),
			key: (i: number) => [...data.keys()][i] ?? null,
			get length() {
				return data.size;
			}
		};
		expect(lastServer(store)).toBe('ws://127.0.0.1:1234');
		saveShare('ws1', { server: 'ws://10.0.0.2:1234', room, role: 'guest', mode: 'edit' }, store);
		expect(loadShare('ws1', store)).toEqual({ server: 'ws://10.0.0.2:1234', room, role: 'guest', mode: 'edit' });
		expect(lastServer(store)).toBe('ws://10.0.0.2:1234');
		expect(workspaceOfRoom('ws://10.0.0.2:1234/', room, store)).toBe('ws1');
		expect(workspaceOfRoom('ws://10.0.0.2:1234', 'other-room', store)).toBeNull();
		clearShare('ws1', store);
		expect(loadShare('ws1', store)).toBeNull();
	});
});
