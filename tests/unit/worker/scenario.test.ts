import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Backend } from '../../../src/lib/worker/backend';
import { runScenario } from '../../../src/lib/format/run';
import { parseScenario } from '../../../src/lib/format/parse';
import { freshIdb } from './harness';

function backend() {
	const idb = freshIdb();
	return new Backend({ locks: null, channel: (n) => new BroadcastChannel(n), indexedDB: idb.indexedDB, IDBKeyRange: idb.IDBKeyRange, wallNow: () => Date.now(), storage: null }).api();
}

describe('scenario workspaces', () => {
	for (const name of ['welcome-series', 'abandoned-cart-goal', 'lead-scoring-to-deal']) {
		it(`${name}: running it in a simulation workspace gives the same result as npm run simulate`, async () => {
			const text = readFileSync(`tests/fixtures/scenarios/${name}.json`, 'utf8');
			const api = backend();
			const res = await api.createWorkspace({ name, kind: 'simulation', from: 'scenario', scenario: JSON.parse(text) });
			expect(res.ok, JSON.stringify(!res.ok && res.diagnostics)).toBe(true);
			if (!res.ok) return;
			await api.open(res.entry.id);
			const sc = await api.scenario();
			expect(sc?.name).toBeTruthy();
			await api.jumpTo(sc!.until);
			const after = await api.scenario();
			expect(after?.done).toBe(true);
			expect(after?.results?.every((r) => r.passed), JSON.stringify(after?.results?.filter((r) => !r.passed))).toBe(true);

			const parsed = parseScenario(text);
			if (!parsed.ok) throw new Error('fixture does not parse');
			const headless = runScenario(parsed.value);
			if (!headless.ok) throw new Error('fixture does not run');
			const inbox = await api.messages({ offset: 0, limit: 10_000 });
			expect(inbox.total).toBe(headless.report.outbox.length);
			const keys = inbox.rows.map((m) => m.key).sort();
			expect(keys).toEqual(headless.report.outbox.map((o) => o.key).sort());
		});
	}
});
