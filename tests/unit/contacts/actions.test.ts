/** Segments, bulk actions, event simulation, contact edits, custom fields and events import through the backend API. */
import { describe, expect, it } from 'vitest';
import { DAY, openWorkspace, people, START } from './helpers';
import { pickShare } from '../../../src/lib/worker/contacts/simulate';

const workspace = {
	lists: [{ id: 'news', name: 'Newsletter' }, { id: 'vip', name: 'VIP' }],
	scoring: [{ id: 'engagement', name: 'Engagement' }],
	fields: [{ key: 'city', label: 'City', type: 'text' }, { key: 'age', label: 'Age', type: 'number' }],
	emails: [{ id: 'promo', name: 'Promo', subject: 'Sale', body: '<a href="https://shop.example/sale">Sale</a>' }],
	forms: [{ id: 'signup', name: 'Sign-up' }],
	conversions: [{ id: 'order', name: 'Order' }],
	contacts: people(40, (i) => ({ fields: { city: i % 2 ? 'Paris' : 'Lyon', age: 20 + i } })),
	automations: [
		{ id: 'tagged', name: 'VIP welcome', status: 'active', triggers: [{ id: 't', kind: 'tag.added', tag: 'vip' }], steps: [{ id: 'note', kind: 'tag.add', tag: 'vip-welcomed' }] },
		{ id: 'manual', name: 'Manual journey', status: 'active', triggers: [{ id: 'm', kind: 'manual' }], steps: [{ id: 'w', kind: 'wait', wait: { mode: 'until_conditions', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'promo' } }, next: 'done' }, { id: 'done', kind: 'tag.add', tag: 'opened-promo' }] },
		{ id: 'buyers', name: 'Buyers', status: 'active', triggers: [{ id: 'e', kind: 'event.recorded', name: 'purchase' }], steps: [{ id: 'tag', kind: 'tag.add', tag: 'buyer' }] },
		{ id: 'off', name: 'Paused', status: 'inactive', triggers: [{ id: 'm', kind: 'manual' }], steps: [{ id: 'x', kind: 'tag.add', tag: 'x' }] }
	]
};

describe('segments', () => {
	it('saves, validates, names uniquely and counts live', async () => {
		const { api } = await openWorkspace(workspace);
		const paris = { all: [{ kind: 'field' as const, field: 'city', op: 'eq' as const, value: 'Paris' }, { kind: 'field' as const, field: 'age', op: 'gte' as const, value: 40 }] };
		expect(await api.countSegment(paris)).toMatchObject({ ok: true, count: 10 });
		const bad = await api.countSegment({ kind: 'list', op: 'is', list: 'ghost', status: 'active' });
		expect(bad.ok ? '' : bad.diagnostics[0].code).toBe('ref.list');
		const saved = await api.saveContactSegment({ name: '  Older   Parisians ', condition: paris });
		expect(saved.ok).toBe(true);
		const dup = await api.saveContactSegment({ name: 'older parisians', condition: paris });
		expect(dup.ok ? '' : dup.diagnostics[0].code).toBe('segment.name_taken');
		let list = await api.contactSegments();
		expect(list.map((s) => [s.name, s.count])).toEqual([['Older Parisians', 10]]);
		await api.bulkContactAction({ ids: ['c40'] }, { kind: 'delete' });
		list = await api.contactSegments();
		expect(list[0].count).toBe(9);
		expect(await api.contactTargetCount({ segment: list[0].id })).toBe(9);
		await api.deleteContactSegment(list[0].id);
		expect(await api.contactSegments()).toEqual([]);
	});
});

describe('bulk actions', () => {
	it('tags a segment (triggering automations), subscribes, adds to an automation, deletes after confirming the count', async () => {
		const { api } = await openWorkspace(workspace);
		const lyon = { query: { segment: { kind: 'field' as const, field: 'city', op: 'eq' as const, value: 'Lyon' } } };
		expect(await api.bulkContactAction(lyon, { kind: 'tag.add', tag: 'vip' })).toEqual({ ok: true, count: 20, changed: 20 });
		// Already tagged: nothing changes the second time.
		expect(await api.bulkContactAction(lyon, { kind: 'tag.add', tag: 'VIP' })).toEqual({ ok: true, count: 20, changed: 0 });
		expect((await api.automations()).find((a) => a.id === 'tagged')!.completed).toBe(20);
		expect((await api.contactView('c1'))!.contact.tags).toEqual(['vip', 'vip-welcomed']);
		expect(await api.bulkContactAction({ ids: ['c1', 'c2', 'c2', 'nope'] }, { kind: 'list.subscribe', list: 'vip' })).toEqual({ ok: true, count: 2, changed: 2 });
		expect(await api.bulkContactAction({ ids: ['c1'] }, { kind: 'list.unsubscribe', list: 'news' })).toMatchObject({ ok: true, changed: 1 });
		expect((await api.contactView('c1'))!.contact.lists).toEqual({ news: 'unsubscribed', vip: 'active' });
		const off = await api.bulkContactAction(lyon, { kind: 'automation.add', automation: 'off' });
		expect(off.ok ? '' : off.diagnostics[0].code).toBe('bulk.automation_inactive');
		expect(await api.bulkContactAction(lyon, { kind: 'automation.add', automation: 'manual' })).toMatchObject({ ok: true, count: 20 });
		expect((await api.automations()).find((a) => a.id === 'manual')!.inFlight).toBe(20);
		// The confirmed count must still hold.
		const stale = await api.bulkContactAction(lyon, { kind: 'delete' }, 19);
		expect(stale.ok ? '' : stale.diagnostics[0].code).toBe('bulk.target_changed');
		expect(await api.bulkContactAction(lyon, { kind: 'delete' }, 20)).toMatchObject({ ok: true, count: 20 });
		expect((await api.summary()).contacts).toBe(20);
		expect((await api.automations()).find((a) => a.id === 'manual')!.inFlight).toBe(0);
	});
});

