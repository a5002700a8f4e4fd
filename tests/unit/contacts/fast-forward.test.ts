/** Fast-forwarding to a date reaches it even when no event is left on the way (found by the contacts e2e). */
import { expect, it } from 'vitest';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { fakeHost, freshIdb, runtimeOn, simEntry } from '../worker/harness';
import { DAY, START } from './helpers';

it('stops at the target date, not at the last scheduled event', async () => {
	const host = fakeHost();
	const rt = runtimeOn(freshIdb(), simEntry('ff'), host);
	await rt.init(
		WorkspaceFile.parse({
			format: 'journey-studio/workspace',
			version: 1,
			name: 'ff',
			contacts: [{ id: 'a', email: 'a@x.com' }],
			automations: [{ id: 'w', name: 'W', status: 'active', triggers: [{ id: 'm', kind: 'manual' }], steps: [{ id: 'wait', kind: 'wait', wait: { mode: 'period', for: { days: 3 } } }] }]
		}),
		{ seed: 1, start: START }
	);
	await rt.apply({ type: 'contacts.added', automation: 'w', contacts: ['a'] });
	rt.start();
	await rt.play(86_400, START + 7 * DAY);
	for (let i = 0; i < 50 && rt.clock.now < START + 7 * DAY; i++) await host.flush(5);
	expect(rt.clock.now).toBe(START + 7 * DAY);
	expect(rt.clock.playing).toBe(false);
	await rt.stop();
});
