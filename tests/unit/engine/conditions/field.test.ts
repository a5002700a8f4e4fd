/** Contact field conditions: text, number, date/date-time ("today±N", within), multi-select, checkbox. */
import { describe, expect, it } from 'vitest';
import { compile, holds, seen, table, worldAt } from './harness';

const fields = [
	{ key: 'plan', label: 'Plan', type: 'dropdown', options: ['Gold', 'Silver'] },
	{ key: 'age', label: 'Age', type: 'number' },
	{ key: 'nickname', label: 'Nickname', type: 'text' },
	{ key: 'renewal', label: 'Renewal', type: 'date' },
	{ key: 'trial_end', label: 'Trial end', type: 'date' },
	{ key: 'signup', label: 'Signed up', type: 'datetime' },
	{ key: 'interests', label: 'Interests', type: 'multiselect', options: ['Cats', 'Dogs', 'birds'] },
	{ key: 'vip', label: 'VIP', type: 'checkbox' }
];

// Today is 2026-03-04 for c1 (Paris) and c2 (workspace UTC), 2026-03-05 for c3 (UTC+14).
const ws = {
	fields,
	contacts: [
		{
			id: 'c1',
			email: 'alice@example.com',
			firstName: 'Alice',
			timeZone: 'Europe/Paris',
			fields: { plan: 'Gold', age: 42, nickname: '', renewal: '2026-03-01', trial_end: '2026-03-07', signup: '2026-03-03T23:30:00Z', interests: ['Cats', 'Dogs'], vip: true }
		},
		{ id: 'c2', email: 'bob@example.com', firstName: 'bob', fields: { interests: [], vip: false } },
		{
			id: 'c3',
			email: 'carol@other.org',
			firstName: 'Carol',
			timeZone: 'Pacific/Kiritimati',
			fields: { plan: 'silver', age: '17', nickname: 'Zed', renewal: '2026-03-05', trial_end: '2026-03-12', signup: '2026-03-04T09:00:00Z', interests: ['birds'] }
		}
	]
};

const f = (field: string, op: string, value?: unknown, days?: number) => ({ kind: 'field', field, op, ...(value !== undefined ? { value } : {}), ...(days !== undefined ? { days } : {}) });

describe('field conditions: text and dropdown', () => {
	table(() => worldAt(ws), [
		['eq is case-insensitive', f('firstName', 'eq', 'ALICE'), { c1: true, c2: false, c3: false }],
		['neq', f('firstName', 'neq', 'alice'), { c1: false, c2: true, c3: true }],
		['contains (case-insensitive)', f('email', 'contains', 'EXAMPLE.com'), { c1: true, c2: true, c3: false }],
		['not_contains', f('email', 'not_contains', 'example'), { c1: false, c2: false, c3: true }],
		['starts_with', f('email', 'starts_with', 'Bob'), { c1: false, c2: true, c3: false }],
		['ends_with', f('email', 'ends_with', '.ORG'), { c1: false, c2: false, c3: true }],
		['empty: "" and missing are empty', f('nickname', 'empty'), { c1: true, c2: true, c3: false }],
		['not_empty', f('nickname', 'not_empty'), { c1: false, c2: false, c3: true }],
		['eq with an empty operand means "is empty"', f('nickname', 'eq', ''), { c1: true, c2: true, c3: false }],
		['dropdown eq ignores case', f('plan', 'eq', 'gold'), { c1: true, c2: false, c3: false }],
		['dropdown neq (missing value differs)', f('plan', 'neq', 'Gold'), { c1: false, c2: true, c3: true }],
		['unknown custom field reads as empty', f('nope', 'empty'), { c1: true, c2: true, c3: true }]
	]);
});

describe('field conditions: numbers', () => {
	table(() => worldAt(ws), [
		['gt (empty never compares)', f('age', 'gt', 40), { c1: true, c2: false, c3: false }],
		['lt compares numerically, also numbers stored as text', f('age', 'lt', 18), { c1: false, c2: false, c3: true }],
		['gte boundary', f('age', 'gte', 42), { c1: true, c2: false, c3: false }],
		['lte boundary', f('age', 'lte', 17), { c1: false, c2: false, c3: true }],
		['eq with a text operand', f('age', 'eq', '42'), { c1: true, c2: false, c3: false }],
		['eq with a number operand on a text value', f('age', 'eq', 17), { c1: false, c2: false, c3: true }],
		['neq', f('age', 'neq', 42), { c1: false, c2: true, c3: true }],
		['empty', f('age', 'empty'), { c1: false, c2: true, c3: false }]
	]);
});