describe('event simulation', () => {
	it('fires opens for a seeded share now, and purchases scheduled later', async () => {
		const { api } = await openWorkspace(workspace);
		await api.bulkContactAction({ query: {} }, { kind: 'automation.add', automation: 'manual' });
		const res = await api.simulateEvent({ target: { query: {} }, event: { kind: 'email.opened', email: 'promo' }, at: null, percent: 25, seed: 3 });
		expect(res).toEqual({ ok: true, count: 10, scheduledAt: null });
		const done = (await api.automations()).find((a) => a.id === 'manual')!;
		expect(done.completed).toBe(10);
		// Same seed → same people.
		const ids = Array.from({ length: 40 }, (_, i) => `c${i + 1}`);
		const chosen = pickShare(ids, 25, 3);
		for (const id of chosen) expect((await api.contactView(id))!.contact.tags).toContain('opened-promo');
		expect(pickShare(ids, 25, 4)).not.toEqual(chosen);

		const at = START + 2 * DAY;
		const later = await api.simulateEvent({ target: { ids: ['c1', 'c2'] }, event: { kind: 'purchase', amount: 42.5, conversion: 'order' }, at, percent: 100, seed: 1 });
		expect(later).toEqual({ ok: true, count: 2, scheduledAt: at });
		expect((await api.contactView('c1'))!.contact.tags).not.toContain('buyer');
		await api.jumpTo(at + 1);
		const c1 = (await api.contactView('c1'))!;
		expect(c1.contact.tags).toContain('buyer');
		expect(c1.contact.activity.filter((a) => a.at === at).map((a) => [a.type, a.ref, a.value])).toEqual([
			['event', 'purchase', 42.5],
			['conversion', 'order', 42.5]
		]);
		const past = await api.simulateEvent({ target: { ids: ['c1'] }, event: { kind: 'page.visited', url: 'https://x' }, at: START, percent: 100, seed: 1 });
		expect(past.ok ? '' : past.diagnostics[0].code).toBe('simulate.past');
	});
});

describe('one contact', () => {
	it('edits typed fields, refuses bad values and taken addresses, adds notes and scores, creates contacts', async () => {
		const { api } = await openWorkspace(workspace);
		expect(await api.updateContact('c1', { firstName: ' Ann ', fields: { age: 33, city: null }, phone: '06 11 22 33 44', smsConsent: true })).toEqual({ ok: true });
		const v = (await api.contactView('c1'))!;
		expect(v.contact).toMatchObject({ firstName: 'Ann', phone: '+33611223344', smsConsent: true, fields: { age: 33 } });
		const bad = await api.updateContact('c1', { fields: { age: 'old' as unknown as number }, email: 'person2@example.com', timeZone: 'Mars/Olympus' });
		expect(bad.ok ? [] : bad.diagnostics.map((d) => d.code).sort()).toEqual(['contact.email_taken', 'contact.field_type', 'contact.zone_invalid']);
		expect(await api.addContactNote('c1', 'Asked for a call back')).toEqual({ ok: true });
		expect(await api.adjustContactScore('c1', 'engagement', 'add', 5)).toEqual({ ok: true });
		const after = (await api.contactView('c1'))!;
		expect(after.contact.notes.map((n) => n.text)).toEqual(['Asked for a call back']);
		expect(after.scores).toEqual([{ id: 'engagement', name: 'Engagement', value: 5 }]);
		const created = await api.createContact({ email: 'new@example.com', firstName: 'New', list: 'news', tags: ['vip'] });
		expect(created.ok).toBe(true);
		if (created.ok) expect((await api.contactView(created.id))!.contact).toMatchObject({ email: 'new@example.com', lists: { news: 'active' }, tags: ['vip', 'vip-welcomed'] });
		const again = await api.createContact({ email: 'NEW@example.com' });
		expect(again.ok ? '' : again.diagnostics[0].code).toBe('contact.email_taken');
	});

	it('shows the automations with their paths and the trace lines with names', async () => {
		const { api } = await openWorkspace(workspace);
		await api.bulkContactAction({ ids: ['c3'] }, { kind: 'automation.add', automation: 'manual' });
		await api.simulateEvent({ target: { ids: ['c3'] }, event: { kind: 'email.opened', email: 'promo' }, at: null, percent: 100, seed: 1 });
		const v = (await api.contactView('c3'))!;
		expect(v.runs.map((r) => [r.name, r.status, r.path.map((p) => p.step)])).toEqual([['Manual journey', 'completed', ['w', 'done']]]);
		expect(v.trace.map((t) => t.code)).toEqual(['entered', 'wait_started', 'wait_ended', 'step_done', 'completed']);
		expect(v.trace[0]).toMatchObject({ automationName: 'Manual journey' });
		expect(v.trace[1]).toMatchObject({ stepKind: 'wait', step: 'w' });
	});
});

