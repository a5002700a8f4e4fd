/** CSV import of contacts through the backend API: mapping, type checks, error report, merging, atomic commit; export. */
import { describe, expect, it } from 'vitest';
import { openWorkspace, people } from './helpers';
import { parseCsv, safeCell, toCsv } from '../../../src/lib/worker/import/csv';
import type { ColumnMapping, ContactImportOptions } from '../../../src/lib/worker/import/contacts';

const workspace = {
	lists: [
		{ id: 'news', name: 'Newsletter' },
		{ id: 'customers', name: 'Customers' }
	],
	scoring: [{ id: 'engagement', name: 'Engagement' }],
	fields: [{ key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'] }],
	contacts: [
		{ id: 'old1', email: 'existing@example.com', firstName: 'Old', lists: { news: 'unsubscribed' } },
		{ id: 'old2', email: 'Keep@Example.com', firstName: 'Kept', tags: ['early'] }
	],
	automations: [
		{ id: 'welcome', name: 'Welcome', status: 'active', triggers: [{ id: 't', kind: 'list.subscribed', list: 'news' }], steps: [{ id: 'tag', kind: 'tag.add', tag: 'welcomed' }] }
	]
};

/** 1,000 data rows, 20 of them bad, 5 duplicated addresses, 2 existing contacts. */
function sampleCsv(): { text: string; bad: number[] } {
	const lines = ['E-mail,Prénom,Nom,Téléphone,Plan,Age,Signed up,Tags,Newsletter'];
	const bad: number[] = [];
	for (let i = 1; i <= 1000; i++) {
		let email = `user${i}@example.com`;
		let phone = i % 10 === 0 ? '06 12 34 56 78' : '';
		let plan = i % 2 ? 'pro' : 'Free';
		let age = String(20 + (i % 50));
		let date = `${String((i % 28) + 1).padStart(2, '0')}/03/2025`;
		if (i % 50 === 7) {
			bad.push(i + 1);
			[email, phone, plan, age, date] = [
				[`not-an-address-${i}`, phone, plan, age, date],
				[email, 'call me', plan, age, date],
				[email, phone, 'Enterprise', age, date],
				[email, phone, plan, 'forty', date],
				[email, phone, plan, age, '31/02/2025']
			][Math.floor(i / 50) % 5] as [string, string, string, string, string];
		}
		if (i === 500) email = 'existing@example.com';
		if (i === 501) email = 'keep@example.com';
		if (i > 995) email = `user${i - 990}@example.com`; // duplicates of users 6–10
		lines.push([email, `Prénom${i}`, `Nom${i}`, phone, plan, age, date, i % 3 ? 'imported' : 'imported; vip', i % 4 ? 'yes' : ''].join(','));
	}
	return { text: lines.join('\n'), bad };
}

const options = (o: Partial<ContactImportOptions> = {}): ContactImportOptions => ({ mode: 'valid', subscribeTo: null, addTags: [], runAutomations: true, ...o });

describe('contacts CSV import', () => {
	it('suggests a mapping, reports each bad row, merges duplicates and commits the valid rows once', async () => {
		const { api } = await openWorkspace(workspace);
		const { text, bad } = sampleCsv();
		const open = await api.csvImportOpen('contacts', text, 'people.csv');
		expect(open.rows).toBe(1000);
		expect(open.headers[0]).toBe('E-mail');
		const m = open.mapping!;
		expect(m.map((c) => c.target)).toEqual([
			{ kind: 'standard', field: 'email' },
			{ kind: 'standard', field: 'firstName' },
			{ kind: 'standard', field: 'lastName' },
			{ kind: 'standard', field: 'phone' },
			{ kind: 'field', key: 'plan' },
			{ kind: 'new_field', key: 'age', label: 'Age', type: 'number' },
			{ kind: 'new_field', key: 'signed_up', label: 'Signed up', type: 'date' },
			{ kind: 'tags' },
			{ kind: 'list', list: 'news' }
		]);
		expect(m[6].dateOrder).toBe('dmy');

		const check = await api.csvImportCheck(open.id, m, options());
		expect(check.issues).toEqual([]);
		expect(check.invalidRows).toBe(20);
		expect(check.validRows).toBe(980);
		expect([...new Set(check.errors.map((e) => e.row))].sort((a, b) => a - b)).toEqual(bad);
		expect(new Set(check.errors.map((e) => e.code))).toEqual(new Set(['email_invalid', 'phone_invalid', 'not_an_option', 'not_a_number', 'not_a_date']));
		const planErr = check.errors.find((e) => e.code === 'not_an_option')!;
		expect(planErr).toMatchObject({ column: 'Plan', value: 'Enterprise', detail: 'Free, Pro' });
		expect(check.mergedInFile).toBe(4); // rows 996–1000 repeat users 6–10; user 7 is a bad row
		expect(check.updates).toBe(2);
		expect(check.creates).toBe(980 - 4 - 2);

		// "Import nothing if any row is invalid" refuses and changes nothing.
		const refused = await api.csvImportCommit(open.id, m, options({ mode: 'all' }));
		expect(refused.ok).toBe(false);
		expect((await api.summary()).contacts).toBe(2);
		expect((await api.contactsCatalog()).fields.map((f) => f.key)).toEqual(['plan']);

		const done = await api.csvImportCommit(open.id, m, options({ addTags: ['spring-import'] }));
		expect(done).toMatchObject({ ok: true, created: 974, updated: 2, skipped: 20, fields: 2 });
		expect((await api.summary()).contacts).toBe(976);
		const cat = await api.contactsCatalog();
		expect(cat.fields.map((f) => [f.key, f.type])).toEqual([['plan', 'dropdown'], ['age', 'number'], ['signed_up', 'date']]);

		// Typed values, merged duplicates (later row wins), existing contacts updated not duplicated.
		const rows = (await api.contactRows({ search: 'user6@example.com' }, 0, 5)).rows;
		expect(rows).toHaveLength(1);
		const six = (await api.contactView(rows[0].id))!;
		expect(six.contact.firstName).toBe('Prénom996');
		expect(six.contact.fields).toMatchObject({ plan: 'Free', age: 66, signed_up: '2025-03-17' });
		expect(six.contact.tags).toEqual(['imported', 'vip', 'spring-import', 'welcomed']);
		const existing = (await api.contactView('old1'))!;
		expect(existing.contact.firstName).toBe('Prénom500');
		expect(existing.contact.lists.news).toBe('unsubscribed'); // the file leaves that cell empty: unchanged
		const kept = (await api.contactView('old2'))!;
		expect(kept.contact.tags).toEqual(['early', 'imported', 'vip', 'spring-import', 'welcomed']);
		expect(kept.contact.email).toBe('Keep@Example.com');
		// Subscriptions of new contacts fired the welcome automation.
		const welcome = (await api.automations()).find((a) => a.id === 'welcome')!;
		expect(welcome.entered).toBeGreaterThan(700);
		// The session is gone after the commit.
		await expect(api.csvImportCheck(open.id, m, options())).rejects.toThrow(/no longer loaded/);
	});

	it('"subscribe all to a list" leaves unsubscribed contacts unsubscribed', async () => {
		const { api } = await openWorkspace(workspace);
		const open = await api.csvImportOpen('contacts', 'email,first name\nexisting@example.com,Ann\nnew@example.com,Bob\n', 'two.csv');
		const check = await api.csvImportCheck(open.id, open.mapping!, options({ subscribeTo: 'news' }));
		expect(check).toMatchObject({ creates: 1, updates: 1, keptUnsubscribed: 1, canCommit: true });
		await api.csvImportCommit(open.id, open.mapping!, options({ subscribeTo: 'news', runAutomations: false }));
		expect((await api.contactView('old1'))!.contact.lists.news).toBe('unsubscribed');
		const bob = (await api.contactRows({ search: 'new@example.com' }, 0, 1)).rows[0];
		expect(bob.lists).toEqual({ news: 'active' });
		// runAutomations: false → the new subscriber did not enter the welcome automation.
		expect((await api.automations()).find((a) => a.id === 'welcome')!.entered).toBe(0);
	});

	it('blocks a mapping without an email column or with a field created twice', async () => {
		const { api } = await openWorkspace(workspace);
		const open = await api.csvImportOpen('contacts', 'name,city,town\nAnn,Paris,Paris\n', 'x.csv');
		const mapping: ColumnMapping[] = [
			{ target: { kind: 'standard', field: 'fullName' } },
			{ target: { kind: 'new_field', key: 'city', label: 'City', type: 'text' } },
			{ target: { kind: 'new_field', key: 'city', label: 'Town', type: 'text' } }
		];
		const check = await api.csvImportCheck(open.id, mapping, options());
		expect(check.issues.map((i) => i.code).sort()).toEqual(['new_field_twice', 'no_email_column']);
		expect(check.canCommit).toBe(false);
	});

	it('reports rows with the wrong number of cells', async () => {
		const { api } = await openWorkspace(workspace);
		const open = await api.csvImportOpen('contacts', 'email,first name\na@example.com,Ann,extra\nb@example.com\n', 'x.csv');
		const check = await api.csvImportCheck(open.id, open.mapping!, options());
		expect(check.errors.map((e) => [e.row, e.code, e.detail])).toEqual([
			[2, 'cell_count', '3/2'],
			[3, 'cell_count', '1/2']
		]);
	});
});

describe('CSV reading and writing', () => {
	it('streams a large file with progress, drops the BOM and detects the delimiter', async () => {
		const rows = Array.from({ length: 20_000 }, (_, i) => `p${i}@example.com;Name ${i};"quoted; ${i}"`);
		const text = '\ufeffemail;name;note\n' + rows.join('\n');
		const seen: number[] = [];
		const parsed = await parseCsv(text, (done) => seen.push(done));
		expect(parsed.headers).toEqual(['email', 'name', 'note']);
		expect(parsed.delimiter).toBe(';');
		expect(parsed.rows).toHaveLength(20_000);
		expect(parsed.rows[19_999]).toEqual(['p19999@example.com', 'Name 19999', 'quoted; 19999']);
		expect(seen.length).toBeGreaterThan(1);
		expect(seen[seen.length - 1]).toBe(text.length);
	});

	it('neutralises formula injection in every cell of an export', () => {
		for (const bad of ['=HYPERLINK("http://evil","x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])
			expect(safeCell(bad)).toBe(`'${bad}`);
		expect(safeCell('plain')).toBe('plain');
		expect(safeCell('a=b')).toBe('a=b');
		const csv = toCsv(['name', '=cmd'], [['=1+1', 'ok'], ['@x', '-3']]);
		expect(csv.split('\r\n')).toEqual(["name,'=cmd", "'=1+1,ok", "'@x,'-3"]);
	});

	it('exports contacts with headers the importer maps back, and round-trips them', async () => {
		const { api } = await openWorkspace({
			...workspace,
			contacts: people(3, (i) => ({ fields: { plan: 'Pro' }, tags: i === 0 ? ['=cmd|calc'] : [], firstName: i === 1 ? '=HYPERLINK("http://evil")' : `F${i}`, scores: { engagement: -2 } }))
		});
		const csv = await api.exportContacts({ query: {} });
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('email,first_name,last_name,phone,time_zone,tags,list:news,list:customers,score:engagement,plan,created_at,id');
		expect(lines[1]).toContain(`,'=cmd|calc,`);
		expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(lines[1]).toContain(`,'-2,`);
		// Import the export into a fresh workspace: same people, same values.
		const fresh = await openWorkspace(workspace);
		const open = await fresh.api.csvImportOpen('contacts', csv, 'export.csv');
		expect(open.mapping!.map((m) => m.target.kind)).toEqual(['standard', 'standard', 'standard', 'standard', 'standard', 'tags', 'list', 'list', 'score', 'field', 'ignore', 'ignore']);
		const res = await fresh.api.csvImportCommit(open.id, open.mapping!, options());
		expect(res).toMatchObject({ ok: true, created: 3 });
		const back = (await fresh.api.contactRows({ search: 'person2@example.com' }, 0, 1)).rows[0];
		const view = (await fresh.api.contactView(back.id))!;
		expect(view.contact.firstName).toBe('=HYPERLINK("http://evil")');
		expect(view.contact.scores.engagement).toBe(-2);
		expect(view.contact.fields.plan).toBe('Pro');
	});
});
