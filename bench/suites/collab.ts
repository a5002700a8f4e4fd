/**
 * Collaborative drafts: a draft with 1,000 edits (steps added, labels typed, deletions, moves,
 * triggers, comments and replies, through the builder's own operations) stored by y-indexeddb,
 * then reloaded: from its edit log (the first open after the session, which also merges the log
 * into one entry), from the merged entry (every later open), and from its encoded state alone
 * (the Yjs + definition work without storage). Then opened and closed 50 times without edits:
 * what is stored must not grow.
 *
 * IndexedDB is fake-indexeddb in Node (an in-memory implementation): the figures are the document
 * work plus a JS IndexedDB, not a browser's disk latency.
 */
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { DraftDoc } from '../../src/lib/collab/draft';
import { docToDef } from '../../src/lib/collab/convert';
import { storedSize } from '../../src/lib/collab/persistence';
import { editSession, sessionSeed } from '../../tests/unit/collab/history';
import { median, nowMs, gc } from '../lib/measure';
import type { Row, Suite, SuiteOptions } from '../lib/suite';

const EDITS = 1000;
const GOAL_MS = 200;
const user = { id: 'bench', name: 'Bench', color: '#3454d1' };
let db = 0;

const open = (automation: string) => DraftDoc.open({ workspace: 'bench', automation, user, channel: null }, async () => sessionSeed);
const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** A stored draft after a 1,000-edit session; returns its automation id and definition JSON. */
async function session(): Promise<{ automation: string; def: string; state: Uint8Array }> {
	const automation = `a${++db}`;
	const d = await open(automation);
	editSession(d, EDITS);
	const def = JSON.stringify(d.def);
	const state = Y.encodeStateAsUpdate(d.doc);
	d.destroy();
	await settle(50);
	return { automation, def, state };
}

/** Opens the draft and derives its definition; checks it; returns the milliseconds. */
async function timedOpen(automation: string, def: string): Promise<number> {
	gc();
	const t0 = nowMs();
	const d = await open(automation);
	const got = JSON.stringify(d.def);
	const ms = nowMs() - t0;
	d.destroy();
	if (got !== def) throw new Error('reloaded draft differs from the saved one');
	await settle(5);
	return ms;
}

async function run(opts: SuiteOptions = { quick: false }): Promise<Row[]> {
	const reps = opts.quick ? 3 : 9;
	const logMs: number[] = [];
	const warmMs: number[] = [];
	const stateMs: number[] = [];
	let logged = { bytes: 0, entries: 0 };
	let merged = { bytes: 0, entries: 0 };
	let stateBytes = 0;
	let last = { automation: '', def: '' };
	for (let r = 0; r < (opts.quick ? 1 : 3); r++) {
		const s = await session();
		logged = await storedSize(`journey-studio-draft:bench:${s.automation}`);
		logMs.push(await timedOpen(s.automation, s.def));
		merged = await storedSize(`journey-studio-draft:bench:${s.automation}`);
		for (let i = 0; i < reps; i++) warmMs.push(await timedOpen(s.automation, s.def));
		for (let i = 0; i < reps; i++) {
			gc();
			const t0 = nowMs();
			const doc = new Y.Doc();
			Y.applyUpdate(doc, s.state);
			const got = JSON.stringify(docToDef(doc));
			stateMs.push(nowMs() - t0);
			if (got !== s.def) throw new Error('state reload differs');
			doc.destroy();
		}
		stateBytes = s.state.byteLength;
		last = s;
	}
	// Opened and closed 50 times without edits: stored bytes must not change.
	const name = `journey-studio-draft:bench:${last.automation}`;
	const before = await storedSize(name);
	for (let i = 0; i < 50; i++) {
		(await open(last.automation)).destroy();
		await settle(2);
	}
	const after = await storedSize(name);
	const warm = median(warmMs);
	return [
		{ name: `${EDITS} edits, first open (edit log)`, values: { 'reload ms': median(logMs), 'min ms': Math.min(...logMs), 'stored B': logged.bytes, entries: String(logged.entries) } },
		{
			name: `${EDITS} edits, later opens (merged)`,
			values: { 'reload ms': warm, 'min ms': Math.min(...warmMs), 'stored B': merged.bytes, entries: String(merged.entries) },
			targets: [{ label: `draft with ${EDITS} edits reloads (y-indexeddb, median)`, value: warm, op: '<', limit: GOAL_MS, unit: 'ms' }]
		},
		{ name: `${EDITS} edits, encoded state only`, values: { 'reload ms': median(stateMs), 'min ms': Math.min(...stateMs), 'stored B': stateBytes, entries: '1' } },
		{
			name: '50 opens/closes without edits',
			values: { 'reload ms': null, 'min ms': null, 'stored B': after.bytes, entries: String(after.entries), 'growth B': after.bytes - before.bytes },
			targets: [
				{ label: 'stored size growth after 50 opens without edits', value: after.bytes - before.bytes, op: '<=', limit: 0, unit: 'B' },
				{ label: `first open after ${EDITS} edits (edit log, median)`, value: median(logMs), op: '<', limit: GOAL_MS, unit: 'ms' }
			]
		}
	];
}

export const suite: Suite = { name: 'collab', title: `a draft with ${EDITS} edits: reload time and stored size (fake-indexeddb)`, run };