describe('custom fields through the API', () => {
	it('defines, lists usage, refuses removal in use, removes', async () => {
		const { api } = await openWorkspace({ ...workspace, automations: [{ id: 'a', name: 'Uses age', status: 'active', triggers: [{ id: 'm', kind: 'manual' }], steps: [{ id: 'i', kind: 'if_else', conditions: { kind: 'field', field: 'age', op: 'gt', value: 3 } }] }] });
		expect(await api.defineContactField({ key: 'tier', label: 'Tier', type: 'dropdown', options: ['Gold', 'Silver'] })).toEqual({ ok: true });
		expect(await api.contactFieldUsage()).toEqual({ city: 40, age: 40, tier: 0 });
		const r = await api.removeContactField('age');
		expect(r.ok ? '' : r.diagnostics[0].code).toBe('field.in_use');
		expect(await api.removeContactField('city')).toEqual({ ok: true });
		expect((await api.contactsCatalog()).fields.map((f) => f.key)).toEqual(['age', 'tier']);
		const file = await api.exportWorkspace();
		expect(file.fields.map((f) => f.key)).toEqual(['age', 'tier']);
	});
});

describe('events CSV import', () => {
	it('puts past events in the history and schedules future ones', async () => {
		const { api } = await openWorkspace(workspace);
		const day = (d: number) => new Date(START + d * DAY).toISOString();
		const csv = [
			'Email,Event,Date,Email id / URL,Amount',
			`person1@example.com,opened,${day(-3)},promo,`,
			`person1@example.com,clicked,${day(-3)},promo,`,
			`person2@example.com,Achat,${day(-1)},order,19.90`,
			`person3@example.com,page visit,${day(-2)},https://shop.example/pricing,`,
			`person4@example.com,purchase,${day(2)},,55`,
			`ghost@example.com,opened,${day(-1)},promo,`,
			`person5@example.com,teleported,${day(-1)},,`,
			`person6@example.com,purchase,yesterday,,10`,
			`person7@example.com,purchase,${day(-1)},,`
		].join('\n');
		const open = await api.csvImportOpen('events', csv, 'events.csv');
		expect(open.eventColumns).toEqual(['email', 'type', 'date', 'ignore', 'value']);
		const cols = ['email', 'type', 'date', 'ref', 'value'] as const;
		const check = await api.csvEventsCheck(open.id, [...cols], { mode: 'valid', dateOrder: 'iso' });
		expect(check).toMatchObject({ rows: 9, validRows: 5, invalidRows: 4, past: 4, future: 1, contacts: 4 });
		expect(check.errors.map((e) => [e.row, e.code])).toEqual([
			[7, 'contact_unknown'],
			[8, 'type_unknown'],
			[9, 'not_a_datetime'],
			[10, 'value_missing']
		]);
		const res = await api.csvEventsCommit(open.id, [...cols], { mode: 'valid', dateOrder: 'iso' });
		expect(res).toMatchObject({ ok: true, history: 4, scheduled: 1 });
		const p1 = (await api.contactView('c1'))!.contact.activity.map((a) => [a.type, a.ref]);
		expect(p1).toEqual([
			['opened', 'promo'],
			['clicked', 'promo']
		]);
		expect((await api.contactView('c2'))!.contact.activity.map((a) => [a.type, a.ref, a.value])).toEqual([
			['event', 'purchase', 19.9],
			['conversion', 'order', 19.9]
		]);
		// History fires no trigger; the future purchase does when the clock reaches it.
		expect((await api.contactView('c2'))!.contact.tags).not.toContain('buyer');
		expect((await api.summary()).scheduledInputs).toBe(1);
		await api.jumpTo(START + 3 * DAY);
		expect((await api.contactView('c4'))!.contact.tags).toContain('buyer');
	});
});
