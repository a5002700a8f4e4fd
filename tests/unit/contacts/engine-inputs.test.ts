/** The engine inputs the contacts area adds: field.defined / field.removed, note.added, activity.imported. */
import { describe, expect, it } from 'vitest';
import { engineWith, must, T0, whereIs } from '../engine/helpers';
import { exportWorkspace } from '../../../src/lib/format/export';
import { restoreEngine, snapshot } from '../../../src/lib/engine/state';
import { HOUR, DAY } from '../../../src/lib/engine/core/time';
import type { Input } from '../../../src/lib/engine/inputs';

const base = () =>
	engineWith({
		lists: [{ id: 'news', name: 'News' }],
		fields: [{ key: 'city', label: 'City', type: 'text' }],
		contacts: [
			{ id: 'a', email: 'a@x.com', fields: { city: 'Paris' } },
			{ id: 'b', email: 'b@x.com', fields: { city: '12' } }
		]
	});

function fails(e: ReturnType<typeof base>, input: Input): string {
	const r = e.apply(input);
	if (r.ok) throw new Error('expected the input to be refused');
	return r.diagnostics[0].code;
}

describe('field.defined', () => {
	it('creates every type of custom field and exports it', () => {
		const e = base();
		const defs = [
			{ key: 'notes_long', label: 'Long notes', type: 'textarea' },
			{ key: 'age', label: 'Age', type: 'number' },
			{ key: 'birthday', label: 'Birthday', type: 'date' },
			{ key: 'last_seen', label: 'Last seen', type: 'datetime' },
			{ key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'] },
			{ key: 'interests', label: 'Interests', type: 'multiselect', options: ['Tea', 'Coffee'] },
			{ key: 'vip', label: 'VIP', type: 'checkbox' }
		] as const;
		for (const field of defs) must(e, { type: 'field.defined', at: T0, field: { ...field, options: 'options' in field ? [...field.options] : undefined } });
		const file = exportWorkspace(e);
		expect(file.fields.map((f) => [f.key, f.type])).toEqual([['city', 'text'], ...defs.map((d) => [d.key, d.type])]);
		expect(file.fields.find((f) => f.key === 'plan')?.options).toEqual(['Free', 'Pro']);
		// Survives a state round trip (persisted with the catalogue).
		const back = restoreEngine(snapshot(e));
		expect([...back.world.catalog.fields.keys()]).toEqual(['city', ...defs.map((d) => d.key)]);
	});

	it('refuses bad definitions with stable codes', () => {
		const e = base();
		expect(fails(e, { type: 'field.defined', at: T0, field: { key: 'Bad Key', label: 'x', type: 'text' } })).toBe('field.invalid');
		expect(fails(e, { type: 'field.defined', at: T0, field: { key: 'email', label: 'Email', type: 'text' } })).toBe('field.reserved');
		expect(fails(e, { type: 'field.defined', at: T0, field: { key: 'plan', label: 'Plan', type: 'dropdown', options: [] } })).toBe('field.no_options');
		expect(fails(e, { type: 'field.defined', at: T0, field: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['A', 'a'] } })).toBe('field.duplicate_option');
		expect(fails(e, { type: 'field.defined', at: T0, field: { key: 'x', label: 'X', type: 'colour' as 'text' } })).toBe('field.invalid');
		expect(e.world.catalog.fields.size).toBe(1);
	});

	it('converts values on a type change when they all convert, refuses otherwise', () => {
		const e = base();
		// "Paris" is not a number: refused, nothing changed.
		expect(fails(e, { type: 'field.defined', at: T0, field: { key: 'city', label: 'City', type: 'number' } })).toBe('field.type_in_use');
		expect(e.world.contact('b')!.fields.city).toBe('12');
		must(e, { type: 'field.changed', at: T0, contact: 'a', field: 'city', value: null });
		must(e, { type: 'field.defined', at: T0, field: { key: 'city', label: 'City code', type: 'number' } });
		expect(e.world.contact('b')!.fields.city).toBe(12);
		expect(e.world.catalog.fields.get('city')!.label).toBe('City code');
	});

	it('keeps options in use', () => {
		const e = base();
		must(e, { type: 'field.defined', at: T0, field: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'] } });
		must(e, { type: 'field.changed', at: T0, contact: 'a', field: 'plan', value: 'Pro' });
		expect(fails(e, { type: 'field.defined', at: T0, field: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free'] } })).toBe('field.option_in_use');
		must(e, { type: 'field.defined', at: T0, field: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro', 'Team'] } });
		expect(e.world.catalog.fields.get('plan')!.options).toEqual(['Free', 'Pro', 'Team']);
	});

	it('refuses a type an automation cannot read; a retype fires no field-change trigger', () => {
		const e = engineWith({
			fields: [
				{ key: 'code', label: 'Code', type: 'text' },
				{ key: 'birthday', label: 'Birthday', type: 'date' }
			],
			contacts: [{ id: 'a', email: 'a@x.com', fields: { code: '5', birthday: '1990-05-01' } }],
			automations: [
				{ id: 'on-change', name: 'On change', status: 'active', triggers: [{ id: 't', kind: 'field.changed', field: 'code' }], steps: [{ id: 'tag', kind: 'tag.add', tag: 'changed' }] },
				{ id: 'bday', name: 'Birthday', status: 'active', triggers: [{ id: 'd', kind: 'date.based', field: 'birthday', recurrence: 'yearly', time: '09:00' }], steps: [{ id: 'tag', kind: 'tag.add', tag: 'bday' }] }
			]
		});
		// The birthday automation needs a date field.
		const r = e.apply({ type: 'field.defined', at: T0, field: { key: 'birthday', label: 'Birthday', type: 'text' } });
		expect(r.ok ? '' : r.diagnostics[0].code + r.diagnostics[0].message).toMatch(/^field\.in_use.*"Birthday"/);
		must(e, { type: 'field.defined', at: T0, field: { key: 'code', label: 'Code', type: 'number' } });
		expect(e.world.contact('a')!.fields.code).toBe(5);
		expect(whereIs(e, 'a', 'on-change')).toBe('never');
	});
});

describe('field.removed', () => {
	it('removes the definition and every value, and is exported without it', () => {
		const e = base();
		must(e, { type: 'field.removed', at: T0, field: 'city' });
		expect(e.world.catalog.fields.has('city')).toBe(false);
		expect(e.world.contact('a')!.fields).toEqual({});
		expect(exportWorkspace(e).fields).toEqual([]);
		expect(fails(e, { type: 'field.removed', at: T0, field: 'city' })).toBe('input.unknown_field');
	});

	it('refuses to remove a field an automation reads', () => {
		const e = engineWith({
			fields: [{ key: 'city', label: 'City', type: 'text' }],
			automations: [
				{
					id: 'paris',
					name: 'Parisians',
					status: 'active',
					triggers: [{ id: 't', kind: 'manual' }],
					steps: [{ id: 'if', kind: 'if_else', conditions: { kind: 'field', field: 'city', op: 'eq', value: 'Paris' } }]
				}
			]
		});
		const r = e.apply({ type: 'field.removed', at: T0, field: 'city' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.diagnostics[0].message).toContain('"Parisians"');
		expect(e.world.catalog.fields.has('city')).toBe(true);
	});
});

describe('note.added', () => {
	it('adds a dated note, refuses an empty one', () => {
		const e = base();
		must(e, { type: 'note.added', at: T0 + HOUR, contact: 'a', text: '  Called, wants a demo  ', by: 'alice' });
		expect(e.world.contact('a')!.notes).toEqual([{ at: T0 + HOUR, text: 'Called, wants a demo', by: 'alice' }]);
		expect(fails(e, { type: 'note.added', at: T0 + HOUR, contact: 'a', text: '   ' })).toBe('note.empty');
		expect(fails(e, { type: 'note.added', at: T0 + HOUR, contact: 'zz', text: 'x' })).toBe('input.unknown_contact');
	});
});

describe('activity.imported', () => {
	it('merges past activity in time order; conditions see it; triggers do not fire', () => {
		const e = engineWith({
			emails: [{ id: 'promo', name: 'Promo', subject: 's', body: 'b' }],
			contacts: [{ id: 'a', email: 'a@x.com', activity: [{ at: '2026-03-01T10:00:00Z', type: 'visited', ref: 'https://x.com/' }] }],
			automations: [
				{ id: 'opened', name: 'Opened', status: 'active', triggers: [{ id: 't', kind: 'email.opened' }], steps: [{ id: 'tag', kind: 'tag.add', tag: 'opener' }] },
				{
					id: 'wait',
					name: 'Wait for an open',
					status: 'active',
					triggers: [{ id: 'm', kind: 'manual' }],
					steps: [{ id: 'w', kind: 'wait', wait: { mode: 'until_conditions', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'promo' } }, next: 'done' }, { id: 'done', kind: 'tag.add', tag: 'waited' }]
				}
			]
		});
		must(e, { type: 'contacts.added', at: T0, automation: 'wait', contacts: ['a'] });
		expect(whereIs(e, 'a', 'wait')).toBe('waiting@w');
		must(e, {
			type: 'activity.imported',
			at: T0 + HOUR,
			contact: 'a',
			activities: [
				{ at: T0 - DAY, type: 'opened', ref: 'promo' },
				{ at: T0 - 3 * DAY, type: 'event', ref: 'purchase', value: 30 }
			]
		});
		const acts = e.world.contact('a')!.activity;
		expect(acts.map((a) => a.type)).toEqual(['event', 'opened', 'visited']);
		expect(acts.every((a, i) => i === 0 || acts[i - 1].at <= a.at)).toBe(true);
		// The conditional wait saw the open at once; the "opens an email" trigger did not fire.
		expect(whereIs(e, 'a', 'wait')).toBe('completed@done');
		expect(whereIs(e, 'a', 'opened')).toBe('never');
	});

	it('refuses future activity and unknown types', () => {
		const e = base();
		expect(fails(e, { type: 'activity.imported', at: T0, contact: 'a', activities: [{ at: T0 + 1, type: 'opened', ref: '' }] })).toBe('activity.future');
		expect(fails(e, { type: 'activity.imported', at: T0, contact: 'a', activities: [{ at: T0, type: 'teleported' as 'opened', ref: '' }] })).toBe('activity.unknown_type');
		expect(e.world.contact('a')!.activity).toEqual([]);
	});
});
