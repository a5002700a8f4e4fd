// Picker choices: stages of the chosen pipeline, goals of the chosen automation, go-to targets, typed fields.
import { describe, expect, it } from 'vitest';
import { refOptions } from '../../../src/lib/components/inspector/refs';
import { demoContext } from './catalog';

const ctx = demoContext([{ id: 'mail', kind: 'email.send', label: 'First mail' }, { id: 'me', kind: 'goto' }, { id: 'w', kind: 'wait' }]);
const values = (o: { value: string }[]) => o.map((x) => x.value);

describe('refOptions', () => {
	it('lists the stages of the pipeline the item names, nothing before one is chosen', () => {
		expect(values(refOptions({ ref: 'stage', def: { pipeline: 'wholesale' } }, ctx))).toEqual(['lead', 'tasting', 'proposal', 'won']);
		expect(refOptions({ ref: 'stage', def: {} }, ctx)).toEqual([]);
		expect(values(refOptions({ ref: 'stage', def: { pipeline: 'wholesale' }, parentKey: 'pipeline' }, ctx))).toHaveLength(4);
	});

	it('lists the goals of the automation the item names', () => {
		expect(refOptions({ ref: 'goal', def: { automation: 'welcome' } }, ctx)).toEqual([{ value: 'bought', label: 'Made a first order' }]);
	});

	it('offers go-to targets other than the step itself, with labels or kind titles', () => {
		const opts = refOptions({ ref: 'step', def: { id: 'me' }, stepTitle: (k) => `<${k}>` }, ctx);
		expect(opts.map((o) => [o.value, o.label])).toEqual([
			['mail', 'First mail'],
			['w', '<wait>']
		]);
	});

	it('filters fields by type and custom-only, standard ones first with their translated labels', () => {
		const dates = refOptions({ ref: 'contactField', types: ['date', 'datetime'] }, ctx);
		expect(values(dates)).toEqual(['birthday']);
		const all = refOptions({ ref: 'contactField', stdLabel: (_s, k, f) => (k === 'firstName' ? 'Prénom' : f) }, ctx);
		expect(all.find((o) => o.value === 'firstName')).toMatchObject({ label: 'Prénom', group: 'standard' });
		expect(all.find((o) => o.value === 'city')).toMatchObject({ group: 'custom', hint: 'text' });
		expect(values(refOptions({ ref: 'dealField', customOnly: true }, ctx))).toEqual([]);
	});

	it('other automations exclude the one being edited; "all other automations" comes first', () => {
		const own = { ...ctx, automationId: 'welcome' };
		expect(values(refOptions({ ref: 'automation' }, own))).toEqual(['birthday', 'reengage']);
		expect(values(refOptions({ ref: 'automationOrAll', word: (k) => k }, own))[0]).toBe('*');
		expect(values(refOptions({ ref: 'assignee', word: (k) => k }, ctx))).toEqual(['deal_owner', 'account_owner', 'alice']);
	});
});
