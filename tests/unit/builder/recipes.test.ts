/**
 * Recipes build working automations in any workspace: they publish without errors (in a blank
 * workspace and in the demo one, reusing what exists), and contacts really go through them.
 */
import { describe, expect, it } from 'vitest';
import { buildRecipe, RECIPES, recipeInfos } from '../../../src/lib/templates/recipes';
import { demoTemplate } from '../../../src/lib/templates/demo';
import { Engine } from '../../../src/lib/engine/engine';
import { loadWorkspace } from '../../../src/lib/engine/load';
import { DAY, HOUR, MINUTE } from '../../../src/lib/engine/core/time';
import type { Effect } from '../../../src/lib/engine/effects';
import { engineWith, must, T0, whereIs } from '../engine/helpers';

/** Builds, creates what the recipe needs and publishes it active; returns the automation id. */
function install(e: Engine, id: string, locale: 'en' | 'fr' = 'en'): string {
	const built = buildRecipe(id, e.world.catalog, locale, id)!;
	must(e, { type: 'catalog.upserted', at: e.now, ...built.additions });
	const errors = e.validate(built.def).filter((d) => d.severity === 'error');
	expect(errors, `${id}: ${JSON.stringify(errors)}`).toEqual([]);
	must(e, { type: 'automation.published', at: e.now, automation: { ...built.def, status: 'active' } });
	return id;
}

const person = (id: string, extra: Record<string, unknown> = {}) => ({ id, email: `${id}@example.com`, firstName: id.toUpperCase(), timeZone: 'Europe/Paris', ...extra });
const sent = (effects: Effect[], contact?: string) => effects.filter((f) => f.kind === 'email.send' && (!contact || f.contact === contact)).map((f) => String(f.payload.email));

/** A workspace with one list both contacts are subscribed to (marketing email needs one). */
function blank(): Engine {
	return engineWith({ lists: [{ id: 'news', name: 'News' }], contacts: [person('c1', { lists: { news: 'active' } }), person('c2', { lists: { news: 'active' } })] });
}

