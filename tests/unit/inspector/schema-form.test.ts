// Schema-to-form mapping: which control edits each setting of each kind.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STEP_KINDS, stepKinds } from '../../../src/lib/engine/steps/registry';
import { TRIGGER_KINDS, triggerKinds } from '../../../src/lib/engine/triggers/registry';
import { controlOf, describeSchema, unwrap } from '../../../src/lib/components/inspector/schema-form';
import { STEP_FORMS, TRIGGER_FORMS } from '../../../src/lib/components/inspector/forms';

const byKey = (kind: string, schema: z.ZodType) => Object.fromEntries(describeSchema(kind, schema).map((f) => [f.key, f]));

describe('describeSchema', () => {
	it('maps ids, tags and fields to pickers, and leaves frame keys to the inspector frame', () => {
		const sub = byKey('list.subscribe', stepKinds.get('list.subscribe')!.schema);
		expect(Object.keys(sub)).toEqual(['list']);
		expect(sub.list.control).toEqual({ type: 'ref', ref: 'list' });
		expect(byKey('tag.add', stepKinds.get('tag.add')!.schema).tag.control).toEqual({ type: 'ref', ref: 'tag' });
		expect(byKey('goto', stepKinds.get('goto')!.schema).target.control).toEqual({ type: 'ref', ref: 'step' });
	});

	it('reads optionality, defaults, enums and numeric bounds from the schema', () => {
		const date = byKey('date.based', triggerKinds.get('date.based')!.schema);
		expect(date.field.control).toEqual({ type: 'ref', ref: 'contactField', types: ['date', 'datetime'] });
		expect(date.recurrence).toMatchObject({ optional: true, defaultValue: 'yearly', control: { type: 'enum', options: ['none', 'yearly', 'monthly'] } });
		expect(date.time).toMatchObject({ control: { type: 'time' }, defaultValue: '09:00' });
		expect(date.zone).toMatchObject({ control: { type: 'zone' }, defaultValue: 'contact' });
		expect(date.amount.control).toEqual({ type: 'number', int: true, min: 0 });
		const list = byKey('list.subscribed', triggerKinds.get('list.subscribed')!.schema);
		expect(list.list.optional).toBe(true);
	});

	it('recognises shared schemas by identity: durations, conditions, field references, typed values', () => {
		expect(byKey('deal.task_add', stepKinds.get('deal.task_add')!.schema).due.control).toEqual({ type: 'duration' });
		expect(byKey('if_else', stepKinds.get('if_else')!.schema).conditions.control).toEqual({ type: 'condition' });
		expect(byKey('format.copy', stepKinds.get('format.copy')!.schema).from.control).toEqual({ type: 'fieldref' });
		expect(byKey('field.changed', triggerKinds.get('field.changed')!.schema).to.control).toEqual({ type: 'value', field: 'field', source: 'contact' });
		expect(byKey('note.add', stepKinds.get('note.add')!.schema).text.control).toEqual({ type: 'text', template: true, multiline: true });
	});

	it('applies per-kind hints where a key name is ambiguous, and conditional visibility', () => {
		const stage = byKey('deal.stage_changed', triggerKinds.get('deal.stage_changed')!.schema);
		expect(stage.from.control).toEqual({ type: 'ref', ref: 'stage' });
		expect(byKey('automation.end_other', stepKinds.get('automation.end_other')!.schema).automation.control).toEqual({ type: 'ref', ref: 'automationOrAll' });
		const score = byKey('score.adjust', stepKinds.get('score.adjust')!.schema);
		expect(score.value.when!({ op: 'reset' })).toBe(false);
		expect(score.value.when!({ op: 'add' })).toBe(true);
		const field = byKey('deal.update_field', stepKinds.get('deal.update_field')!.schema);
		expect(field.from.when!({ mode: 'copy' })).toBe(true);
		expect(field.value.when!({ mode: 'copy' })).toBe(false);
	});

	it('every kind has a form: hand-made, or generic with no control it cannot render', () => {
		const generic = new Set(['text', 'number', 'boolean', 'enum', 'duration', 'time', 'zone', 'ref', 'fieldref', 'value', 'condition']);
		for (const k of STEP_KINDS) {
			if (STEP_FORMS[k.kind]) continue;
			for (const f of describeSchema(k.kind, k.schema)) expect(generic.has(f.control.type), `${k.kind}.${f.key}: ${f.control.type}`).toBe(true);
		}
		for (const k of TRIGGER_KINDS) {
			if (TRIGGER_FORMS[k.kind]) continue;
			for (const f of describeSchema(k.kind, k.schema)) expect(generic.has(f.control.type), `${k.kind}.${f.key}: ${f.control.type}`).toBe(true);
		}
		expect(Object.keys(STEP_FORMS).every((k) => stepKinds.has(k))).toBe(true);
		expect(Object.keys(TRIGGER_FORMS).every((k) => triggerKinds.has(k))).toBe(true);
	});
});

describe('unwrap and controlOf', () => {
	it('strips optional/default/nullable wrappers', () => {
		expect(unwrap(z.string().optional())).toMatchObject({ optional: true });
		expect(unwrap(z.number().default(3))).toMatchObject({ optional: true, defaultValue: 3 });
		expect(unwrap(z.string().nullable().optional()).inner.def.type).toBe('string');
		expect(unwrap(z.string()).optional).toBe(false);
	});
	it('falls back to "custom" for shapes it cannot edit generically', () => {
		expect(controlOf('x', z.array(z.string()))).toEqual({ type: 'custom' });
		expect(controlOf('x', z.object({ a: z.string() }))).toEqual({ type: 'custom' });
		expect(controlOf('subject', z.string())).toEqual({ type: 'text', template: true, multiline: false });
		expect(controlOf('n', z.number().int().min(1).max(10))).toEqual({ type: 'number', int: true, min: 1, max: 10 });
	});
});
