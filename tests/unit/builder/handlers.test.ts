/**
 * The builder's backend methods on a real runtime (fake IndexedDB): publishing with a preview of
 * contacts in flight, revisions and restore, the plan profile, contacts at a step and a contact's
 * path, recipes, export/import through the portable file, and all of it surviving a reload.
 */
import { describe, expect, it } from 'vitest';
import { builderHandlers as h } from '../../../src/lib/worker/handlers/builder';
import type { HandlerCtx } from '../../../src/lib/worker/handlers/context';
import { demoTemplate } from '../../../src/lib/templates/demo';
import { DAY } from '../../../src/lib/engine/core/time';
import type { AutomationDef } from '../../../src/lib/engine/schema/automation';
import { importKey } from '../../../src/lib/templates/fragment';
import { freshIdb, runtimeOn } from '../worker/harness';

const START = Date.UTC(2026, 0, 5, 8);

async function demoCtx() {
	const idb = freshIdb();
	const rt = runtimeOn(idb);
	const { file } = demoTemplate.build(START, 42);
	await rt.init(file, { seed: 42, start: START });
	const ctx: HandlerCtx = { rt, wallNow: () => START };
	return { ctx, rt, idb };
}

const manualAuto = (steps: AutomationDef['steps']): AutomationDef => ({ id: 'trial', name: 'Trial', status: 'draft', entry: 'multiple', triggers: [{ id: 'm', kind: 'manual', runs: 'every' }], steps });

