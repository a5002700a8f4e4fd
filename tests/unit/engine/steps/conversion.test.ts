import { describe, expect, it } from 'vitest';
import { codes, diagnose, run, stepLogs, T0 } from './util';

const conversions = [{ id: 'purchase', name: 'Purchase', value: 49 }];
const watcher = {
	id: 'thanks',
	name: 'Thanks',
	status: 'active',
	triggers: [{ id: 'cv', kind: 'conversion.made', conversion: 'purchase', runs: 'every' }],
	steps: [{ id: 'tag', kind: 'tag.add', tag: 'customer' }]
};

describe('conversion.record', () => {
	it('records an existing conversion with its value and fires conversion triggers', () => {
		const e = run([{ id: 'cv', kind: 'conversion.record', conversion: 'purchase' }], { conversions }, { others: [watcher] });
		const c = e.world.contact('c1')!;
		expect(c.activity).toEqual([{ at: T0, type: 'conversion', ref: 'purchase', value: 49, variant: null }]);
		expect(c.tags).toEqual(['customer']);
		expect(stepLogs(e, 'cv')).toEqual([{ code: 'step_done', detail: { conversion: 'purchase', value: 49, created: false } }]);
	});

	it('creates a conversion in the catalogue once and reuses it', () => {
		const e = run([{ id: 'cv', kind: 'conversion.record', create: { id: 'demo', name: 'Booked a demo' }, value: 5 }], {
			contacts: [{ id: 'c1' }, { id: 'c2' }]
		}, { contacts: ['c1', 'c2'] });
		expect(e.world.catalog.conversions.get('demo')).toEqual({ id: 'demo', name: 'Booked a demo' });
		expect(e.world.dirtyCatalog).toBe(true);
		expect(stepLogs(e, 'cv', 'c1')[0].detail).toEqual({ conversion: 'demo', value: 5, created: true });
		expect(stepLogs(e, 'cv', 'c2')[0].detail).toEqual({ conversion: 'demo', value: 5, created: false });
	});

	it('validates the choice', () => {
		expect(codes(diagnose([{ id: 'cv', kind: 'conversion.record' }]))).toEqual(['conversion.missing@error']);
		expect(codes(diagnose([{ id: 'cv', kind: 'conversion.record', conversion: 'nope' }]))).toEqual(['ref.conversion@error']);
		expect(codes(diagnose([{ id: 'cv', kind: 'conversion.record', conversion: 'purchase', create: { id: 'x', name: 'X' } }], { conversions }))).toEqual([
			'conversion.both@error'
		]);
		expect(codes(diagnose([{ id: 'cv', kind: 'conversion.record', create: { id: 'purchase', name: 'Other' } }], { conversions }))).toEqual([
			'conversion.exists@warning'
		]);
	});
});
