/**
 * Persistence formats: chunks hold their rows as JSON (contacts, messages, run extras, trace details), scheduled
 * inputs are stored in batches; a database written by an earlier build (rows as objects, one
 * input per row) loads into exactly the same state and goes on the same way.
 */
import { describe, expect, it } from 'vitest';
import { DAY } from '../../../src/lib/engine/core/time';
import { snapshot } from '../../../src/lib/engine/state';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import type { Input } from '../../../src/lib/engine/inputs';
import { keyRuns } from '../../../src/lib/worker/persist';
import { INPUT_BATCH, isInputBatch, type InputBatchRow, type InputRow } from '../../../src/lib/db/records';
import type { WorkspaceRuntime } from '../../../src/lib/worker/runtime';
import { Backend } from '../../../src/lib/worker/backend';
import { fakeHost, freshIdb, runtimeOn } from './harness';

const START = Date.UTC(2026, 1, 2, 9);
const N = 2500;

function workspace() {
	return WorkspaceFile.parse({
		format: 'journey-studio/workspace',
		version: 1,
		name: 'persist',
		lists: [{ id: 'news', name: 'News' }],
		fields: [{ key: 'score', label: 'Score', type: 'number' }],
		emails: [{ id: 'hello', name: 'Hello', subject: 'Hello %FIRSTNAME%', body: '<p>Hi %FIRSTNAME%</p>' }],
		contacts: Array.from({ length: N }, (_, i) => ({ id: `c${i}`, email: `c${i}@example.com`, firstName: `N${i}`, lists: { news: 'active' }, fields: { score: i % 7 } })),
		automations: [
			{
				id: 'a',
				name: 'A',
				status: 'active',
				triggers: [{ id: 'm', kind: 'manual', runs: 'every' }],
				steps: [
					{ id: 'send', kind: 'email.send', email: 'hello', next: 'w' },
					{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'goal' },
					{ id: 'goal', kind: 'goal', conditions: { kind: 'tag', op: 'has', tag: 'buyer' }, ifUnmet: 'continue', next: 'tag' },
					{ id: 'tag', kind: 'tag.add', tag: 'done' }
				]
			}
		]
	});
}

/** Contacts added on day 0; every third one tagged "buyer" on a later day, up to day 9. */
function script(): Input[] {
	const out: Input[] = [{ type: 'contacts.added', at: START, automation: 'a', contacts: Array.from({ length: N }, (_, i) => `c${i}`) }];
	for (let i = 0; i < N; i += 3) out.push({ type: 'tag.added', at: START + DAY + (i % 9) * DAY, contact: `c${i}`, tag: 'buyer' });
	return out.sort((a, b) => a.at - b.at);
}

async function fresh(idb: ReturnType<typeof freshIdb>): Promise<WorkspaceRuntime> {
	const rt = runtimeOn(idb, undefined, fakeHost());
	const diagnostics = await rt.init(workspace(), { seed: 5, start: START, inputs: script().map((input) => ({ at: input.at, input, source: 'test' })) });
	expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	expect(rt.engine.world.contacts.length).toBe(N);
	return rt;
}

const outcome = (rt: WorkspaceRuntime) => JSON.stringify({ engine: snapshot(rt.engine), messages: rt.messages });

describe('key runs', () => {
	it('groups consecutive keys into inclusive ranges, in order, whatever the input order', () => {
		expect(keyRuns([])).toEqual([]);
		expect(keyRuns([5, 3, 4, 10, 11, 1, 4])).toEqual([
			[1, 1],
			[3, 5],
			[10, 11]
		]);
	});
});

