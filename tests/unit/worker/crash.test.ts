/**
 * Crash safety: a 10k-contact simulation is killed at random points (between commits, or inside a
 * commit transaction), reopened from IndexedDB and run to the end; the final engine state and
 * messages must equal those of an uninterrupted run. Seeds are fixed; a failure prints its seed.
 */
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../src/lib/engine/core/time';
import { Rng } from '../../../src/lib/engine/core/random';
import { snapshot } from '../../../src/lib/engine/state';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import type { Input } from '../../../src/lib/engine/inputs';
import type { WorkspaceRuntime } from '../../../src/lib/worker/runtime';
import { fakeHost, freshIdb, runtimeOn } from './harness';

const START = Date.UTC(2026, 1, 2, 9);
const END = START + 20 * DAY;
const N = 10_000;

function workspace() {
	return WorkspaceFile.parse({
		format: 'journey-studio/workspace',
		version: 1,
		name: 'crash',
		lists: [{ id: 'news', name: 'News' }],
		emails: [
			{ id: 'hello', name: 'Hello', subject: 'Hello %FIRSTNAME%', body: '<p>Hi %FIRSTNAME%</p>' },
			{ id: 'follow', name: 'Follow up', subject: 'Still there?', body: '<p>?</p>' }
		],
		contacts: Array.from({ length: N }, (_, i) => ({ id: `c${i}`, email: `c${i}@example.com`, firstName: `N${i}`, lists: { news: 'active' } })),
		automations: [
			{
				id: 'a',
				name: 'A',
				status: 'active',
				triggers: [{ id: 'm', kind: 'manual', runs: 'every' }],
				steps: [
					{ id: 'send', kind: 'email.send', email: 'hello', next: 'w' },
					{ id: 'w', kind: 'wait', wait: { mode: 'until_conditions', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'hello' }, timeLimit: { days: 3 } }, next: 'split' },
					{ id: 'split', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 30, next: 'w2' }, { label: 'B', percent: 70, next: 'tag' }] },
					{ id: 'w2', kind: 'wait', wait: { mode: 'period', for: { days: 2, hours: 5 } }, next: 'follow' },
					{ id: 'follow', kind: 'email.send', email: 'follow', next: 'goal' },
					{ id: 'tag', kind: 'tag.add', tag: 'b', next: 'goal' },
					{ id: 'goal', kind: 'goal', conditions: { kind: 'tag', op: 'has', tag: 'buyer' }, ifUnmet: 'wait' }
				]
			}
		]
	});
}

function script(): Input[] {
	const rng = new Rng(7);
	const out: Input[] = [{ type: 'contacts.added', at: START, automation: 'a', contacts: Array.from({ length: N }, (_, i) => `c${i}`) }];
	for (let i = 0; i < N; i++) {
		if (rng.next() < 0.4) out.push({ type: 'email.opened', at: START + Math.floor(rng.next() * 4 * DAY), contact: `c${i}`, email: 'hello' });
		if (rng.next() < 0.2) out.push({ type: 'tag.added', at: START + HOUR + Math.floor(rng.next() * 15 * DAY), contact: `c${i}`, tag: 'buyer' });
	}
	return out.sort((a, b) => a.at - b.at);
}

async function fresh(idb: ReturnType<typeof freshIdb>, host = fakeHost()): Promise<WorkspaceRuntime> {
	const rt = runtimeOn(idb, undefined, host);
	await rt.init(workspace(), { seed: 3, start: START, inputs: script().map((input) => ({ at: input.at, input, source: 'test' })) });
	return rt;
}

function outcome(rt: WorkspaceRuntime): string {
	return JSON.stringify({ engine: snapshot(rt.engine), messages: rt.messages });
}

class Killed extends Error {}

describe('crash safety', () => {
	it('ends in the uninterrupted state whatever the kill point', { timeout: 300_000 }, async () => {
		// Count the kill points an uninterrupted run offers (wall-clock reads, table writes).
		const refHost = fakeHost(250);
		const ref = await fresh(freshIdb(), refHost);
		let wallReads = 0;
		let writes = 0;
		const refWall = refHost.wallNow;
		refHost.wallNow = () => (wallReads++, refWall());
		for (const table of [ref.db.contactChunks, ref.db.runChunks, ref.db.messageChunks, ref.db.meta]) {
			const put = table.bulkPut.bind(table) as (...a: unknown[]) => Promise<unknown>;
			(table as unknown as { bulkPut: unknown }).bulkPut = (...a: unknown[]) => (writes++, put(...a));
		}
		await ref.jumpTo(END);
		const expected = outcome(ref);
		expect(ref.messages.length).toBeGreaterThan(N);

		let kills = 0;
		for (let seed = 1; seed <= 6; seed++) {
			const rng = new Rng(seed);
			const idb = freshIdb();
			const host = fakeHost(250);
			const rt = await fresh(idb, host);
			const mode = seed % 2 === 0 ? 'between-commits' : 'inside-transaction';
			const k = 1 + rng.int(Math.max(1, Math.floor(0.6 * (mode === 'between-commits' ? wallReads : writes))));
			let calls = 0;
			if (mode === 'between-commits') {
				const wall = host.wallNow;
				host.wallNow = () => {
					if (++calls === k) throw new Killed(`killed at wall read ${k}`);
					return wall();
				};
			} else {
				for (const table of [rt.db.contactChunks, rt.db.runChunks, rt.db.messageChunks, rt.db.meta]) {
					const put = table.bulkPut.bind(table) as (...a: unknown[]) => Promise<unknown>;
					(table as unknown as { bulkPut: unknown }).bulkPut = (...a: unknown[]) => {
						if (++calls === k) throw new Killed(`killed inside commit at write ${k}`);
						return put(...a);
					};
				}
			}
			const killed = await rt.jumpTo(END).then(
				() => false,
				(e: unknown) => {
					if (!(e instanceof Killed)) throw e;
					return true;
				}
			);
			kills += killed ? 1 : 0;
			rt.db.close();
			const again = runtimeOn(idb, undefined, fakeHost(250));
			expect(await again.load(), `seed ${seed}`).toBe(true);
			await again.jumpTo(END);
			const got = outcome(again);
			if (got !== expected) throw new Error(`crash seed ${seed} (${mode}, k=${k}, killed=${killed}): final state differs from the uninterrupted run`);
			again.db.close();
		}
		expect(kills, 'runs actually killed').toBeGreaterThanOrEqual(4);
	});
});
