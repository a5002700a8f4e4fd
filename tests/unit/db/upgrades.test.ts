/**
 * Schema upgrades: a database created by ANY earlier build (every entry of WORKSPACE_VERSIONS
 * before the latest), holding data, opens with the current code and nothing is lost. Written over
 * the version list, so a new version is covered the day it is added.
 */
import { describe, expect, it } from 'vitest';
import { WORKSPACE_DB_VERSION, WORKSPACE_VERSIONS, WorkspaceDb } from '../../../src/lib/db/workspace';
import { WorkspaceRuntime } from '../../../src/lib/worker/runtime';
import { TEMPLATES } from '../../../src/lib/templates/demo';
import { snapshot } from '../../../src/lib/engine/state';
import { fakeHost, freshIdb, simEntry } from '../worker/harness';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2, 8);
const earlier = WORKSPACE_VERSIONS.filter((v) => v.version < WORKSPACE_DB_VERSION).map((v) => v.version);

/** The stores (with their primary key spec) that exist at `version`. */
function storesAt(version: number): Map<string, string> {
	const out = new Map<string, string>();
	for (const v of WORKSPACE_VERSIONS) {
		if (v.version > version) break;
		for (const [name, spec] of Object.entries(v.stores)) {
			if (spec === null) out.delete(name);
			else out.set(name, spec);
		}
	}
	return out;
}

/** Primary key path of a Dexie store spec ("&id, name" → id; "++seq, at" → seq, auto-increment). */
function primaryKey(spec: string): { path: string; auto: boolean } {
	const first = spec.split(',')[0].trim();
	return { path: first.replace(/^(\+\+|&)/, ''), auto: first.startsWith('++') };
}

describe.each(earlier)('a database created at version %i', (version) => {
	it('keeps every row of every store when opened with the current code', async () => {
		const idb = freshIdb();
		const old = new WorkspaceDb('upgrade', { ...idb, upTo: version });
		await old.open();
		expect(old.verno).toBe(version);
		const written = new Map<string, unknown[]>();
		for (const [name, spec] of storesAt(version)) {
			const { path, auto } = primaryKey(spec);
			// Every indexed property gets a value too, so indexes are exercised.
			const indexed = spec.split(',').slice(1).map((s) => s.trim().replace(/^[&*]/, '')).filter(Boolean);
			const rows = [1, 2, 3].map((i) => {
				const row: Record<string, unknown> = { payload: { store: name, i, nested: [i, `text ${i}`] } };
				if (!auto) row[path] = typeof i === 'number' && /no|from|seq/.test(path) ? i : `${name}-${i}`;
				for (const ix of indexed) row[ix] ??= ix === 'at' ? START + i : `${ix}-${i}`;
				return row;
			});
			await old.table(name).bulkAdd(rows);
			written.set(name, rows);
		}
		old.close();

		const current = new WorkspaceDb('upgrade', idb);
		await current.open();
		expect(current.verno).toBe(WORKSPACE_DB_VERSION);
		for (const [name, rows] of written) {
			const now = await current.table(name).toArray();
			expect(now.length, `rows of "${name}"`).toBe(rows.length);
			for (const row of rows) expect(now).toContainEqual(expect.objectContaining(row as object));
		}
		// Stores added since exist and can be written.
		for (const name of storesAt(WORKSPACE_DB_VERSION).keys()) expect(current.tables.map((t) => t.name)).toContain(name);
		current.close();
	});

	it('reopens a real workspace committed by that build exactly, and keeps running it', async () => {
		const idb = freshIdb();
		const entry = simEntry('upgrade-real');
		const built = TEMPLATES.demo.build(START, 7);
		const oldRt = new WorkspaceRuntime(entry, new WorkspaceDb(entry.id, { ...idb, upTo: version }), fakeHost());
		await oldRt.init(built.file, { seed: 7, start: START, inputs: built.inputs.map((input) => ({ at: input.at, input, source: 'template:demo' })) });
		await oldRt.jumpTo(START + 10 * DAY);
		const before = snapshot(oldRt.engine);
		const messages = oldRt.messages.length;
		const pending = oldRt.pendingInputs().length;
		await oldRt.stop();
		oldRt.db.close();

		const rt = new WorkspaceRuntime(entry, new WorkspaceDb(entry.id, idb), fakeHost());
		expect(await rt.load()).toBe(true);
		expect(rt.db.verno).toBe(WORKSPACE_DB_VERSION);
		expect(snapshot(rt.engine)).toEqual(before);
		expect(rt.messages.length).toBe(messages);
		expect(rt.pendingInputs().length).toBe(pending);
		await rt.jumpTo(START + 12 * DAY);
		expect(rt.engine.now).toBe(START + 12 * DAY);
		await rt.stop();
		rt.db.close();
	});
});

it('has a contiguous, append-only version list', () => {
	expect(WORKSPACE_VERSIONS.map((v) => v.version)).toEqual(WORKSPACE_VERSIONS.map((_, i) => i + 1));
	expect(earlier.length).toBeGreaterThan(0);
});
