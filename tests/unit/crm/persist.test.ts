// CRM changes are committed with the workspace and survive a reload (deletions included).
import { describe, expect, it } from 'vitest';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { snapshot } from '../../../src/lib/engine/state';
import { freshIdb, runtimeOn } from '../worker/harness';

const START = Date.UTC(2026, 0, 5, 8);

describe('CRM persistence', () => {
	it('keeps pipelines, users, deals, tasks and notes, and forgets deleted deals and accounts', async () => {
		const idb = freshIdb();
		const rt = runtimeOn(idb);
		const file = WorkspaceFile.parse({
			format: 'journey-studio/workspace',
			version: 1,
			name: 'CRM',
			users: [{ id: 'alice', name: 'Alice', email: 'alice@example.com' }],
			pipelines: [{ id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }] }],
			accounts: [{ id: 'acme', name: 'Acme' }, { id: 'globex', name: 'Globex' }],
			contacts: [{ id: 'c1', email: 'c1@example.com', account: 'acme' }],
			deals: [
				{ id: 'd1', contact: 'c1', pipeline: 'sales', stage: 'lead', title: 'Keep' },
				{ id: 'd2', contact: 'c1', pipeline: 'sales', stage: 'lead', title: 'Drop' }
			]
		});
		await rt.init(file, { seed: 1, start: START });
		const results = await rt.applyMany([
			{ type: 'pipeline.saved', pipeline: { id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }, { id: 'won', name: 'Won' }] } },
			{ type: 'user.saved', user: { id: 'bob', name: 'Bob', email: 'bob@example.com' } },
			{ type: 'deal.task_added', deal: 'd1', task: { type: 'call', title: 'Call', assignee: 'bob' } },
			{ type: 'deal.note_added', deal: 'd1', text: 'Hello' },
			{ type: 'deal.deleted', deal: 'd2' },
			{ type: 'account.deleted', account: 'globex' }
		]);
		expect(results.every((r) => r.ok)).toBe(true);
		const before = JSON.stringify(snapshot(rt.engine));
		rt.db.close();

		const again = runtimeOn(idb);
		expect(await again.load()).toBe(true);
		const w = again.engine.world;
		expect([...w.deals.keys()]).toEqual(['d1']);
		expect([...w.accounts.keys()]).toEqual(['acme']);
		expect(w.catalog.pipelines.get('sales')!.stages.map((s) => s.id)).toEqual(['lead', 'won']);
		expect(w.catalog.users.has('bob')).toBe(true);
		expect(w.deals.get('d1')!.tasks[0]).toMatchObject({ title: 'Call', assignee: 'bob' });
		expect(w.deals.get('d1')!.notes[0].text).toBe('Hello');
		expect(JSON.stringify(snapshot(again.engine))).toBe(before);
	});
});
