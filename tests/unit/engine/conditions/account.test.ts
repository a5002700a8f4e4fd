/** Account conditions: standard (name, owner) and custom account fields of the contact's account. */
import { describe, expect, it } from 'vitest';
import { holds, table, worldAt } from './harness';

const ws = {
	users: [{ id: 'u1', name: 'Ursula', email: 'u1@corp.io' }],
	accountFields: [
		{ key: 'industry', label: 'Industry', type: 'text' },
		{ key: 'employees', label: 'Employees', type: 'number' },
		{ key: 'renewal', label: 'Renewal', type: 'date' }
	],
	accounts: [
		{ id: 'acme', name: 'Acme Corp', owner: 'u1', fields: { industry: 'Retail', employees: 250, renewal: '2026-03-20' } },
		{ id: 'globex', name: 'Globex', fields: { industry: '' } }
	],
	contacts: [{ id: 'c1', account: 'acme' }, { id: 'c2', account: 'globex' }, { id: 'c3' }]
};
const acc = (field: string, op: string, value?: unknown, days?: number) => ({ kind: 'account', field, op, ...(value !== undefined ? { value } : {}), ...(days !== undefined ? { days } : {}) });

describe('account conditions', () => {
	table(() => worldAt(ws), [
		['name eq (case-insensitive)', acc('name', 'eq', 'acme corp'), { c1: true, c2: false, c3: false }],
		['name contains', acc('name', 'contains', 'GLOB'), { c1: false, c2: true, c3: false }],
		['owner', acc('owner', 'eq', 'u1'), { c1: true, c2: false, c3: false }],
		['custom text field', acc('industry', 'eq', 'retail'), { c1: true, c2: false, c3: false }],
		['empty: blank value or no account at all', acc('industry', 'empty'), { c1: false, c2: true, c3: true }],
		['not_empty', acc('industry', 'not_empty'), { c1: true, c2: false, c3: false }],
		['number field', acc('employees', 'gt', 100), { c1: true, c2: false, c3: false }],
		['date field within the next 30 days', acc('renewal', 'within_next', undefined, 30), { c1: true, c2: false, c3: false }],
		['neq reads a missing account as empty, like a missing contact field', acc('industry', 'neq', 'Retail'), { c1: false, c2: true, c3: true }]
	]);

	it('sees account updates and account links', () => {
		const e = worldAt(ws);
		e.apply({ type: 'account.updated', at: e.now, account: { id: 'globex', name: 'Globex', fields: { industry: 'Energy' } } });
		expect(holds(e, acc('industry', 'eq', 'energy'), 'c2')).toBe(true);
		e.apply({ type: 'contact.upserted', at: e.now, contact: { id: 'c3', account: 'globex' } });
		expect(holds(e, acc('industry', 'eq', 'energy'), 'c3')).toBe(true);
	});
});
