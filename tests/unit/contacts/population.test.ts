/**
 * Synthetic populations and behaviour models: a 10k population driven by a behaviour model gives
 * identical results (state, messages, report figures) for the same seeds — also across a reload in
 * the middle of the run — and different ones for another seed.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { snapshot } from '../../../src/lib/engine/state';
import { automationsOf, stepCountsOf } from '../../../src/lib/worker/views';
import { contactsHandlers } from '../../../src/lib/worker/handlers/contacts';
import { defaultBehaviour, reactionsTo, sampleDelay, type BehaviourModel } from '../../../src/lib/worker/population/behaviour';
import { checkSpec, defaultSpec, generatePopulation, type PopulationSpec } from '../../../src/lib/worker/population/generate';
import type { WorkspaceRuntime } from '../../../src/lib/worker/runtime';
import type { MessageRecord } from '../../../src/lib/db/records';
import { fakeHost, freshIdb, runtimeOn, simEntry } from '../worker/harness';
import { DAY, START } from './helpers';

const file = WorkspaceFile.parse({
	format: 'journey-studio/workspace',
	version: 1,
	name: 'Population',
	lists: [{ id: 'news', name: 'News' }],
	fields: [
		{ key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro', 'Team'] },
		{ key: 'age', label: 'Age', type: 'number' },
		{ key: 'signup', label: 'Signed up', type: 'date' },
		{ key: 'beta', label: 'Beta tester', type: 'checkbox' }
	],
	conversions: [{ id: 'order', name: 'Order' }],
	emails: [
		{ id: 'welcome', name: 'Welcome', subject: 'Hi %FIRSTNAME%', body: '<p>Hello</p><a href="https://shop.example/new">New</a> <a href="https://shop.example/unsubscribe">Unsubscribe</a>' },
		{ id: 'nudge', name: 'Nudge', subject: 'Still there?', body: '<a href="https://shop.example/sale">Sale</a>' }
	],
	automations: [
		{
			id: 'onboarding',
			name: 'Onboarding',
			status: 'active',
			triggers: [{ id: 'm', kind: 'manual' }],
			steps: [
				{ id: 'send', kind: 'email.send', email: 'welcome', next: 'wait' },
				{ id: 'wait', kind: 'wait', wait: { mode: 'period', for: { days: 3 } }, next: 'clicked' },
				{ id: 'clicked', kind: 'if_else', conditions: { kind: 'action', action: 'clicked', op: 'has', email: 'welcome' }, yes: 'engaged', no: 'nudge' },
				{ id: 'engaged', kind: 'tag.add', tag: 'engaged' },
				{ id: 'nudge', kind: 'email.send', email: 'nudge', next: 'bought' },
				{ id: 'bought', kind: 'goal', conditions: { kind: 'conversion', op: 'made', conversion: 'order' }, ifUnmet: 'wait' }
			]
		}
	]
});

const spec: PopulationSpec = {
	...defaultSpec(),
	count: 10_000,
	seed: 11,
	lists: [{ list: 'news', probability: 0.9 }],
	tags: [{ tag: 'prospect', probability: 0.5 }],
	fields: [
		{ field: 'plan', kind: 'categorical', values: [{ value: 'Free', weight: 6 }, { value: 'Pro', weight: 3 }, { value: 'Team', weight: 1 }] },
		{ field: 'age', kind: 'number', min: 18, max: 80, decimals: 0, shape: 'normal' },
		{ field: 'signup', kind: 'date', from: '2025-01-01', to: '2025-12-31' },
		{ field: 'beta', kind: 'checkbox', probability: 0.1 }
	]
};

function model(seed: number): BehaviourModel {
	const m = defaultBehaviour('news');
	m.seed = seed;
	m.defaults.purchase.conversion = 'order';
	m.defaults.visit = { probability: 0.2, url: 'https://shop.example/', delay: { kind: 'uniform', minHours: 1, maxHours: 48 } };
	m.emails.nudge = { ...m.defaults, open: { probability: 0.2, delay: { kind: 'exponential', meanHours: 12 } } };
	return m;
}

/** Runs the journey; `reloadAfter` closes the workspace mid-run and reopens it from the database. */
async function run(workspaceSeed: number, modelSeed: number, reloadAfter?: number): Promise<{ digest: string; rt: WorkspaceRuntime }> {
	const idb = freshIdb();
	const entry = simEntry('population');
	let rt = runtimeOn(idb, entry, fakeHost());
	await rt.init(file, { seed: workspaceSeed, start: START });
	const ctx = { rt, wallNow: () => START };
	const gen = await contactsHandlers.generatePopulation(ctx, spec, false);
	expect(gen).toMatchObject({ ok: true, count: 10_000 });
	expect(await contactsHandlers.saveBehaviourModel(ctx, model(modelSeed))).toEqual({ ok: true });
	const added = await contactsHandlers.bulkContactAction(ctx, { query: {} }, { kind: 'automation.add', automation: 'onboarding' });
	expect(added).toMatchObject({ ok: true, count: 10_000 });
	if (reloadAfter) {
		await rt.jumpTo(START + reloadAfter);
		await rt.stop();
		rt.db.close();
		rt = runtimeOn(idb, entry, fakeHost());
		expect(await rt.load()).toBe(true);
	}
	await rt.jumpTo(START + 12 * DAY);
	return { digest: digest(rt), rt };
}

