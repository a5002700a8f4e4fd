// The email library as a user meets it: a workspace whose contact has "<b>" in their first name,
// editing an email with the "%" picker and the formatting toolbar, a preview that shows the name
// literally (escaped, in a sandboxed frame), saving (persisted across a reload), creating and deleting.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { openShell } from './support/shell';

test.use({
	timezoneId: 'UTC',
	locale: 'en-US',
	viewport: { width: 1280, height: 800 },
	// Playwright reading inside the preview frame tries to run its helpers there; the frame is
	// sandboxed without scripts, so Chromium logs that it blocked them (which is the point).
	allowedConsoleErrors: [/^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/]
});

const WORKSPACE = {
	format: 'journey-studio/workspace',
	version: 1,
	name: 'Email studio',
	timeZone: 'Europe/Paris',
	lists: [{ id: 'news', name: 'News' }],
	fields: [{ key: 'city', label: 'City', type: 'text' }],
	emails: [
		{ id: 'hello', name: 'Hello', subject: 'Welcome, %FIRSTNAME%!', preheader: 'From %CITY% with love', body: '<p>Hi %FIRSTNAME%, welcome aboard.</p>', fromName: 'Studio', fromEmail: 'hello@studio.example' },
		{ id: 'promo', name: 'Promo', subject: 'Spring offer', body: '<p>-20% this week.</p>' }
	],
	contacts: [
		{ id: 'bob', email: 'bob@example.com', firstName: '<b>Bob</b>', lastName: 'Stone', fields: { city: 'Lyon & Co' }, lists: { news: 'active' } },
		{ id: 'ann', email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', lists: { news: 'active' } }
	],
	automations: [
		{ id: 'welcome', name: 'Welcome', status: 'active', triggers: [{ id: 't', kind: 'list.subscribed', list: 'news' }], steps: [{ id: 's', kind: 'email.send', email: 'hello' }] }
	]
};

test('email library: escaped preview, % picker, formatting, save, create and delete', async ({ page }) => {
	test.setTimeout(90_000);
	await openShell(page);
	await page.getByTestId('workspace-switcher').selectOption('__new');
	const dialog = page.getByRole('dialog', { name: 'New simulation workspace' });
	await dialog.getByLabel('Name').fill('Email studio');
	await dialog.getByLabel('A workspace file (.json)').check();
	await dialog.getByLabel('Choose a file').setInputFiles({ name: 'email-studio.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(WORKSPACE)) });
	await dialog.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Email studio' })).toBeVisible({ timeout: 15_000 });

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emails' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Emails' })).toBeVisible();
	const rows = page.getByTestId('email-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.filter({ hasText: 'Hello' }).getByRole('button', { name: 'Delete' })).toBeDisabled();
	await expect(rows.filter({ hasText: 'Hello' })).toContainText('Welcome');

	// The preview renders for the first contact: "<b>Bob</b>" is shown as text, never as bold markup.
	await page.getByRole('link', { name: 'Hello' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Edit “Hello”' })).toBeVisible();
	const frame = page.frameLocator('[data-testid=preview-frame]');
	await expect(frame.locator('body')).toContainText('Hi <b>Bob</b>, welcome aboard.');
	await expect(frame.locator('b')).toHaveCount(0);
	await expect(page.getByTestId('preview-subject')).toHaveText('Welcome, <b>Bob</b>!');
	await expect(page.getByTestId('preview-preheader')).toHaveText('From Lyon & Co with love');
	await expect(page.getByTestId('preview-frame')).toHaveAttribute('sandbox', '');
	await saveScreen(page, 'inspector-email-preview-escaped');

	// Another contact.
	await page.getByLabel('For contact').selectOption('ann');
	await expect(frame.locator('body')).toContainText('Hi Ann, welcome aboard.');

	// The subject with the "%" picker: typing "%fir" and Enter inserts %FIRSTNAME% at the caret.
	const subject = page.getByLabel('Subject', { exact: true });
	await subject.fill('');
	await subject.pressSequentially('Fresh beans for you, %fir');
	await expect(page.getByRole('listbox', { name: 'Personalization tags' })).toBeVisible();
	await subject.press('Enter');
	await subject.pressSequentially('!');
	await expect(subject).toHaveValue('Fresh beans for you, %FIRSTNAME%!');
	await expect(page.getByTestId('preview-subject')).toHaveText('Fresh beans for you, Ann!');
	await expect(page.getByTestId('email-dirty')).toBeVisible();

	// The body: a bold sentence typed with the toolbar, and a bulleted list.
	const body = page.getByRole('textbox', { name: 'Message' });
	await body.click();
	await page.keyboard.press('Control+End');
	await page.keyboard.press('Enter');
	await page.getByRole('button', { name: 'Bold' }).click();
	await expect(page.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.type('Roasted this morning.');
	await page.getByRole('button', { name: 'Bold' }).click();
	await page.keyboard.press('Enter');
	await page.getByRole('button', { name: 'Bulleted list' }).click();
	await page.keyboard.type('Ethiopia');
	await page.keyboard.press('Enter');
	await page.keyboard.type('Colombia');
	await expect(frame.locator('b', { hasText: 'Roasted this morning.' })).toHaveCount(1);
	await expect(frame.locator('ul li')).toHaveText(['Ethiopia', 'Colombia']);
	await saveScreen(page, 'inspector-email-editing');

	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('email-status')).toHaveText('Saved');
	await expect(page.getByTestId('email-dirty')).toHaveCount(0);

	// Saved through the engine: still there after a reload.
	await page.reload();
	await expect(page.getByLabel('Subject', { exact: true })).toHaveValue('Fresh beans for you, %FIRSTNAME%!', { timeout: 15_000 });
	const html = await page.getByRole('textbox', { name: 'Message' }).innerHTML();
	expect(html).toContain('<b>Roasted this morning.</b>');
	expect(html).toMatch(/<ul><li>Ethiopia<\/li><li>Colombia<\/li><\/ul>/);

	// A new email: the id follows the name; an invalid save is refused with the field named.
	await page.getByRole('link', { name: 'Emails' }).first().click();
	await page.getByRole('link', { name: 'New email' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New email' })).toBeVisible();
	await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Spring sale');
	await expect(page.getByRole('textbox', { name: 'Id', exact: true })).toHaveValue('spring-sale');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('email-status')).toHaveText('Fix the problems shown before saving.');
	await page.getByLabel('Subject', { exact: true }).fill('Spring is here, %FIRSTNAME%');
	await page.getByRole('textbox', { name: 'Message' }).click();
	await page.keyboard.type('Ten percent off all week.');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(/\/emails\/spring-sale$/);
	await expect(page.getByTestId('email-status')).toHaveText('Saved');

	// Delete an unused email, with confirmation.
	await page.getByRole('link', { name: 'Emails' }).first().click();
	await expect(rows).toHaveCount(3);
	await rows.filter({ hasText: 'Promo' }).getByRole('button', { name: 'Delete' }).click();
	const confirm = page.getByRole('dialog', { name: 'Delete this email?' });
	await expect(confirm).toContainText('“Promo” will be deleted from the library.');
	await confirm.getByRole('button', { name: 'Cancel' }).click();
	await expect(rows).toHaveCount(3);
	await rows.filter({ hasText: 'Promo' }).getByRole('button', { name: 'Delete' }).click();
	await confirm.getByRole('button', { name: 'Delete' }).click();
	await expect(rows).toHaveCount(2);
	await expect(rows.filter({ hasText: 'Promo' })).toHaveCount(0);
	await saveScreen(page, 'inspector-email-library');
});
