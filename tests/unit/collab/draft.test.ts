/**
 * Open drafts in two "tabs" (real BroadcastChannels of this process): they converge at once,
 * see each other's selection, and each user's undo only undoes their own edits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DraftDoc } from '../../../src/lib/collab/draft';
import { appendStep, replaceStep } from '../../../src/lib/collab/ops';
import { demoTemplate } from '../../../src/lib/templates/demo';
import type { AutomationDef } from '../../../src/lib/engine/schema/automation';

const welcome = demoTemplate.build(Date.UTC(2026, 0, 5), 42).file.automations.find((a) => a.id === 'welcome') as AutomationDef;
const open: DraftDoc[] = [];
let room = 0;

async function tab(name: string, automation: string, seed: AutomationDef | null = welcome): Promise<DraftDoc> {
	const d = await DraftDoc.open({ workspace: 'ws', automation, user: { id: name, name, color: '#123456' }, persist: false }, async () => seed);
	open.push(d);
	return d;
}

/** Waits until `check` holds (messages between channels are asynchronous). */
async function until(check: () => boolean, ms = 2000): Promise<void> {
	const t0 = Date.now();
	while (!check()) {
		if (Date.now() - t0 > ms) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 5));
	}
}

afterEach(() => {
	for (const d of open.splice(0)) d.destroy();
});

describe('DraftDoc', () => {
	it('two tabs converge: the second loads what the first has, then edits flow both ways', async () => {
		const id = `auto-${++room}`;
		const a = await tab('alice', id);
		a.edit((d) => ({ ...d, name: 'Welcome v2' }));
		const b = await tab('bob', id, null);
		await until(() => b.def.name === 'Welcome v2');
		b.edit((d) => appendStep(d, { id: 'tag-x', kind: 'tag.add', tag: 'done' }));
		await until(() => a.def.steps.some((s) => s.id === 'tag-x'));
		expect(JSON.stringify(a.def)).toBe(JSON.stringify(b.def));
	});

	it("undo only undoes this user's edits", async () => {
		const id = `auto-${++room}`;
		const a = await tab('alice', id);
		const b = await tab('bob', id);
		await until(() => b.def.steps.length === welcome.steps.length);
		a.edit((d) => ({ ...d, name: 'Renamed by Alice' }));
		await until(() => b.def.name === 'Renamed by Alice');
		b.edit((d) => replaceStep(d, 'wait-2d', { ...d.steps.find((s) => s.id === 'wait-2d')!, label: 'Bob was here' }));
		await until(() => a.def.steps.some((s) => s.label === 'Bob was here'));
		expect(a.canUndo).toBe(true);
		a.undoLast();
		expect(a.def.name).toBe(welcome.name);
		expect(a.def.steps.find((s) => s.id === 'wait-2d')!.label).toBe('Bob was here');
		await until(() => b.def.name === welcome.name);
		a.redoLast();
		await until(() => b.def.name === 'Renamed by Alice');
	});

	it('separate discrete edits are separate undo steps; merged typing is one', async () => {
		const a = await tab('alice', `auto-${++room}`);
		a.edit((d) => appendStep(d, { id: 't1', kind: 'tag.add', tag: 'one' }));
		a.edit((d) => appendStep(d, { id: 't2', kind: 'tag.add', tag: 'two' }));
		a.undoLast();
		expect(a.def.steps.map((s) => s.id)).toContain('t1');
		expect(a.def.steps.map((s) => s.id)).not.toContain('t2');
		a.edit((d) => ({ ...d, name: 'W' }));
		a.edit((d) => ({ ...d, name: 'We' }), { merge: true });
		a.edit((d) => ({ ...d, name: 'Wel' }), { merge: true });
		a.undoLast();
		expect(a.def.name).toBe(welcome.name);
	});

	it('shares selections through awareness', async () => {
		const id = `auto-${++room}`;
		const a = await tab('alice', id);
		const b = await tab('bob', id);
		a.setSelection(['wait-2d']);
		await until(() => b.peers().some((p) => p.user.name === 'alice' && p.selection[0] === 'wait-2d'));
		a.destroy();
		await until(() => !b.peers().some((p) => p.user.name === 'alice'));
	});

	it('an edit that changes nothing is not recorded', async () => {
		const a = await tab('alice', `auto-${++room}`);
		expect(a.edit((d) => ({ ...d }))).toBe(false);
		expect(a.canUndo).toBe(false);
	});
});