describe('field conditions: dates in the contact zone', () => {
	table(() => worldAt(ws), [
		['before today', f('renewal', 'before', 'today'), { c1: true, c2: false, c3: false }],
		['on today (c3 is already on the 5th)', f('renewal', 'on', 'today'), { c1: false, c2: false, c3: true }],
		['after today-5', f('renewal', 'after', 'today-5'), { c1: true, c2: false, c3: true }],
		['after today - 2 (spaces allowed)', f('renewal', 'after', 'today - 2'), { c1: false, c2: false, c3: true }],
		['before an explicit date', f('renewal', 'before', '2026-03-02'), { c1: true, c2: false, c3: false }],
		['on an explicit date', f('renewal', 'on', '2026-03-01'), { c1: true, c2: false, c3: false }],
		['within_last 3 days includes the boundary day', f('renewal', 'within_last', undefined, 3), { c1: true, c2: false, c3: true }],
		['within_last 2 days', f('renewal', 'within_last', undefined, 2), { c1: false, c2: false, c3: true }],
		['within_next 3 days includes the boundary day', f('trial_end', 'within_next', undefined, 3), { c1: true, c2: false, c3: false }],
		['within_next takes N from the value', f('trial_end', 'within_next', 7), { c1: true, c2: false, c3: true }],
		['after today+2', f('trial_end', 'after', 'today+2'), { c1: true, c2: false, c3: true }],
		['after today+3 is strict', f('trial_end', 'after', 'today+3'), { c1: false, c2: false, c3: true }],
		['date-time "on today" uses the local date', f('signup', 'on', 'today'), { c1: true, c2: false, c3: false }],
		['date-time on the UTC date is not the Paris date', f('signup', 'on', '2026-03-03'), { c1: false, c2: false, c3: false }],
		['date-time on the Kiritimati date', f('signup', 'on', '2026-03-04'), { c1: true, c2: false, c3: true }],
		['an unreadable operand never matches', f('renewal', 'before', 'next tuesday'), { c1: false, c2: false, c3: false }]
	]);

	it('is time dependent only with relative operands', () => {
		expect(compile(f('renewal', 'before', 'today')).timeDependent).toBe(true);
		expect(compile(f('renewal', 'within_last', undefined, 3)).timeDependent).toBe(true);
		expect(compile(f('renewal', 'before', '2026-03-02')).timeDependent).toBe(false);
		expect(compile(f('age', 'gt', 3)).timeDependent).toBe(false);
	});
});

describe('field conditions: multi-select and checkbox', () => {
	table(() => worldAt(ws), [
		['includes one option (case-insensitive)', f('interests', 'includes', 'cats'), { c1: true, c2: false, c3: false }],
		['includes any of several', f('interests', 'includes', ['birds', 'fish']), { c1: false, c2: false, c3: true }],
		['excludes', f('interests', 'excludes', 'dogs'), { c1: false, c2: true, c3: true }],
		['eq is set equality, any order or case', f('interests', 'eq', ['dogs', 'CATS']), { c1: true, c2: false, c3: false }],
		['eq with a subset is false', f('interests', 'eq', ['dogs']), { c1: false, c2: false, c3: false }],
		['an empty selection is empty', f('interests', 'empty'), { c1: false, c2: true, c3: false }],
		['contains reads the joined text', f('interests', 'contains', 'Dog'), { c1: true, c2: false, c3: false }],
		['checkbox eq true', f('vip', 'eq', true), { c1: true, c2: false, c3: false }],
		['checkbox eq "yes"', f('vip', 'eq', 'yes'), { c1: true, c2: false }],
		['checkbox eq false', f('vip', 'eq', false), { c1: false, c2: true }],
		['checkbox neq true', f('vip', 'neq', true), { c1: false, c2: true, c3: true }]
	]);
});

describe('field conditions: observations', () => {
	it('records what was read and the verdict', () => {
		const e = worldAt(ws);
		expect(seen(e, f('age', 'gt', 40))).toEqual([{ what: 'field age', value: 42, ok: true }]);
		expect(seen(e, f('age', 'gt', 40), 'c2')).toEqual([{ what: 'field age', value: null, ok: false }]);
		expect(holds(e, f('email', 'eq', 'ALICE@EXAMPLE.COM'))).toBe(true);
	});
});
