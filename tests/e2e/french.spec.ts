// In French: a browser set to French opens the app in French; the main screens show no English
// string of the interface and no raw message key. Screenshots of each screen are saved.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { openShell } from './support/shell';

test.use({ timezoneId: 'Europe/Paris', locale: 'fr-FR', viewport: { width: 1280, height: 720 } });

type Tree = { [k: string]: string | Tree };
const ROOT = 'src/lib/i18n';

function flatten(t: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
	for (const [k, v] of Object.entries(t)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (typeof v === 'string') out.set(key, v);
		else flatten(v, key, out);
	}
	return out;
}

/**
 * English interface sentences that would betray an untranslated screen: messages of at least two
 * words without placeholders whose French differs (identical words like "Contacts" prove nothing).
 */
function englishSentences(): string[] {
	const out = new Set<string>();
	for (const area of readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory())) {
		const en = flatten(JSON.parse(readFileSync(join(ROOT, area, 'en.json'), 'utf8')) as Tree);
		const fr = flatten(JSON.parse(readFileSync(join(ROOT, area, 'fr.json'), 'utf8')) as Tree);
		for (const [k, v] of en) {
			if (v === fr.get(k) || /[{}<]/.test(v) || v.trim().split(/\s+/).length < 2 || v.length < 10) continue;
			out.add(v.trim());
		}
	}
	return [...out];
}

const ENGLISH = englishSentences();
const RAW_KEY = /\b(?:app|common|nav|clock|tab|workspace|overview|automations|settings|pwa|builder|inspector|kinds|contacts|crm|reports|facilitator|sending|share)\.[a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+\b/;

/** Checks the visible interface of the page: no English sentence, no raw key; saves a screenshot. */
async function frenchScreen(page: Page, name: string): Promise<void> {
	// Let live read models settle (their loading state is French too, but give the real screen).
	await expect(page.locator('[aria-busy=true]')).toHaveCount(0, { timeout: 15_000 });
	const text = await page.locator('body').innerText();
	const english = ENGLISH.filter((s) => text.includes(s));
	expect(english, `English left on the ${name} screen`).toEqual([]);
	expect(RAW_KEY.exec(text)?.[0] ?? null, `raw message key on the ${name} screen`).toBeNull();
	await saveScreen(page, `fr-${name}`);
}

test('the main screens in French: no English left, no raw key', async ({ page }) => {
	test.setTimeout(180_000);
	expect(ENGLISH.length).toBeGreaterThan(500);
	await openShell(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	const nav = page.getByRole('navigation');
	await frenchScreen(page, 'overview');

	await nav.getByRole('link', { name: 'Automatisations', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Automatisations');
	await frenchScreen(page, 'automations');

	// The builder, with a step selected (the inspector).
	await page.getByRole('link', { name: /Welcome series|Série de bienvenue/ }).first().click();
	await expect(page.getByTestId('clock-now')).toBeVisible();
	await expect(page.locator('.svelte-flow__node').first()).toBeVisible({ timeout: 20_000 });
	await frenchScreen(page, 'builder');
	await page.locator('.svelte-flow__node').nth(1).click();
	await frenchScreen(page, 'builder-inspector');

	await nav.getByRole('link', { name: 'E-mails', exact: true }).click();
	await frenchScreen(page, 'emails');

	await nav.getByRole('link', { name: 'Contacts', exact: true }).click();
	await expect(page.getByTestId('contact-link').first()).toBeVisible();
	await frenchScreen(page, 'contacts');
	await page.getByTestId('contact-link').first().click();
	await expect(page.getByRole('heading', { name: 'Chronologie' })).toBeVisible();
	await frenchScreen(page, 'contact');

	await nav.getByRole('link', { name: 'Offres', exact: true }).click();
	await frenchScreen(page, 'deals');

	await nav.getByRole('link', { name: 'Boîte de réception', exact: true }).click();
	await frenchScreen(page, 'inbox');

	await nav.getByRole('link', { name: 'Rapports', exact: true }).click();
	await frenchScreen(page, 'reports');

	await nav.getByRole('link', { name: 'Atelier', exact: true }).click();
	await frenchScreen(page, 'workshop');
	// The facilitator screen covers the whole window; its own link leads back.
	await page.getByRole('link', { name: /Retour aux rapports/ }).click();

	await nav.getByRole('link', { name: 'Canaux', exact: true }).click();
	await frenchScreen(page, 'channels');

	await nav.getByRole('link', { name: 'Réglages', exact: true }).click();
	await frenchScreen(page, 'settings');
});