function digest(rt: WorkspaceRuntime): string {
	const h = createHash('sha256');
	const snap = snapshot(rt.engine);
	h.update(JSON.stringify(snap.meta));
	h.update(JSON.stringify(snap.contacts));
	h.update(JSON.stringify(snap.deals));
	for (const r of snap.runs) h.update(JSON.stringify(r));
	for (const b of snap.trace) h.update(JSON.stringify(b));
	h.update(JSON.stringify(rt.messages.map((m: MessageRecord) => [m.key, m.kind, m.at, m.contact, m.status])));
	h.update(JSON.stringify([automationsOf(rt.engine), stepCountsOf(rt.engine, 'onboarding')]));
	return h.digest('hex');
}

describe('synthetic population with a behaviour model', () => {
	it('gives identical results for the same seeds (even across a reload) and different ones for another seed', async () => {
		const a = await run(7, 1);
		// Realistic, not degenerate: about a third open the welcome email, some click and buy.
		const e = a.rt.engine;
		const acts = e.world.contacts.flatMap((c) => c.activity);
		const opened = acts.filter((x) => x.type === 'opened' && x.ref === 'welcome').length;
		const clicked = acts.filter((x) => x.type === 'clicked' && x.ref === 'welcome').length;
		const bought = acts.filter((x) => x.type === 'event' && x.ref === 'purchase').length;
		expect(opened / 10_000).toBeGreaterThan(0.3);
		expect(opened / 10_000).toBeLessThan(0.4);
		expect(clicked / opened).toBeGreaterThan(0.15);
		expect(clicked / opened).toBeLessThan(0.25);
		expect(bought).toBeGreaterThan(0);
		expect(acts.some((x) => x.type === 'visited' && x.ref === 'https://shop.example/new')).toBe(true);
		expect(acts.some((x) => x.type === 'clicked' && x.value === 'https://shop.example/unsubscribe')).toBe(false);
		const counts = stepCountsOf(e, 'onboarding').steps;
		// Everyone entered at the start: the if/else three days later saw the clicks made by then,
		// except for those who bought meanwhile: they jumped straight to the goal.
		const by3Days = (c: (typeof e.world.contacts)[number], type: string, ref: string) => c.activity.some((x) => x.type === type && x.ref === ref && x.at <= START + 3 * DAY);
		const clickedBy3Days = e.world.contacts.filter((c) => by3Days(c, 'clicked', 'welcome') && !by3Days(c, 'conversion', 'order')).length;
		const boughtBy3Days = e.world.contacts.filter((c) => by3Days(c, 'conversion', 'order')).length;
		expect(boughtBy3Days).toBeGreaterThan(0);
		expect(counts.find((s) => s.id === 'bought')!.entered).toBe(counts.find((s) => s.id === 'nudge')!.entered + boughtBy3Days);
		expect(counts.find((s) => s.id === 'engaged')!.completed).toBe(clickedBy3Days);
		a.rt.db.close();

		const again = await run(7, 1);
		expect(again.digest).toBe(a.digest);
		again.rt.db.close();
		const reloaded = await run(7, 1, 4 * DAY + 3_600_000);
		expect(reloaded.digest).toBe(a.digest);
		reloaded.rt.db.close();
		const otherWorkspaceSeed = await run(8, 1);
		expect(otherWorkspaceSeed.digest).not.toBe(a.digest);
		otherWorkspaceSeed.rt.db.close();
		const otherModelSeed = await run(7, 2);
		expect(otherModelSeed.digest).not.toBe(a.digest);
		otherModelSeed.rt.db.close();
	}, 240_000);
});

