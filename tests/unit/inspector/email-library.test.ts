// The email library's engine inputs (email.saved / email.deleted) and the catalog handlers:
// validation, determinism, persistence across a reload, export, and escaped previews.
import { describe, expect, it } from 'vitest';
import { engineWith, must, T0 } from '../engine/helpers';
import { exportWorkspace } from '../../../src/lib/format/export';
import { catalogHandlers, catalogOf, renderEmailFor } from '../../../src/lib/worker/handlers/catalog';
import { freshIdb, runtimeOn } from '../worker/harness';
import { snapshot } from '../../../src/lib/engine/state';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import type { HandlerCtx } from '../../../src/lib/worker/handlers/context';

const base = {
	lists: [{ id: 'news', name: 'News' }],
	fields: [{ key: 'city', label: 'City', type: 'text' }],
	emails: [{ id: 'hello', name: 'Hello', subject: 'Hi %FIRSTNAME%', body: '<p>Hello %FIRSTNAME% from %CITY%</p>' }],
	contacts: [
		{ id: 'bob', email: 'bob@example.com', firstName: '<b>Bob</b>', lastName: 'O\'Neil', fields: { city: 'Lyon & Co' }, lists: { news: 'active' } },
		{ id: 'ann', email: 'ann@example.com', firstName: 'Ann' }
	],
	automations: [
		{ id: 'welcome', name: 'Welcome', status: 'active', triggers: [{ id: 't', kind: 'list.subscribed', list: 'news' }], steps: [{ id: 's', kind: 'email.send', email: 'hello' }] }
	]
};

describe('email.saved / email.deleted inputs', () => {
	it('creates, replaces and deletes library emails', () => {
		const e = engineWith(base);
		must(e, { type: 'email.saved', at: T0, email: { id: 'promo', name: 'Promo', subject: 'Sale', body: '<p>-20%</p>' } });
		expect(e.world.catalog.emails.get('promo')?.subject).toBe('Sale');
		must(e, { type: 'email.saved', at: T0, email: { id: 'promo', name: 'Promo', subject: 'Big sale', preheader: 'Today only', body: '<p>-30%</p>' } });
		expect(e.world.catalog.emails.get('promo')).toMatchObject({ subject: 'Big sale', preheader: 'Today only' });
		expect(e.world.dirtyCatalog).toBe(true);
		must(e, { type: 'email.deleted', at: T0, email: 'promo' });
		expect(e.world.catalog.emails.has('promo')).toBe(false);
	});

	it('refuses invalid emails with a path-named diagnostic', () => {
		const e = engineWith(base);
		const res = e.apply({ type: 'email.saved', at: T0, email: { id: 'bad id!', name: '', subject: 'x', body: '' } });
		expect(res.ok).toBe(false);
		if (res.ok) return;
		expect(res.diagnostics.map((d) => d.path?.[0])).toEqual(expect.arrayContaining(['id', 'name']));
		expect(res.diagnostics.every((d) => d.code === 'email.invalid' && d.help)).toBe(true);
		expect(e.world.catalog.emails.has('bad id!')).toBe(false);
	});

	it('refuses to delete an email an automation uses, or one that does not exist', () => {
		const e = engineWith(base);
		const used = e.apply({ type: 'email.deleted', at: T0, email: 'hello' });
		expect(used.ok).toBe(false);
		if (!used.ok) expect(used.diagnostics[0]).toMatchObject({ code: 'email.in_use' });
		expect(used.ok === false && used.diagnostics[0].message).toContain('Welcome');
		const missing = e.apply({ type: 'email.deleted', at: T0, email: 'nope' });
		expect(missing.ok === false && missing.diagnostics[0].code).toBe('email.unknown');
	});

	it('an edited email is what the next send uses', () => {
		const e = engineWith(base);
		must(e, { type: 'email.saved', at: T0, email: { id: 'hello', name: 'Hello', subject: 'Welcome, %FIRSTNAME%!', body: '<p>New body</p>' } });
		must(e, { type: 'list.unsubscribed', at: T0, contact: 'ann', list: 'news' });
		must(e, { type: 'list.subscribed', at: T0 + 1000, contact: 'ann', list: 'news' });
		const sent = e.takeEffects().find((x) => x.kind === 'email.send');
		expect(sent?.payload).toMatchObject({ subject: 'Welcome, Ann!', html: '<p>New body</p>' });
	});

	it('is deterministic, exported and persisted across a reload', async () => {
		const idb = freshIdb();
		const rt = runtimeOn(idb);
		await rt.init(WorkspaceFile.parse({ format: 'journey-studio/workspace', version: 1, name: 'lib', ...base }), { seed: 1, start: T0 });
		const ctx: HandlerCtx = { rt, wallNow: () => 0 };
		const saved = await catalogHandlers.saveEmail(ctx, { id: 'news-1', name: 'Newsletter #1', subject: 'News for %FIRSTNAME%', body: '<p>Hi</p>' });
		expect(saved).toEqual({ ok: true });
		expect(catalogHandlers.emailLibrary(ctx).map((m) => [m.id, m.usedBy.map((u) => u.id)])).toEqual([
			['hello', ['welcome']],
			['news-1', []]
		]);
		const exported = exportWorkspace(rt.engine, { name: 'lib' });
		expect(exported.emails?.map((m) => m.id)).toEqual(['hello', 'news-1']);
		const before = JSON.stringify(snapshot(rt.engine));
		rt.db.close();
		const again = runtimeOn(idb);
		expect(await again.load()).toBe(true);
		expect(JSON.stringify(snapshot(again.engine))).toBe(before);
		expect(catalogHandlers.libraryEmail({ rt: again, wallNow: () => 0 }, 'news-1')?.subject).toBe('News for %FIRSTNAME%');
		const deleted = await catalogHandlers.deleteEmail({ rt: again, wallNow: () => 0 }, 'news-1');
		expect(deleted).toEqual({ ok: true });
		again.db.close();
	});
});