describe('recipes', () => {
	it('all seven are listed in both languages', () => {
		expect(RECIPES.map((r) => r.id)).toEqual(['welcome-series', 'abandoned-cart', 'birthday', 'lead-scoring-to-deal', 're-engagement', 'webinar-reminder', 'post-purchase-review']);
		for (const loc of ['en', 'fr'] as const) for (const r of recipeInfos(loc)) expect(r.name.length * r.description.length).toBeGreaterThan(0);
		expect(recipeInfos('fr')[0].name).toBe('Série de bienvenue');
	});

	it('each publishes without errors in a blank workspace and in the demo (in both languages)', () => {
		for (const r of RECIPES) {
			install(blank(), r.id);
			install(blank(), r.id, 'fr');
			const demo = new Engine({ seed: 1, start: T0 });
			loadWorkspace(demo, demoTemplate.build(T0, 1).file);
			install(demo, r.id);
		}
	});

	it('reuses what the workspace has: the demo newsletter list and birthday field', () => {
		const demo = new Engine({ seed: 1, start: T0 });
		loadWorkspace(demo, demoTemplate.build(T0, 1).file);
		const w = buildRecipe('welcome-series', demo.world.catalog, 'en', 'w')!;
		expect(w.def.triggers[0]).toMatchObject({ kind: 'list.subscribed', list: 'newsletter' });
		expect(w.additions.lists).toBeUndefined();
		const b = buildRecipe('birthday', demo.world.catalog, 'en', 'b')!;
		expect(b.def.triggers[0]).toMatchObject({ field: 'birthday' });
		expect(b.additions.fields).toBeUndefined();
		const blankBirthday = buildRecipe('birthday', blank().world.catalog, 'fr', 'b')!;
		expect(blankBirthday.additions.fields).toEqual([{ key: 'birthday', label: 'Date de naissance', type: 'date' }]);
		expect(blankBirthday.additions.emails![0].subject).toBe('Joyeux anniversaire, %FIRSTNAME% !');
	});

	it('welcome series: a new subscriber gets the welcome, then the reminder, then the offer', () => {
		const e = blank();
		install(e, 'welcome-series');
		must(e, { type: 'list.unsubscribed', at: T0, contact: 'c1', list: 'news' });
		must(e, { type: 'list.subscribed', at: T0, contact: 'c1', list: 'news' });
		must(e, { type: 'clock.advanced', at: T0 + 6 * DAY });
		expect(sent(e.takeEffects(), 'c1')).toEqual(['welcome-series-hello', 'welcome-series-reminder', 'welcome-series-offer']);
		expect(whereIs(e, 'c1', 'welcome-series')).toBe('completed@became-customer');
	});

	it('abandoned cart: a buyer gets only the reminder and reaches the goal; the other gets the discount', () => {
		const e = blank();
		install(e, 'abandoned-cart');
		must(e, { type: 'event.recorded', at: T0, contact: 'c1', name: 'cart_abandoned' });
		must(e, { type: 'event.recorded', at: T0, contact: 'c2', name: 'cart_abandoned' });
		must(e, { type: 'event.recorded', at: T0 + 3 * HOUR, contact: 'c1', name: 'purchase' });
		must(e, { type: 'clock.advanced', at: T0 + 2 * DAY });
		const fx = e.takeEffects();
		expect(sent(fx, 'c1')).toEqual(['abandoned-cart-reminder']);
		expect(sent(fx, 'c2')).toEqual(['abandoned-cart-reminder', 'abandoned-cart-discount']);
		expect(whereIs(e, 'c1', 'abandoned-cart')).toMatch(/^completed@/);
		expect(e.automationState(e.world.contact('c1')!, 'abandoned-cart').goals).toEqual(['bought']);
		expect(whereIs(e, 'c2', 'abandoned-cart')).toBe('exited@bought');
	});

	it('birthday: fires at 9:00 local time on the birthday', () => {
		const e = engineWith({ fields: [{ key: 'birthday', label: 'Birthday', type: 'date' }], lists: [{ id: 'news', name: 'News' }], contacts: [person('c1', { lists: { news: 'active' }, fields: { birthday: '1990-03-04' } })] });
		install(e, 'birthday');
		must(e, { type: 'clock.advanced', at: Date.UTC(2026, 2, 4, 7, 59) });
		expect(sent(e.takeEffects())).toEqual([]);
		must(e, { type: 'clock.advanced', at: Date.UTC(2026, 2, 4, 8, 1) });
		expect(sent(e.takeEffects())).toEqual(['birthday-greeting']);
	});

	it('lead scoring: crossing 50 opens a deal with a call task and notifies the team, once', () => {
		const e = blank();
		install(e, 'lead-scoring-to-deal');
		must(e, { type: 'score.adjusted', at: T0, contact: 'c1', model: 'engagement', op: 'set', value: 60 });
		const deals = e.world.contactDeals(e.world.contact('c1')!);
		expect(deals.map((d) => [d.pipeline, d.stage, d.title])).toEqual([['sales', 'qualified', 'C1']]);
		expect(deals[0].tasks[0]).toMatchObject({ type: 'call', title: 'Call C1' });
		expect(e.takeEffects().filter((f) => f.kind === 'email.internal').length).toBe(1);
		must(e, { type: 'score.adjusted', at: T0 + HOUR, contact: 'c1', model: 'engagement', op: 'set', value: 10 });
		must(e, { type: 'score.adjusted', at: T0 + 2 * HOUR, contact: 'c1', model: 'engagement', op: 'set', value: 70 });
		expect(e.world.contactDeals(e.world.contact('c1')!).length).toBe(1);
	});

	it('re-engagement: an opener is re-activated, a silent contact is unsubscribed after the last chance', () => {
		const e = engineWith({ lists: [{ id: 'newsletter', name: 'Newsletter' }], contacts: [person('c1', { lists: { newsletter: 'active' } }), person('c2', { lists: { newsletter: 'active' } })] });
		install(e, 're-engagement');
		must(e, { type: 'tag.added', at: T0, contact: 'c1', tag: 'inactive' });
		must(e, { type: 'tag.added', at: T0, contact: 'c2', tag: 'inactive' });
		must(e, { type: 'email.opened', at: T0 + DAY, contact: 'c1', email: 're-engagement-miss-you' });
		expect(e.world.contact('c1')!.tags).toEqual([]);
		must(e, { type: 'clock.advanced', at: T0 + 11 * DAY });
		expect(e.world.contact('c2')!.lists.newsletter).toBe('unsubscribed');
		expect(sent(e.takeEffects(), 'c2')).toEqual(['re-engagement-miss-you', 're-engagement-last-chance']);
	});

	it('webinar: confirmation, the day before at 10:00, the morning of, then the replay', () => {
		const e = blank();
		install(e, 'webinar-reminder');
		must(e, { type: 'field.changed', at: T0, contact: 'c1', field: 'webinar_date', value: '2026-03-10' });
		must(e, { type: 'list.subscribed', at: T0 + MINUTE, contact: 'c1', list: 'webinar' });
		must(e, { type: 'clock.advanced', at: Date.UTC(2026, 2, 9, 8, 59) });
		expect(sent(e.takeEffects())).toEqual(['webinar-reminder-confirm']);
		must(e, { type: 'clock.advanced', at: Date.UTC(2026, 2, 12) });
		const fx = e.takeEffects();
		expect(sent(fx)).toEqual(['webinar-reminder-day-before', 'webinar-reminder-today', 'webinar-reminder-replay']);
		expect(fx.map((f) => new Date(f.at).toISOString())).toEqual(['2026-03-09T09:00:00.000Z', '2026-03-10T07:00:00.000Z', '2026-03-11T09:00:00.000Z']);
	});

	it('post-purchase review: asks a week later, reminds once those who did not click', () => {
		const e = engineWith({ lists: [{ id: 'news', name: 'News' }], contacts: [person('c1', { lists: { news: 'active' } }), person('c2', { lists: { news: 'active' } })] });
		install(e, 'post-purchase-review');
		must(e, { type: 'event.recorded', at: T0, contact: 'c1', name: 'purchase' });
		must(e, { type: 'event.recorded', at: T0, contact: 'c2', name: 'purchase' });
		expect(e.world.contact('c1')!.tags).toEqual(['customer']);
		must(e, { type: 'email.clicked', at: T0 + 8 * DAY, contact: 'c1', email: 'post-purchase-review-ask', link: 'https://example.com/review' });
		must(e, { type: 'clock.advanced', at: T0 + 12 * DAY });
		const fx = e.takeEffects();
		expect(sent(fx, 'c1')).toEqual(['post-purchase-review-ask']);
		expect(sent(fx, 'c2')).toEqual(['post-purchase-review-ask', 'post-purchase-review-reminder']);
		expect(e.world.contact('c1')!.tags).toEqual(['customer', 'reviewer']);
	});
});
