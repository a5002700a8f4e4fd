import { describe, expect, it } from 'vitest';
import { ANNA, codes, diagnose, logs, run, stepLogs, where } from './util';

const fields = [
	{ key: 'status', label: 'Status', type: 'text' },
	{ key: 'age', label: 'Age', type: 'number' },
	{ key: 'birthday', label: 'Birthday', type: 'date' },
	{ key: 'last_seen', label: 'Last seen', type: 'datetime' },
	{ key: 'vip', label: 'VIP', type: 'checkbox' },
	{ key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'] },
	{ key: 'topics', label: 'Topics', type: 'multiselect', options: ['News', 'Deals', 'Events'] }
];

describe('contact.update', () => {
	it('renders templates and coerces each value to its field type', () => {
		const e = run(
			[
				{
					id: 'u',
					kind: 'contact.update',
					updates: [
						{ field: 'status', value: 'Promoter (%FIRSTNAME%)' },
						{ field: 'age', value: ' 42 ' },
						{ field: 'birthday', value: '1990-05-17' },
						{ field: 'last_seen', value: '2026-03-01T10:00:00+01:00' },
						{ field: 'vip', value: 'yes' },
						{ field: 'plan', value: 'pro' },
						{ field: 'topics', value: 'news, events' },
						{ field: 'lastName', value: 'Smith-Jones' }
					]
				}
			],
			{ fields }
		);
		const c = e.world.contact('c1')!;
		expect(c.fields).toEqual({
			status: 'Promoter (Anna)',
			age: 42,
			birthday: '1990-05-17',
			last_seen: '2026-03-01T09:00:00.000Z',
			vip: true,
			plan: 'Pro',
			topics: ['News', 'Events']
		});
		expect(c.lastName).toBe('Smith-Jones');
		expect(stepLogs(e, 'u')).toEqual([
			{ code: 'step_done', detail: { changed: ['status', 'age', 'birthday', 'last_seen', 'vip', 'plan', 'topics', 'lastName'] } }
		]);
		expect(where(e)).toBe('completed@u');
	});

	it('skips a value that does not fit its field and still applies the others', () => {
		const e = run(
			[
				{
					id: 'u',
					kind: 'contact.update',
					updates: [
						{ field: 'plan', value: '%FIRSTNAME%' },
						{ field: 'age', value: '%RAW%' },
						{ field: 'email', value: 'not an %RAW%' },
						{ field: 'status', value: 'ok' }
					]
				}
			],
			{ fields: [...fields, { key: 'raw', label: 'Raw', type: 'text' }], contacts: [{ ...ANNA, fields: { raw: 'forty' } }] }
		);
		const c = e.world.contact('c1')!;
		expect(c.fields).toEqual({ raw: 'forty', status: 'ok' });
		expect(c.email).toBe('anna@example.com');
		expect(stepLogs(e, 'u')).toEqual([
			{ code: 'step_skipped', detail: { field: 'plan', reason: 'not_an_option', value: 'Anna' } },
			{ code: 'step_skipped', detail: { field: 'age', reason: 'not_a_number', value: 'forty' } },
			{ code: 'step_skipped', detail: { field: 'email', reason: 'invalid_email', value: 'not an forty' } },
			{ code: 'step_done', detail: { changed: ['status'] } }
		]);
	});

	it('clears a field with null and fires "field changes" triggers', () => {
		const other = {
			id: 'watch',
			name: 'Watch',
			status: 'active',
			triggers: [{ id: 'f', kind: 'field.changed', field: 'status', runs: 'every' }],
			steps: [{ id: 'tag', kind: 'tag.add', tag: 'status-changed' }]
		};
		const e = run([{ id: 'u', kind: 'contact.update', updates: [{ field: 'status', value: null }] }], {
			fields,
			contacts: [{ id: 'c1', email: 'a@example.com', fields: { status: 'old' } }],
			automations: undefined
		}, { others: [other] });
		const c = e.world.contact('c1')!;
		expect(c.fields.status).toBeUndefined();
		expect(c.tags).toEqual(['status-changed']);
		expect(logs(e).some((l) => l.code === 'entered')).toBe(true);
	});

	it('validates field references, literal values and tags', () => {
		const ds = diagnose(
			[
				{
					id: 'u',
					kind: 'contact.update',
					updates: [
						{ field: 'nope', value: 'x' },
						{ field: 'plan', value: 'Enterprise' },
						{ field: 'age', value: '%UNKNOWN_TAG%' },
						{ field: 'age', value: 3 }
					]
				}
			],
			{ fields }
		);
		expect(codes(ds)).toEqual(['ref.field@error', 'contact.update_value@error', 'template.unknown_tag@warning', 'contact.update_duplicate@warning']);
		expect(ds[1].message).toBe('The value for field "plan" is not one of the field\'s options.');
		expect(codes(diagnose([{ id: 'u', kind: 'contact.update', updates: [] }]))).toEqual(['step.invalid@error']);
	});
});