describe('builder handlers', () => {
	it('publishes a new draft, previews a change with contacts in flight, and lists versions', async () => {
		const { ctx, rt } = await demoCtx();
		const created = await h.createAutomation(ctx, manualAuto([{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 't' }, { id: 't', kind: 'tag.add', tag: 'done' }]));
		expect(created).toEqual({ ok: true, id: 'trial' });
		expect(h.builderInfo(ctx, 'trial')).toMatchObject({ status: 'draft', version: 0, versions: [] });
		const v1 = h.builderInfo(ctx, 'trial')!.def;
		const first = h.preparePublish(ctx, v1);
		expect(first).toMatchObject({ running: false, inFlight: 0, migration: null });
		expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
		expect(await h.publishDraft(ctx, v1, { activate: true })).toEqual({ ok: true, version: 1 });
		await rt.apply({ type: 'contacts.added', automation: 'trial', contacts: ['c001', 'c002'] });
		// Deleting the wait releases the two contacts to the tag step.
		const v2: AutomationDef = { ...v1, steps: [{ id: 't', kind: 'tag.add', tag: 'done' }] };
		const preview = h.preparePublish(ctx, v2);
		expect(preview.migration).toEqual({ stay: {}, rearmed: {}, released: { w: { to: 't', count: 2 } } });
		expect(preview.inFlight).toBe(2);
		expect(preview.oldSteps.w).toEqual({ kind: 'wait', label: null });
		expect(await h.publishDraft(ctx, v2, { activate: false })).toEqual({ ok: true, version: 2 });
		expect(h.builderInfo(ctx, 'trial')).toMatchObject({ status: 'active', version: 2, inFlight: 0 });
		expect(h.builderInfo(ctx, 'trial')!.versions.map((v) => [v.version, v.current, v.publishedAt])).toEqual([
			[1, false, START],
			[2, true, START]
		]);
		expect(h.versionDef(ctx, 'trial', 1)!.steps.map((s) => s.id)).toEqual(['w', 't']);
	});

	it('restores a revision with contacts in flight moved to one of its waits', async () => {
		const { ctx, rt } = await demoCtx();
		await h.createAutomation(ctx, manualAuto([{ id: 'w', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 't' }, { id: 't', kind: 'tag.add', tag: 'done' }]));
		const v1 = h.builderInfo(ctx, 'trial')!.def;
		await h.publishDraft(ctx, v1, { activate: true });
		await h.publishDraft(ctx, { ...v1, steps: [{ id: 'w2', kind: 'wait', wait: { mode: 'period', for: { days: 9 } } }] }, { activate: true });
		await rt.apply({ type: 'contacts.added', automation: 'trial', contacts: ['c001'] });
		const restored = h.versionDef(ctx, 'trial', 1)!;
		expect(h.preparePublish(ctx, restored, { moveTo: 't' }).diagnostics.map((d) => d.code)).toContain('publish.move_target');
		expect(await h.publishDraft(ctx, restored, { activate: true, inFlight: { moveTo: 'w' } })).toEqual({ ok: true, version: 3 });
		const at = h.stepRuns(ctx, 'trial', 'w', { filter: 'here', offset: 0, limit: 10 });
		expect(at.rows.map((r) => [r.contact, r.wakeAt])).toEqual([['c001', START + 2 * DAY]]);
	});

	it('refuses a changed split once contacts passed it (split.locked) in the preview', async () => {
		const { ctx, rt } = await demoCtx();
		const split = { id: 's', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 50 }, { label: 'B', percent: 50 }] };
		await h.createAutomation(ctx, manualAuto([split]));
		await h.publishDraft(ctx, h.builderInfo(ctx, 'trial')!.def, { activate: true });
		await rt.apply({ type: 'contacts.added', automation: 'trial', contacts: ['c001'] });
		const changed = manualAuto([{ ...split, paths: [{ label: 'A', percent: 80 }, { label: 'B', percent: 20 }] }]);
		const diag = h.preparePublish(ctx, changed).diagnostics.find((d) => d.code === 'split.locked');
		expect(diag).toMatchObject({ step: 's', severity: 'error' });
		expect((await h.publishDraft(ctx, changed, { activate: true })).ok).toBe(false);
	});

	it('plan profile: Starter refuses a split and a sixth action', async () => {
		const { ctx } = await demoCtx();
		expect(h.plan(ctx)).toMatchObject({ tier: 'enterprise' });
		expect((await h.setPlan(ctx, { tier: 'starter', addons: [] })).ok).toBe(true);
		const tags = Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, kind: 'tag.add', tag: `t${i}`, ...(i < 5 ? { next: `t${i + 1}` } : {}) }));
		const codes = h.preparePublish(ctx, manualAuto(tags)).diagnostics.map((d) => [d.code, d.step]);
		expect(codes).toContainEqual(['plan.starter_limit', 't5']);
		expect(h.preparePublish(ctx, manualAuto([{ id: 's', kind: 'split', mode: 'even', paths: [{ label: 'A' }, { label: 'B' }] }])).diagnostics.map((d) => d.code)).toContain('plan.unavailable');
	});

	it('lists contacts at and through a step, and a contact path from the trace', async () => {
		const { ctx, rt } = await demoCtx();
		await rt.apply({ type: 'list.subscribed', contact: 'c100', list: 'newsletter' });
		await rt.apply({ type: 'list.subscribed', contact: 'c101', list: 'newsletter' });
		const here = h.stepRuns(ctx, 'welcome', 'wait-2d', { filter: 'here', offset: 0, limit: 10 });
		expect(here).toMatchObject({ total: 2, here: 2, passed: 0 });
		expect(here.rows[0]).toMatchObject({ status: 'waiting', here: true, at: 'wait-2d', wakeAt: START + 2 * DAY });
		const passed = h.stepRuns(ctx, 'welcome', 'send-welcome', { filter: 'passed', offset: 0, limit: 1 });
		expect(passed).toMatchObject({ total: 2, here: 0, passed: 2 });
		expect(passed.rows.length).toBe(1);
		await rt.advanceBy(3 * DAY);
		const path = h.contactPath(ctx, 'welcome', 'c100')!;
		expect(path.automation.name).toBe('Welcome series');
		expect(path.runs).toMatchObject([{ status: 'waiting', step: 'wait-3d' }]);
		expect(path.lines.map((l) => `${l.code}@${l.step ?? '-'}`)).toEqual([
			'entered@-',
			'step_done@send-welcome',
			'wait_started@wait-2d',
			'wait_ended@wait-2d',
			'branch@opened',
			'step_done@send-reminder',
			'wait_started@wait-3d'
		]);
		expect(path.lines.find((l) => l.code === 'branch')!.detail).toMatchObject({ path: 'no' });
	});

	it('installs recipes, creating what they need, in the chosen language', async () => {
		const { ctx, rt } = await demoCtx();
		expect(h.recipes(ctx, 'fr').length).toBe(7);
		const res = await h.installRecipe(ctx, 'webinar-reminder', 'fr');
		expect(res).toEqual({ ok: true, id: 'webinar-reminder' });
		expect(rt.engine.world.catalog.lists.get('webinar')?.name).toBe('Inscrits au webinaire');
		expect(h.builderInfo(ctx, 'webinar-reminder')!.def.name).toBe('Rappels de webinaire');
		expect((await h.installRecipe(ctx, 'webinar-reminder', 'en')).ok && h.builderInfo(ctx, 'webinar-reminder-2')).toBeTruthy();
		const def = h.builderInfo(ctx, 'webinar-reminder')!.def;
		expect(h.preparePublish(ctx, def).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	});

	it('exports an automation and imports it into another workspace with a mapping, unchanged otherwise', async () => {
		const a = await demoCtx();
		const welcome = h.builderInfo(a.ctx, 'welcome')!.def;
		const text = JSON.stringify(h.exportAutomation(a.ctx, welcome));
		const idb = freshIdb();
		const rt = runtimeOn(idb, { id: 'other', name: 'Other', kind: 'simulation', createdAt: 0, updatedAt: 0, origin: 'test' });
		await rt.init(
			{ ...demoTemplate.build(START, 1).file, lists: [{ id: 'subs', name: 'Subscribers' }], emails: [], automations: [], contacts: [], conversions: [] } as never,
			{ seed: 1, start: START }
		);
		const ctx: HandlerCtx = { rt, wallNow: () => START };
		const preview = h.importPreview(ctx, text);
		if (!preview.ok) throw new Error(JSON.stringify(preview.diagnostics));
		expect(preview.refs.filter((r) => !r.exists).map((r) => `${r.kind}:${r.id}`).sort()).toEqual([
			'conversion:first-order',
			'email:welcome-1',
			'email:welcome-2',
			'email:welcome-offer',
			'email:welcome-reminder',
			'list:newsletter'
		]);
		const res = await h.importAutomation(ctx, text, { [importKey('list', 'newsletter')]: { to: 'existing', id: 'subs' } });
		expect(res).toEqual({ ok: true, id: 'welcome' });
		const imported = h.builderInfo(ctx, 'welcome')!.def;
		expect(imported.triggers[0]).toMatchObject({ list: 'subs' });
		expect(imported.steps).toEqual(welcome.steps);
		expect(rt.engine.world.catalog.emails.get('welcome-2')?.subject).toBe('How to brew the perfect cup');
		// A second import does not overwrite the first.
		expect(await h.importAutomation(ctx, text, {})).toEqual({ ok: true, id: 'welcome-2' });
		expect(h.importPreview(ctx, '{"format": 1').ok).toBe(false);
	});

	it('delete preview names contacts in flight and automations that rely on this one', async () => {
		const { ctx, rt } = await demoCtx();
		await h.createAutomation(ctx, { ...manualAuto([]), id: 'follow', triggers: [{ id: 'g', kind: 'goal.achieved', automation: 'welcome', goal: 'bought', runs: 'once' }] });
		await rt.apply({ type: 'list.subscribed', contact: 'c100', list: 'newsletter' });
		expect(h.deletePreview(ctx, 'welcome')).toEqual({ inFlight: 1, usedBy: [{ id: 'follow', name: 'Trial', how: 'goal' }] });
		expect(h.automationLinks(ctx)).toContainEqual({ from: 'welcome', to: 'follow', how: 'goal', via: 'g', goal: 'bought' });
	});

	it('builder state survives a reload (versions, plan, catalogue additions)', async () => {
		const { ctx, rt, idb } = await demoCtx();
		await h.setPlan(ctx, { tier: 'plus', addons: ['sms'] });
		await h.installRecipe(ctx, 'birthday', 'en');
		await rt.stop();
		rt.db.close();
		const again = runtimeOn(idb);
		expect(await again.load()).toBe(true);
		const c2: HandlerCtx = { rt: again, wallNow: () => START };
		expect(h.plan(c2)).toEqual({ tier: 'plus', addons: ['sms'] });
		expect(h.builderInfo(c2, 'birthday')).toBeTruthy();
		expect(h.builderInfo(c2, 'welcome')!.versions[0].publishedAt).toBe(START);
	});
});
