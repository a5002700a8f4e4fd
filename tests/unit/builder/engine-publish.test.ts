/**
 * Engine additions for the builder: the plan profile as an input, catalogue upserts (recipes and
 * imports), publishing with an explicit rule for contacts in flight (restoring a revision), the
 * time each version was published, and definitions compared by meaning rather than key order.
 */
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../src/lib/engine/core/time';
import type { Engine } from '../../../src/lib/engine/engine';
import { planMigration } from '../../../src/lib/engine/migrate';
import { restoreEngine, snapshot } from '../../../src/lib/engine/state';
import { RunStatus } from '../../../src/lib/engine/core/runs';
import { contacts, engineWith, must, T0, whereIs } from '../engine/helpers';

const manual = [{ id: 'm', kind: 'manual', runs: 'every' }];
const tag = (id: string, next?: string) => ({ id, kind: 'tag.add', tag: id, ...(next ? { next } : {}) });
const period = (id: string, days: number, next?: string) => ({ id, kind: 'wait', wait: { mode: 'period', for: { days } }, ...(next ? { next } : {}) });
const auto = (steps: Record<string, unknown>[]) => ({ id: 'a', name: 'A', status: 'active', triggers: manual, steps });
const ws = (automations: unknown[]) =>
	engineWith({ lists: [{ id: 'news', name: 'News' }], contacts: contacts(4), automations });
const publish = (e: Engine, def: unknown, inFlight?: unknown) =>
	e.apply({ type: 'automation.published', at: e.now, automation: def as never, ...(inFlight ? { inFlight: inFlight as never } : {}) });

function traceCodes(e: Engine, contact: string): string[] {
	const c = e.world.contact(contact)!;
	return e.trace.indicesOfContact(c.idx).map((i) => e.trace.entry(i).code);
}

describe('plan.changed', () => {
	it('sets the plan used by validation and keeps it across a restore', () => {
		const e = ws([]);
		must(e, { type: 'plan.changed', at: T0, plan: { tier: 'starter', addons: [] } });
		expect(e.plan).toEqual({ tier: 'starter', addons: [] });
		const split = { id: 's', kind: 'split', mode: 'even', paths: [{ label: 'A' }, { label: 'B' }] };
		const diags = e.validate({ id: 'x', name: 'X', status: 'draft', entry: 'multiple', triggers: [], steps: [split] } as never);
		expect(diags.map((d) => d.code)).toContain('plan.unavailable');
		expect(restoreEngine(snapshot(e)).plan).toEqual({ tier: 'starter', addons: [] });
	});

	it('refuses an unknown tier', () => {
		const e = ws([]);
		const r = e.apply({ type: 'plan.changed', at: T0, plan: { tier: 'gold', addons: [] } as never });
		expect(r.ok).toBe(false);
		expect(e.plan.tier).toBe('enterprise');
	});
});

describe('catalog.upserted', () => {
	it('creates lists, fields, emails and tags, then updates them by id', () => {
		const e = ws([]);
		must(e, {
			type: 'catalog.upserted',
			at: T0,
			lists: [{ id: 'webinar', name: 'Webinar' }],
			fields: [{ key: 'webinar_date', label: 'Webinar date', type: 'datetime' }],
			emails: [{ id: 'rem', name: 'Reminder', subject: 'Soon', body: '<p>Hi</p>' }],
			tags: ['attendee', ' ']
		});
		const cat = e.world.catalog;
		expect(cat.lists.get('webinar')?.name).toBe('Webinar');
		expect(cat.fields.get('webinar_date')?.type).toBe('datetime');
		expect(cat.emails.get('rem')?.subject).toBe('Soon');
		expect(cat.tags.has('attendee')).toBe(true);
		expect(cat.tags.has('')).toBe(false);
		must(e, { type: 'catalog.upserted', at: T0, lists: [{ id: 'webinar', name: 'Webinar guests' }] });
		expect(cat.lists.get('webinar')?.name).toBe('Webinar guests');
		expect(restoreEngine(snapshot(e)).world.catalog.emails.get('rem')?.name).toBe('Reminder');
	});

	it('refuses to change the type of an existing field, and changes nothing then', () => {
		const e = ws([]);
		must(e, { type: 'catalog.upserted', at: T0, fields: [{ key: 'age', label: 'Age', type: 'number' }] });
		const r = e.apply({ type: 'catalog.upserted', at: T0, lists: [{ id: 'later', name: 'Later' }], fields: [{ key: 'age', label: 'Age', type: 'text' }] });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.diagnostics[0].code).toBe('input.field_type_change');
		expect(e.world.catalog.lists.has('later')).toBe(false);
	});

	it('refuses invalid entries', () => {
		const e = ws([]);
		const r = e.apply({ type: 'catalog.upserted', at: T0, fields: [{ key: 'Bad Key', label: 'X', type: 'text' }] });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.diagnostics[0].code).toBe('input.invalid_catalog');
	});
});