describe('catalog view and previews', () => {
	it('lists the workspace catalogues as plain data', () => {
		const e = engineWith(base);
		const cat = catalogOf(e);
		expect(cat.lists).toEqual([{ id: 'news', name: 'News' }]);
		expect(cat.fields.contact.find((f) => f.key === 'city')).toEqual({ key: 'city', label: 'City', type: 'text' });
		expect(cat.fields.contact.find((f) => f.key === 'firstName')?.standard).toBe(true);
		expect(cat.fields.deal.find((f) => f.key === 'value')?.type).toBe('number');
		expect(cat.emails).toEqual([{ id: 'hello', name: 'Hello', subject: 'Hi %FIRSTNAME%' }]);
		expect(catalogOf(engineWith({ ...base, emails: [{ ...base.emails[0], fromEmail: 'a@b.co' }] })).emails[0].fromEmail).toBe('a@b.co');
		expect(cat.automations[0]).toMatchObject({ id: 'welcome', steps: [{ id: 's', kind: 'email.send', label: '' }], triggers: [{ id: 't', kind: 'list.subscribed' }] });
		expect(cat.sampleContacts[0]).toEqual({ id: 'bob', name: '<b>Bob</b> O\'Neil', email: 'bob@example.com' });
		expect(() => structuredClone(cat)).not.toThrow();
	});

	it('renders a preview with HTML-escaped values in the body and plain text in the subject', () => {
		const e = engineWith(base);
		const r = renderEmailFor(e, { emailId: 'hello', contactId: 'bob' })!;
		expect(r.subject).toBe('Hi <b>Bob</b>');
		expect(r.html).toBe('<p>Hello &lt;b&gt;Bob&lt;/b&gt; from Lyon &amp; Co</p>');
		const draft = renderEmailFor(e, { draft: { subject: '%LASTNAME%', body: '<i>%LASTNAME%</i>' }, contactId: 'bob' })!;
		expect(draft.html).toBe('<i>O&#39;Neil</i>');
		expect(renderEmailFor(e, { emailId: 'missing' })).toBeNull();
	});
});
