/**
 * Drafts connected through a REAL collab server process (scripts/collab-server.mjs on loopback,
 * random port): the first sync decides seeding (no duplicate), edits flow both ways, a peer that
 * worked offline merges when it reconnects, a spectator receives but never sends, and an
 * unreachable server falls back to seeding quickly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DraftDoc } from '../../../src/lib/collab/draft';
import { RoomLink } from '../../../src/lib/collab/websocket';
import { automationDocName } from '../../../src/lib/collab/room';
import { appendStep } from '../../../src/lib/collab/ops';
import { demoTemplate } from '../../../src/lib/templates/demo';
import type { AutomationDef } from '../../../src/lib/engine/schema/automation';
import { startCollabServer, type CollabServer } from '../../servers/collab-process';

const welcome = demoTemplate.build(Date.UTC(2026, 0, 5), 42).file.automations.find((a) => a.id === 'welcome') as AutomationDef;
let server: CollabServer;
const open: DraftDoc[] = [];
let n = 0;

beforeAll(async () => {
	server = await startCollabServer();
});
afterAll(async () => {
	await server?.stop();
});
afterEach(() => {
	for (const d of open.splice(0)) d.destroy();
});

interface Peer {
	draft: DraftDoc;
	link: RoomLink;
	seeded: boolean;
}

/** Opens the draft of `automation` in `room` as user `name`, connected to the server (or `url`). */
async function peer(name: string, room: string, opts: { seed?: AutomationDef | null; readonly?: boolean; url?: string } = {}): Promise<Peer> {
	let link!: RoomLink;
	let seeded = false;
	const draft = await DraftDoc.open(
		{
			workspace: `ws-${name}`,
			automation: 'welcome',
			user: { id: name, name, color: '#123456' },
			persist: false,
			channel: null,
			connect: async (d) => {
				link = new RoomLink(d.doc, { server: opts.url ?? server.url, room: automationDocName(room, 'welcome'), awareness: d.awareness, readonly: opts.readonly, WebSocketPolyfill: WebSocket, events: null });
				d.attach(link);
				await link.whenSynced(3000);
			}
		},
		async () => {
			seeded = true;
			return opts.seed === undefined ? welcome : opts.seed;
		}
	);
	open.push(draft);
	return { draft, link, seeded };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
	const t0 = Date.now();
	while (!check()) {
		if (Date.now() - t0 > ms) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
	}
}

const tagStep = (id: string) => ({ id, kind: 'tag.add', tag: id }) as AutomationDef['steps'][number];

describe('drafts over a y-websocket room', () => {
	it('the second peer syncs before seeding, then edits converge both ways with presence', async () => {
		const room = `room-${++n}-${Date.now()}`;
		const a = await peer('alice', room);
		expect(a.seeded).toBe(true);
		expect(a.link.state).toMatchObject({ status: 'connected', synced: true });
		a.draft.edit((d) => ({ ...d, name: 'Welcome (shared)' }));
		// Bob's local definition differs: had he seeded, the room would hold two names.
		const b = await peer('bob', room, { seed: { ...welcome, name: 'Stale local copy' } });
		expect(b.seeded).toBe(false);
		expect(b.draft.def.name).toBe('Welcome (shared)');
		expect(b.draft.def.steps.map((s) => s.id)).toEqual(welcome.steps.map((s) => s.id));
		a.draft.edit((d) => appendStep(d, tagStep('from-alice')));
		b.draft.edit((d) => appendStep(d, tagStep('from-bob')));
		await until(() => a.draft.def.steps.length === welcome.steps.length + 2 && b.draft.def.steps.length === welcome.steps.length + 2);
		expect(a.draft.def).toEqual(b.draft.def);
		await until(() => a.draft.peers().some((p) => p.user.name === 'bob') && b.draft.peers().some((p) => p.user.name === 'alice'));
	});

	it('a peer that worked offline merges its edits when it reconnects', async () => {
		const room = `room-${++n}-${Date.now()}`;
		const a = await peer('alice', room);
		const b = await peer('bob', room);
		const states: string[] = [];
		b.link.subscribe((s) => states.push(s.status));
		b.link.pause();
		expect(b.link.state).toMatchObject({ status: 'offline', paused: true });
		b.draft.edit((d) => appendStep(d, tagStep('offline-bob')));
		b.draft.edit((d) => ({ ...d, name: 'Renamed offline' }));
		a.draft.edit((d) => appendStep(d, tagStep('online-alice')));
		await new Promise((r) => setTimeout(r, 200));
		expect(a.draft.def.steps.some((s) => s.id === 'offline-bob')).toBe(false);
		b.link.reconnect();
		await until(() => b.link.state.synced);
		await until(() => a.draft.def.steps.some((s) => s.id === 'offline-bob') && b.draft.def.steps.some((s) => s.id === 'online-alice'));
		expect(a.draft.def).toEqual(b.draft.def);
		expect(a.draft.def.name).toBe('Renamed offline');
		expect(states).toContain('connected');
	});

	it('a spectator receives every change and never sends its own', async () => {
		const room = `room-${++n}-${Date.now()}`;
		const a = await peer('alice', room);
		const s = await peer('sam', room, { readonly: true });
		expect(s.seeded).toBe(false);
		expect(s.draft.def).toEqual(a.draft.def);
		// A local change of the spectator (the builder forbids it; the provider must not carry it anyway).
		s.draft.edit((d) => ({ ...d, name: 'Spectator was here' }));
		a.draft.edit((d) => appendStep(d, tagStep('after-spectator')));
		await until(() => s.draft.def.steps.some((x) => x.id === 'after-spectator'));
		// A third peer joining now sees what the server holds: Alice's edit, never the spectator's.
		const c = await peer('carol', room, { seed: null });
		expect(c.draft.def.steps.some((x) => x.id === 'after-spectator')).toBe(true);
		expect(c.draft.def.name).not.toBe('Spectator was here');
		expect(a.draft.def.name).not.toBe('Spectator was here');
		// The spectator's presence still shows.
		await until(() => a.draft.peers().some((p) => p.user.name === 'sam'));
	});

	it('an unreachable server fails fast: the draft seeds locally and keeps retrying', async () => {
		const t0 = Date.now();
		const p = await peer('solo', `room-${++n}`, { url: 'ws://127.0.0.1:9' });
		expect(p.seeded).toBe(true);
		expect(p.draft.def.steps.length).toBe(welcome.steps.length);
		expect(Date.now() - t0).toBeLessThan(3500);
		expect(p.link.state.status).not.toBe('connected');
	});

	it('two peers seeding the same definition offline converge without duplicates once connected', async () => {
		const room = `room-${++n}-${Date.now()}`;
		const a = await peer('alice', room);
		a.link.pause();
		const b = await peer('bob', room, { url: 'ws://127.0.0.1:9' });
		b.link.destroy();
		// Bob's document was seeded on its own; connect it to the room now.
		const relink = new RoomLink(b.draft.doc, { server: server.url, room: automationDocName(room, 'welcome'), WebSocketPolyfill: WebSocket, events: null });
		b.draft.attach(relink);
		a.link.reconnect();
		await until(() => relink.state.synced && a.link.state.synced);
		expect(a.draft.def.steps.length).toBe(welcome.steps.length);
		expect(b.draft.def).toEqual(a.draft.def);
	});
});
