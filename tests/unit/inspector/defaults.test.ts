// Starting definitions: every kind gets one, and the reference page's samples are valid on the demo workspace.
import { describe, expect, it } from 'vitest';
import { STEP_KINDS } from '../../../src/lib/engine/steps/registry';
import { TRIGGER_KINDS } from '../../../src/lib/engine/triggers/registry';
import { defaultStep, defaultTrigger } from '../../../src/lib/components/inspector/defaults';
import { itemIssues } from '../../../src/lib/components/inspector/validation';
import en from '../../../src/lib/i18n/inspector/en.json';
import { demoContext } from './catalog';

const texts = en.inspector.reference.samples;
const steps = [{ id: 'welcome-email', kind: 'email.send' }, { id: 'wait-2-days', kind: 'wait' }];

describe('defaults', () => {
	it('gives every step kind a sample that passes its schema and its checks on the demo workspace', () => {
		const ctx = demoContext(steps, [{ id: 't', kind: 'list.subscribed' }]);
		const failing: Record<string, unknown> = {};
		for (const k of STEP_KINDS) {
			const def = defaultStep(k.kind, 'sample', ctx.catalog, { texts, steps: steps.map((s) => s.id) });
			expect(def).toMatchObject({ id: 'sample', kind: k.kind });
			const errors = itemIssues({ type: 'step', def }, { ...ctx, steps: [...steps, { id: 'sample', kind: k.kind }] }).filter((i) => i.severity === 'error');
			if (errors.length) failing[k.kind] = errors;
		}
		// The demo has no number field and no custom deal field: those two samples ask the user to pick one.
		expect(Object.keys(failing).sort()).toEqual(['deal.update_field', 'format.math']);
	});

	it('gives every trigger kind a definition that passes its schema', () => {
		const ctx = demoContext();
		for (const k of TRIGGER_KINDS) {
			const def = defaultTrigger(k.kind, 'trigger', ctx.catalog);
			expect(k.schema.safeParse(def).success, k.kind).toBe(true);
			expect(itemIssues({ type: 'trigger', def }, ctx).filter((i) => i.severity === 'error'), k.kind).toEqual([]);
		}
	});

	it('new steps start with empty texts (the form says what is missing)', () => {
		const ctx = demoContext();
		const sms = defaultStep('sms.send', 's1', ctx.catalog);
		expect(sms).toEqual({ id: 's1', kind: 'sms.send', message: '' });
		expect(itemIssues({ type: 'step', def: sms }, ctx).map((i) => [i.path, i.code])).toEqual([[['message'], 'schema.required']]);
		expect(defaultStep('email.send', 's2', ctx.catalog)).toEqual({ id: 's2', kind: 'email.send', email: 'welcome-1' });
	});
});
