// The journey workbench in the demo: a custom field, 500 simulated people with field
// distributions, a behaviour model that makes them open what they receive, the filter on opens, a
// contact's page edited (typed field, note) and read in English and in French.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { clockNow, DAY, fastForwardDays, openShell } from './support/shell';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });

test('simulated people react to the welcome series; a contact is edited and read in both languages', async ({ page }) => {
	test.setTimeout(180_000);
	await openShell(page);
	await page.getByRole('link', { name: 'Contacts', exact: true }).click();

	// A dropdown custom field.
	await page.getByRole('link', { name: 'Custom fields' }).click();
	await page.getByTestId('new-field').click();
	const fd = page.getByTestId('field-dialog');
	await fd.getByLabel('Label').fill('Plan');
	await expect(fd.getByLabel('Key')).toHaveValue('plan');
	await fd.getByLabel('Type').selectOption('dropdown');
	await fd.getByLabel('Options').fill('Free\nPro\nTeam');
	await fd.getByTestId('field-save').click();
	await expect(page.locator('[data-testid=field-row][data-key=plan]')).toContainText('Dropdown');
	await expect(page.locator('[data-testid=field-row][data-key=plan]')).toContainText('Free, Pro, Team');
	await saveScreen(page, 'contacts-fields');

	// 500 simulated people, all subscribing to the newsletter (the welcome series starts).
	await page.getByRole('link', { name: '← Contacts' }).click();
	await page.getByRole('link', { name: 'Simulated people' }).click();
	const form = page.getByTestId('population-form');
	await form.getByTestId('population-count').fill('500');
	await form.getByTestId('population-list-newsletter').fill('100');
	await form.getByLabel('Tags to give').fill('simulated');
	await form.getByRole('spinbutton', { name: /each to/ }).fill('100');
	await form.getByRole('checkbox', { name: /^Plan/ }).check();
	await form.getByLabel('Values and weights').fill('Free=6, Pro=3, Team=1');
	await form.getByTestId('generate-population').click();
	await expect(page.getByTestId('population-done')).toContainText('500 people generated');

	// The behaviour model: 60 % open, the rest of the defaults. Saved after the first sends: the
	// reactions to emails already delivered are planned too.
	const model = page.getByTestId('behaviour-form');
	await model.getByTestId('bh-default-open-p').fill('60');
	await model.getByTestId('bh-default-open-p').blur();
	await model.getByTestId('save-behaviour').click();
	await expect(model.getByRole('status')).toHaveText('Saved: reactions to messages already delivered were planned again.');
	await saveScreen(page, 'contacts-population');

	await fastForwardDays(page, 1);

	// Who opened: the simulated people with the filter "opened an email".
	await page.getByRole('link', { name: 'Contacts', exact: true }).click();
	await page.getByTestId('contact-search').fill('simulated');
	await expect(page.getByTestId('contacts-total')).toContainText('500 contacts');
	await page.getByTestId('toggle-filter').click();
	const panel = page.getByTestId('filter-panel');
	await panel.getByRole('button', { name: /add ?condition/i }).click();
	await panel.locator('#contacts-filter-l0-family').selectOption('action');
	// The count follows the condition being built (each change is counted again after a short
	// pause): wait until the table shows the openers among the simulated people.
	const openers = async () => {
		const text = (await page.getByTestId('contacts-total').textContent()) ?? '';
		const m = /^([\d,]+) contacts? ·/.exec(text.trim());
		return m ? Number(m[1].replace(/,/g, '')) : -1;
	};
	// 60 % of 500 open, nearly all within a day (log-normal delay, median 4 h).
	await expect
		.poll(async () => {
			const n = await openers();
			return n > 220 && n < 330 ? 'between 220 and 330' : n;
		}, { timeout: 20_000 })
		.toBe('between 220 and 330');
	await expect(panel.getByTestId('filter-count')).toContainText('in the workspace match');
	await saveScreen(page, 'contacts-openers');

	// One of them: typed field edit, a note, the timeline.
	await page.getByTestId('contact-link').first().click();
	await expect(page.getByTestId('timeline')).toContainText('Was sent the email “Welcome #1”.');
	await expect(page.getByTestId('timeline')).toContainText('Opened “Welcome #1”.');
	await page.locator('#cf-plan').selectOption('Team');
	await page.getByTestId('save-contact').click();
	await expect(page.getByText('Saved.')).toBeVisible();
	await page.getByLabel('Write a note…').fill('Called about a wholesale order');
	await page.getByTestId('add-note').click();
	await expect(page.getByTestId('notes')).toContainText('Called about a wholesale order');
	await expect(page.getByTestId('timeline')).toContainText('Note: Called about a wholesale order');
	const url = page.url();
	await saveScreen(page, 'contacts-simulated-person');

	// Events from a CSV: a past page visit joins the history, a later purchase is scheduled.
	const email = (await page.locator('#f-email').inputValue()).trim();
	const now = await clockNow(page);
	const iso = (t: number) => new Date(t).toISOString();
	const events = ['Email,Event,Date,URL,Amount', `${email},page visit,${iso(now - 2 * 3_600_000)},https://maison-torrefaction.example/wholesale,`, `${email},achat,${iso(now + DAY)},,42.50`].join('\n');
	await page.getByRole('link', { name: '← Contacts' }).click();
	await page.getByTestId('import-link').click();
	await page.getByRole('tab', { name: 'Events' }).click();
	await page.getByTestId('csv-file').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(events) });
	await page.getByRole('button', { name: 'Import 2 events' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Events imported' })).toContainText('1 past event added to the history, 1 scheduled, for 1 contact.');
	await page.goto(url);
	await expect(page.getByTestId('timeline')).toContainText('Visited https://maison-torrefaction.example/wholesale.', { timeout: 30_000 });
	await fastForwardDays(page, 1);
	await expect(page.getByTestId('timeline')).toContainText('Made a purchase of 42.50.');

	// The same page in French.
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Language').selectOption('fr');
	await page.getByRole('link', { name: 'Contacts', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
	await page.goto(url);
	await expect(page.getByRole('heading', { name: 'Chronologie' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('timeline')).toContainText('A reçu l’e-mail « Welcome #1 ».');
	await expect(page.getByTestId('timeline')).toContainText('A ouvert « Welcome #1 ».');
	await expect(page.locator('#cf-plan')).toHaveValue('Team');
	await saveScreen(page, 'contacts-person-fr');
});
