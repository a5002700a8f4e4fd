// Contacts as a new user meets them: a simulation from a workspace file, a CSV of 1,000 contacts
// with 20 bad rows (error report read and downloaded, the rest imported), a saved segment, the
// segment added to an automation, opens simulated for part of it, the clock advanced, and the
// journeys read back on the overview, the segments and a contact's page.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { fastForwardDays, openShell } from './support/shell';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });

const WORKSPACE = {
	format: 'journey-studio/workspace',
	version: 1,
	name: 'Spring fair',
	timeZone: 'UTC',
	lists: [{ id: 'newsletter', name: 'Newsletter' }],
	fields: [{ key: 'city', label: 'City', type: 'text' }],
	emails: [{ id: 'promo', name: 'Spring promo', subject: 'Spring is here, %FIRSTNAME%', body: '<p>Hi %FIRSTNAME%,</p><p><a href="https://shop.example/spring">See the collection</a></p>' }],
	automations: [
		{
			id: 'nurture',
			name: 'Spring nurture',
			status: 'active',
			triggers: [{ id: 'manual', kind: 'manual' }],
			steps: [
				{ id: 'send', kind: 'email.send', email: 'promo', next: 'wait' },
				{ id: 'wait', kind: 'wait', label: 'Wait for the open', wait: { mode: 'until_conditions', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'promo' }, timeLimit: { days: 3 } }, next: 'opened' },
				{ id: 'opened', kind: 'if_else', label: 'Opened?', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'promo' }, yes: 'engaged', no: 'cold' },
				{ id: 'engaged', kind: 'tag.add', label: 'Tag engaged', tag: 'engaged' },
				{ id: 'cold', kind: 'tag.add', label: 'Tag cold', tag: 'cold' }
			]
		}
	]
};

const CITIES = ['Paris', 'Lyon', 'Lille', 'Nantes'];

/** 1,000 contacts; rows 50, 100… are bad (10 bad addresses, 5 bad ages, 5 impossible dates). */
function csv(): { text: string; bad: number[]; parisians: number } {
	const lines = ['Email,First name,Last name,City,Age,Signed up'];
	const bad: number[] = [];
	let parisians = 0;
	for (let i = 1; i <= 1000; i++) {
		let email = `visitor${i}@example.com`;
		let age = String(18 + (i % 60));
		let date = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
		const city = CITIES[i % 4];
		if (i % 50 === 0) {
			const k = i / 50;
			if (k <= 10) email = `visitor${i}-at-example.com`;
			else if (k <= 15) age = 'thirty';
			else date = '2025-13-40';
			bad.push(i + 1);
		} else if (city === 'Paris') parisians++;
		lines.push([email, `First${i}`, `Last${i}`, city, age, date].join(','));
	}
	return { text: lines.join('\n'), bad, parisians };
}

