/** Simulated people answer the emails they receive once a behaviour model is saved (runtime level). */
import { expect, it } from 'vitest';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { contactsHandlers } from '../../../src/lib/worker/handlers/contacts';
import { defaultBehaviour } from '../../../src/lib/worker/population/behaviour';
import { defaultSpec } from '../../../src/lib/worker/population/generate';
import { fakeHost, freshIdb, runtimeOn, simEntry } from '../worker/harness';
import { DAY, START } from './helpers';

it('opens are planned for emails delivered before and after the model is saved', async () => {
	const host = fakeHost();
	const rt = runtimeOn(freshIdb(), simEntry('bh'), host);
	await rt.init(
		WorkspaceFile.parse({
			format: 'journey-studio/workspace',
			version: 1,
			name: 'bh',
			lists: [{ id: 'news', name: 'News' }],
			emails: [{ id: 'hello', name: 'Hello', subject: 'Hi', body: '<p>Hi</p>' }],
			automations: [
				{
					id: 'w',
					name: 'W',
					status: 'active',
					triggers: [{ id: 't', kind: 'list.subscribed', list: 'news' }],
					steps: [
						{ id: 's1', kind: 'email.send', email: 'hello', next: 'wait' },
						{ id: 'wait', kind: 'wait', wait: { mode: 'period', for: { hours: 12 } }, next: 's2' },
						{ id: 's2', kind: 'email.send', email: 'hello' }
					]
				}
			]
		}),
		{ seed: 1, start: START }
	);
	const ctx = { rt } as Parameters<typeof contactsHandlers.generatePopulation>[0];
	const gen = await contactsHandlers.generatePopulation(ctx, { ...defaultSpec(), count: 50, lists: [{ list: 'news', probability: 1 }] }, true);
	expect(gen.ok).toBe(true);
	const model = defaultBehaviour('news');
	model.enabled = true;
	model.defaults.open.probability = 1;
	model.defaults.bounce.probability = 0;
	expect((await contactsHandlers.saveBehaviourModel(ctx, model)).ok).toBe(true);
	// Scheduling more inputs (an events import, a simulated event) keeps the planned reactions.
	await rt.schedule([{ at: START + 3 * DAY, input: { type: 'clock.advanced', at: START + 3 * DAY }, source: 'test' }]);
	rt.start();
	await rt.play(86_400, START + 2 * DAY);
	for (let i = 0; i < 5000 && rt.clock.now < START + 2 * DAY; i++) {
		await host.flush(5);
		await new Promise((r) => setTimeout(r, 0));
	}
	const opened = rt.engine.world.contacts.filter((c) => c.activity?.some?.((a: { type: string }) => a.type === 'opened'));
	expect(rt.messages.filter((m) => m.kind === 'email.send').length).toBe(100);
	expect(opened.length).toBe(50);
	await rt.stop();
});

it('in the demo: simulated subscribers open the welcome emails', async () => {
	const { demoTemplate } = await import('../../../src/lib/templates/demo');
	const host = fakeHost();
	const rt = runtimeOn(freshIdb(), simEntry('bh2'), host);
	const built = demoTemplate.build(START, 1);
	await rt.init(built.file, { seed: 1, start: START });
	const ctx = { rt } as Parameters<typeof contactsHandlers.generatePopulation>[0];
	const gen = await contactsHandlers.generatePopulation(ctx, { ...defaultSpec(), count: 100, lists: [{ list: 'newsletter', probability: 1 }] }, true);
	expect(gen.ok).toBe(true);
	const model = defaultBehaviour('newsletter');
	model.enabled = true;
	model.defaults.open.probability = 0.6;
	expect((await contactsHandlers.saveBehaviourModel(ctx, model)).ok).toBe(true);
	rt.start();
	await rt.play(86_400, START + DAY);
	for (let i = 0; i < 5000 && rt.clock.now < START + DAY; i++) {
		await host.flush(5);
		await new Promise((r) => setTimeout(r, 0));
	}
	const sim = rt.engine.world.contacts.filter((c) => c.id.startsWith('sim'));
	const opened = sim.filter((c) => c.activity?.some?.((a: { type: string }) => a.type === 'opened'));
	expect(opened.length).toBeGreaterThan(40);
	await rt.stop();
});
