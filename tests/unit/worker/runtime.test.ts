import { describe, expect, it } from 'vitest';
import { demoTemplate } from '../../../src/lib/templates/demo';
import { DAY } from '../../../src/lib/engine/core/time';
import { snapshot } from '../../../src/lib/engine/state';
import { freshIdb, runtimeOn } from './harness';

const START = Date.UTC(2026, 0, 5, 8);

describe('workspace runtime', () => {
	it('persists a demo simulation and reloads it exactly', async () => {
		const idb = freshIdb();
		const rt = runtimeOn(idb);
		const { file, inputs } = demoTemplate.build(START, 42);
		const diags = await rt.init(file, { seed: 42, start: START, inputs: inputs.map((input) => ({ at: input.at, input, source: 'demo' })) });
		expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
		await rt.jumpTo(START + 30 * DAY);
		expect(rt.clock.now).toBe(START + 30 * DAY);
		expect(rt.messages.length).toBeGreaterThan(50);
		const before = JSON.stringify(snapshot(rt.engine));
		rt.db.close();

		const again = runtimeOn(idb);
		expect(await again.load()).toBe(true);
		expect(JSON.stringify(snapshot(again.engine))).toBe(before);
		expect(again.messages.length).toBe(rt.messages.length);
		expect(again.clock.now).toBe(START + 30 * DAY);
		expect(again.pendingInputs().length).toBe(0);
	});
});