async function newSimulationFromFile(page: Page): Promise<void> {
	await page.getByTestId('workspace-switcher').selectOption('__new');
	const dialog = page.getByRole('dialog', { name: 'New simulation workspace' });
	await dialog.getByLabel('Name').fill('Spring fair');
	await dialog.getByLabel('A workspace file (.json)').check();
	await dialog.getByLabel('Choose a file').setInputFiles({ name: 'spring.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(WORKSPACE)) });
	await dialog.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByTestId('workspace-switcher').locator('option:checked')).toHaveText('Spring fair');
}

test('import 1,000 contacts with 20 bad rows, segment them, add them to an automation, simulate opens and read the journeys', async ({ page }) => {
	test.setTimeout(240_000);
	const { text, bad, parisians } = csv();
	await openShell(page);
	await newSimulationFromFile(page);

	// Import: the suggested mapping, the counts, the error report.
	await page.getByRole('link', { name: 'Contacts', exact: true }).click();
	await page.getByTestId('import-link').click();
	await page.getByTestId('csv-file').setInputFiles({ name: 'visitors.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
	await expect(page.getByRole('heading', { name: /visitors\.csv · 1,000 rows/ })).toBeVisible();
	const target = (column: string) => page.locator(`[data-testid=mapping-row][data-column="${column}"] [data-testid=mapping-target]`);
	await expect(target('Email')).toHaveValue('std:email');
	await expect(target('First name')).toHaveValue('std:firstName');
	await expect(target('City')).toHaveValue('field:city');
	await expect(target('Age')).toHaveValue('new_field');
	await page.getByLabel('Subscribe everyone to').selectOption({ label: 'Newsletter' });
	await expect(page.getByTestId('count-valid')).toHaveText('980');
	await expect(page.getByTestId('count-invalid')).toHaveText('20');
	const report = page.getByTestId('error-report');
	await expect(report.getByRole('heading')).toHaveText('20 problems in the file');
	await expect(report.getByTestId('error-row')).toHaveCount(20);
	await expect(report.getByTestId('error-row').first()).toContainText('51');
	await expect(report.getByTestId('error-row').first()).toContainText('This is not an email address.');
	await expect(report).toContainText('This is not a number.');
	await expect(report).toContainText('This is not a valid date.');
	const downloading = page.waitForEvent('download');
	await report.getByTestId('download-errors').click();
	const download = await downloading;
	const lines = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '').trim().split(/\r\n/);
	expect(lines[0]).toBe('Row,Column,Value,Problem');
	expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(bad);
	await saveScreen(page, 'contacts-import-report');

	// "Import nothing" is refused while rows are invalid; "all valid rows" imports 980 at once.
	await page.getByTestId('mode-all').check();
	await expect(page.getByTestId('import-commit')).toBeDisabled();
	await page.getByTestId('mode-valid').check();
	await expect(page.getByTestId('import-commit')).toHaveText('Import 980 contacts');
	await page.getByTestId('import-commit').click();
	await expect(page.getByTestId('import-result')).toContainText('980 new contacts, none updated, 20 invalid rows skipped, 2 custom fields created');
	await saveScreen(page, 'contacts-import-done');

	// The table: 980 contacts, sortable, virtualised.
	await page.getByRole('link', { name: 'See the contacts' }).click();
	await expect(page.getByTestId('contacts-total')).toContainText('980 contacts');
	await expect(page.getByTestId('contact-row').first()).toBeVisible();
	expect(await page.getByTestId('contact-row').count()).toBeLessThan(60);
	await page.getByTestId('sort-email').click();
	await expect(page.getByTestId('contact-row').first()).toContainText('visitor1@example.com');

	// A segment built with the condition builder: City is Paris.
	await page.getByTestId('toggle-filter').click();
	const panel = page.getByTestId('filter-panel');
	await panel.getByRole('button', { name: /add ?condition/i }).click();
	await panel.locator('#contacts-filter-l0-family').selectOption('field');
	await panel.locator('#contacts-filter-l0-field').selectOption('city');
	await panel.locator('#contacts-filter-l0-op').selectOption('eq');
	await panel.locator('#contacts-filter-l0-value').fill('Paris');
	await expect(panel.getByTestId('filter-count')).toContainText(`${parisians} contacts in the workspace match`);
	await expect(page.getByTestId('contacts-total')).toContainText(`${parisians} contacts`);
	await panel.getByTestId('segment-name').fill('Parisians');
	await panel.getByTestId('save-segment').click();
	const segment = page.locator('[data-testid=segment][data-name="Parisians"]');
	await expect(segment.getByTestId('segment-count')).toHaveText(String(parisians));
	await saveScreen(page, 'contacts-segment');

	// Bulk: the whole segment into the automation.
	await page.getByTestId('select-all').check();
	await expect(page.getByTestId('selected-count')).toHaveText(`${parisians} contacts selected`);
	await page.getByTestId('bulk-automation.add').click();
	const bulk = page.getByTestId('bulk-dialog');
	await expect(bulk.getByRole('heading')).toHaveText(`Add ${parisians} contacts to an automation`);
	await bulk.getByLabel('Automation').selectOption({ label: 'Spring nurture' });
	await saveScreen(page, 'contacts-bulk-automation');
	await bulk.getByTestId('bulk-confirm').click();
	await expect(page.getByRole('status').filter({ hasText: `${parisians} contacts added to the automation.` })).toBeVisible();

	// Simulate opens of the promo for 40 % of the segment, now.
	const openers = Math.round((parisians * 40) / 100);
	await page.getByTestId('select-all').check();
	await page.getByTestId('bulk-simulate').click();
	const sim = page.getByTestId('simulate-dialog');
	await sim.getByLabel('Event').selectOption('email.opened');
	await sim.getByLabel('Email', { exact: true }).selectOption({ label: 'Spring promo' });
	await sim.getByTestId('simulate-percent').fill('40');
	await expect(sim).toContainText(`It will happen to ${openers} contacts`);
	await saveScreen(page, 'contacts-simulate');
	await sim.getByTestId('simulate-confirm').click();
	await expect(page.getByRole('status').filter({ hasText: `Event simulated for ${openers} contacts.` })).toBeVisible();

	// A week later: openers were tagged engaged at once, the others cold after three days.
	await fastForwardDays(page, 7);
	await page.goto('/');
	await expect(page.getByTestId('clock-now')).toBeVisible();
	const row = page.locator('[data-testid=automation-row][data-id=nurture]');
	await expect(row.getByTestId('entered')).toHaveText(String(parisians));
	await expect(row.getByTestId('completed')).toHaveText(String(parisians));
	await expect(row.getByTestId('inflight')).toHaveText('0');
	await expect(page.getByTestId('stat-messages')).toHaveText(String(parisians));
	await saveScreen(page, 'contacts-overview-after');

	await page.getByRole('link', { name: 'Contacts', exact: true }).click();
	await page.getByTestId('contact-search').fill('engaged');
	await expect(page.getByTestId('contacts-total')).toContainText(`${openers} contacts`);
	await page.getByTestId('contact-search').fill('cold');
	await expect(page.getByTestId('contacts-total')).toContainText(`${parisians - openers} contacts`);

	// One opener's page: the path it took and its timeline, in sentences.
	await page.getByTestId('contact-search').fill('engaged');
	await expect(page.getByTestId('contacts-total')).toContainText(`${openers} contacts`);
	await expect(page.getByTestId('contact-row').first()).toContainText('engaged');
	await page.getByTestId('contact-link').first().click();
	const run = page.getByTestId('contact-run');
	await expect(run.getByTestId('run-status')).toHaveText('Completed');
	await expect(run.getByRole('list', { name: 'Path taken' })).toHaveText(/Send an email.*Wait for the open.*Opened\?.*Tag engaged/s);
	const timeline = page.getByTestId('timeline');
	await expect(timeline).toContainText('Was sent the email “Spring promo”.');
	await expect(timeline).toContainText('Opened “Spring promo”.');
	await expect(timeline).toContainText('Met the conditions of “Wait for the open” and moved on.');
	await expect(timeline).toContainText('Took the Yes path at “Opened?”.');
	await expect(timeline).toContainText('Was tagged “engaged”.');
	await expect(timeline).toContainText('Completed the automation.');
	await expect(page.getByTestId('contact-tags')).toContainText('engaged');
	await saveScreen(page, 'contacts-contact-page');
});