describe('persistence', () => {
	it('stores chunks as JSON, deletes exactly the consumed inputs, and reloads the same state', async () => {
		const idb = freshIdb();
		const rt = await fresh(idb);
		await rt.jumpTo(START + 5 * DAY);
		const chunk = (await rt.db.contactChunks.toArray())[0];
		expect(typeof chunk.json).toBe('string');
		expect(chunk.rows).toBeUndefined();
		expect(typeof (await rt.db.runChunks.toArray())[0].extra).toBe('string');
		expect(typeof (await rt.db.messageChunks.toArray())[0].json).toBe('string');
		// Inputs of days 0–5 are consumed; those of days 6–9 stay, none lost, in batch rows.
		const later = script().filter((i) => i.at > START + 5 * DAY).length;
		expect(later).toBeGreaterThan(0);
		const rows = await rt.db.inputs.toArray();
		expect(rows.every(isInputBatch)).toBe(true);
		expect(rows.length).toBeLessThanOrEqual(Math.ceil(script().length / INPUT_BATCH));
		const stored = rows.flatMap((r) => JSON.parse((r as InputBatchRow).batch) as InputRow[]);
		expect(stored.length).toBe(later);
		expect(stored.every((r) => r.at > START + 5 * DAY)).toBe(true);
		const expected = outcome(rt);

		const again = runtimeOn(idb, undefined, fakeHost());
		expect(await again.load()).toBe(true);
		expect(outcome(again)).toBe(expected);
		expect(again.pendingInputs().filter((r) => r.rank === undefined).map((r) => r.seq)).toEqual(rt.pendingInputs().filter((r) => r.rank === undefined).map((r) => r.seq));
		// Inputs scheduled after a reload are numbered after every earlier one.
		const max = Math.max(...stored.map((r) => r.seq!));
		const extra = { at: START + 11 * DAY, input: { type: 'tag.added', at: START + 11 * DAY, contact: 'c1', tag: 'late' } as Input, source: 'test' };
		await rt.schedule([extra]);
		await again.schedule([extra]);
		expect(again.pendingInputs().find((r) => r.source === 'test' && r.at === extra.at)!.seq).toBeGreaterThan(max);
		// And both go on the same way.
		await rt.jumpTo(START + 12 * DAY);
		await again.jumpTo(START + 12 * DAY);
		expect(outcome(again)).toBe(outcome(rt));
	});

	it('loads a database written by an earlier build (rows stored as objects)', async () => {
		const idb = freshIdb();
		const rt = await fresh(idb);
		await rt.jumpTo(START + 4 * DAY);
		const expected = outcome(rt);
		// Rewrite every chunk the way earlier builds stored them.
		const db = rt.db;
		const contacts = await db.contactChunks.toArray();
		await db.contactChunks.bulkPut(contacts.map((c) => ({ no: c.no, rows: JSON.parse(c.json!) })));
		const messages = await db.messageChunks.toArray();
		await db.messageChunks.bulkPut(messages.map((c) => ({ no: c.no, rows: JSON.parse(c.json!) })));
		const runs = await db.runChunks.toArray();
		await db.runChunks.bulkPut(runs.map((c) => ({ no: c.no, rows: { ...c.rows, extra: JSON.parse(c.extra!) } })));
		const trace = await db.traceBlocks.toArray();
		expect(trace.every((b) => typeof b.detailsJson === 'string' && b.details.length === 0)).toBe(true);
		await db.traceBlocks.bulkPut(trace.map(({ detailsJson, ...b }) => ({ ...b, details: JSON.parse(detailsJson!) })));
		// Inputs one row each, keyed by their numbers.
		const batches = (await db.inputs.toArray()) as InputBatchRow[];
		await db.inputs.clear();
		await db.inputs.bulkAdd(batches.flatMap((b) => JSON.parse(b.batch) as InputRow[]));
		expect((await db.inputs.toArray()).some(isInputBatch)).toBe(false);
		expect((await db.contactChunks.toArray())[0].json).toBeUndefined();

		const again = runtimeOn(idb, undefined, fakeHost());
		expect(await again.load()).toBe(true);
		expect(outcome(again)).toBe(expected);
		// Its next commit writes the chunks it changes (tags of day 7) in the new form, and deletes
		// the single input rows it consumes; it ends where the reference ends.
		await again.jumpTo(START + 8 * DAY);
		expect(typeof (await db.contactChunks.toArray())[0].json).toBe('string');
		expect((await db.inputs.toArray()).every((r) => r.at > START + 8 * DAY)).toBe(true);
		await rt.jumpTo(START + 8 * DAY);
		expect(outcome(again)).toBe(outcome(rt));
	});
});

describe('copies', () => {
	it('a copy of a workspace keeps its pending inputs, in order, and runs to the same end', { timeout: 60_000 }, async () => {
		const idb = freshIdb();
		const api = new Backend({ locks: null, channel: (n) => new BroadcastChannel(n), indexedDB: idb.indexedDB, IDBKeyRange: idb.IDBKeyRange, wallNow: () => START, storage: null }).api();
		const made = await api.createWorkspace({ name: 'Original', kind: 'simulation', from: 'template', template: 'demo', start: START, seed: 5 });
		if (!made.ok) throw new Error(JSON.stringify(made.diagnostics));
		await api.open(made.entry.id);
		await api.jumpTo(START + 2 * DAY);
		const at = await api.summary();
		expect(at.scheduledInputs).toBeGreaterThan(0);
		const copy = await api.createWorkspace({ name: 'Copy', kind: 'simulation', from: 'copy', source: made.entry.id });
		if (!copy.ok) throw new Error(JSON.stringify(copy.diagnostics));
		await api.jumpTo(START + 12 * DAY);
		const original = await api.summary();
		await api.open(copy.entry.id);
		expect((await api.summary()).scheduledInputs).toBe(at.scheduledInputs);
		await api.jumpTo(START + 12 * DAY);
		const after = await api.summary();
		expect({ runs: after.runs, messages: after.messages, scheduledInputs: after.scheduledInputs }).toEqual({ runs: original.runs, messages: original.messages, scheduledInputs: original.scheduledInputs });
	});
});