describe('population generator', () => {
	const fields = new Map(file.fields.map((f) => [f.key, f]));
	it('is seeded, avoids existing ids and addresses, and follows the distributions', () => {
		const taken = { ids: new Set(['sim-1']), emails: new Set<string>() };
		const a = generatePopulation({ ...spec, count: 4000 }, fields, taken);
		const b = generatePopulation({ ...spec, count: 4000 }, fields, taken);
		expect(b).toEqual(a);
		expect(generatePopulation({ ...spec, count: 4000, seed: 12 }, fields, taken)).not.toEqual(a);
		expect(a.some((c) => c.id === 'sim-1')).toBe(false);
		expect(new Set(a.map((c) => c.email)).size).toBe(4000);
		const share = (p: (c: (typeof a)[number]) => boolean) => a.filter(p).length / a.length;
		expect(share((c) => c.fields?.plan === 'Free')).toBeCloseTo(0.6, 1);
		expect(share((c) => c.fields?.plan === 'Team')).toBeCloseTo(0.1, 1);
		expect(share((c) => c.lists?.news === 'active')).toBeCloseTo(0.9, 1);
		expect(share((c) => c.fields?.beta === true)).toBeCloseTo(0.1, 1);
		const ages = a.map((c) => c.fields!.age as number);
		expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
		expect(Math.max(...ages)).toBeLessThanOrEqual(80);
		expect(ages.reduce((x, y) => x + y, 0) / ages.length).toBeCloseTo(49, 0);
		expect(a.every((c) => /^2025-\d{2}-\d{2}$/.test(String(c.fields!.signup)))).toBe(true);
	});

	it('checks the spec against the workspace', () => {
		const issues = checkSpec(
			{ ...spec, count: 0, emailDomain: 'nope', lists: [{ list: 'ghost', probability: 2 }], fields: [{ field: 'age', kind: 'categorical', values: [{ value: 'x', weight: 1 }] }, { field: 'plan', kind: 'categorical', values: [{ value: 'Gold', weight: 1 }] }] },
			fields,
			new Set(['news']),
			() => true
		);
		expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual(['count:count', 'emailDomain:domain', 'lists.0:unknown_list', 'lists.0:probability', 'fields.0:field_type', 'fields.1:option']);
	});
});

describe('behaviour model', () => {
	const msg = (key: string): MessageRecord => ({
		key,
		kind: 'email.send',
		at: START,
		contact: 'c1',
		automation: 'a',
		step: 's',
		run: 0,
		payload: { email: 'welcome', html: '<a href="https://x.example/a">a</a><a href="mailto:x@y.z">m</a>' },
		marketing: true,
		awaitUntil: null,
		seq: 0,
		route: 'inbox',
		status: 'delivered',
		attempts: 0,
		nextAttemptAt: null,
		lastError: null,
		doneAt: START,
		openedAt: null,
		clickedAt: null
	});
	it('reacts in time order, after delivery, and only with clickable links', () => {
		const m = defaultBehaviour('news');
		m.defaults.open.probability = 1;
		m.defaults.click.probability = 1;
		m.defaults.purchase.probability = 1;
		m.defaults.purchase.conversion = 'order';
		const r = reactionsTo(msg('k1'), m, 3);
		expect(r.map((x) => x.input.type)).toEqual(expect.arrayContaining(['email.opened', 'email.clicked', 'page.visited', 'event.recorded', 'conversion.made']));
		expect(r.every((x, i) => x.at > START && (i === 0 || r[i - 1].at <= x.at) && x.input.at === x.at)).toBe(true);
		expect(r.find((x) => x.input.type === 'email.clicked')!.input).toMatchObject({ link: 'https://x.example/a' });
		expect(reactionsTo(msg('k1'), { ...m, enabled: false }, 3)).toEqual([]);
	});
	it('samples delays from their distributions', () => {
		const H = 3_600_000;
		expect(sampleDelay({ kind: 'uniform', minHours: 2, maxHours: 4 }, 0.5, 0)).toBe(3 * H);
		expect(sampleDelay({ kind: 'exponential', meanHours: 1 }, 1 - Math.exp(-1), 0)).toBe(H);
		expect(sampleDelay({ kind: 'lognormal', medianHours: 5, spread: 1 }, 1 - Math.exp(-0), 0.25)).toBe(5 * H);
		expect(sampleDelay({ kind: 'exponential', meanHours: 1 }, 0, 0)).toBe(60_000);
	});
});