describe('publishing with an in-flight rule', () => {
	const v1 = auto([period('w1', 3, 't1'), tag('t1', 'w2'), period('w2', 3, 't2'), tag('t2')]);

	it('"exit": everyone held on the old version exits with a reason', () => {
		const e = ws([v1]);
		must(e, { type: 'contacts.added', at: T0, automation: 'a', contacts: ['c1', 'c2'] });
		must(e, { type: 'clock.advanced', at: T0 + HOUR });
		expect(publish(e, auto([tag('t0')]), 'exit').ok).toBe(true);
		expect(whereIs(e, 'c1', 'a')).toBe('exited@w1');
		expect(traceCodes(e, 'c1').at(-1)).toBe('exited');
		const c1 = e.world.contact('c1')!;
		expect(e.runs.extra[c1.firstRun]?.endReason).toBe('version_replaced');
		expect(e.statsFor('a', 'w1').waiting).toBe(0);
		// New entries run the new version.
		must(e, { type: 'contacts.added', at: e.now, automation: 'a', contacts: ['c3'] });
		expect(whereIs(e, 'c3', 'a')).toBe('completed@t0');
	});

	it('"moveTo": everyone waits afresh at the chosen wait of the new version', () => {
		const e = ws([v1]);
		must(e, { type: 'contacts.added', at: T0, automation: 'a', contacts: ['c1'] });
		must(e, { type: 'clock.advanced', at: T0 + 2 * DAY });
		const restored = auto([tag('r0', 'rw'), period('rw', 1, 'r1'), tag('r1')]);
		expect(publish(e, restored, { moveTo: 'rw' }).ok).toBe(true);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@rw');
		expect(e.world.contact('c1')!.tags).toEqual([]);
		expect(e.statsFor('a', 'w1').waiting).toBe(0);
		expect(e.statsFor('a', 'rw').waiting).toBe(1);
		// The wait starts at the move: one day from now, not from the entry.
		must(e, { type: 'clock.advanced', at: T0 + 3 * DAY - HOUR });
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@rw');
		must(e, { type: 'clock.advanced', at: T0 + 3 * DAY });
		expect(whereIs(e, 'c1', 'a')).toBe('completed@r1');
		expect(e.world.contact('c1')!.tags).toEqual(['r1']);
	});

	it('"moveTo" must name a wait of the new version', () => {
		const e = ws([v1]);
		const r = publish(e, auto([tag('r0')]), { moveTo: 'r0' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toEqual(['publish.move_target']);
		expect(e.slots.get('a')!.versions.length).toBe(1);
	});

	it('the default migrates as before', () => {
		const e = ws([v1]);
		must(e, { type: 'contacts.added', at: T0, automation: 'a', contacts: ['c1'] });
		expect(publish(e, auto([period('w1', 3, 't2'), tag('t2')])).ok).toBe(true);
		expect(whereIs(e, 'c1', 'a')).toBe('waiting@w1');
	});
});

describe('versions and comparisons', () => {
	it('records when each version was published, across a restore', () => {
		const e = ws([auto([tag('t0')])]);
		must(e, { type: 'clock.advanced', at: T0 + DAY });
		publish(e, auto([tag('t1')]));
		const times = e.autos.filter((a) => a.id === 'a').map((a) => a.publishedAt);
		expect(times).toEqual([T0, T0 + DAY]);
		const back = restoreEngine(snapshot(e));
		expect(back.autos.map((a) => a.publishedAt)).toEqual(times);
	});

	it('key order, labels and moved edges do not count as a changed wait', () => {
		const e = ws([auto([period('w1', 3, 't1'), tag('t1')])]);
		must(e, { type: 'contacts.added', at: T0, automation: 'a', contacts: ['c1'] });
		const prev = e.autos[e.slots.get('a')!.version];
		const reordered = { next: 'x', label: 'Three days', wait: { for: { days: 3 }, mode: 'period' }, kind: 'wait', id: 'w1' };
		const plan = planMigration(e, prev, [{ id: 'w1', kind: 'wait', def: reordered }]);
		expect(plan).toEqual({ stay: { w1: 1 }, rearmed: {}, released: {} });
		const longer = { ...reordered, wait: { mode: 'period', for: { days: 4 } } };
		expect(planMigration(e, prev, [{ id: 'w1', kind: 'wait', def: longer }]).rearmed).toEqual({ w1: 1 });
	});

	it('a split with traffic is locked only when its settings change, not its key order', () => {
		const split = { id: 's', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 50, next: 'ta' }, { label: 'B', percent: 50, next: 'tb' }] };
		const e = ws([auto([split, tag('ta'), tag('tb')])]);
		must(e, { type: 'contacts.added', at: T0, automation: 'a', contacts: ['c1'] });
		const same = { paths: [{ next: 'ta', percent: 50, label: 'A' }, { percent: 50, label: 'B', next: 'tb' }], mode: 'percent', kind: 'split', id: 's' };
		expect(publish(e, auto([same, tag('ta'), tag('tb')])).ok).toBe(true);
		const changed = { ...same, paths: [{ label: 'A', percent: 70, next: 'ta' }, { label: 'B', percent: 30, next: 'tb' }] };
		const r = publish(e, auto([changed, tag('ta'), tag('tb')]));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toEqual(['split.locked']);
		expect(e.runs.status[0]).toBe(RunStatus.Completed);
	});
});
