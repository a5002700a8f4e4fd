import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { openShell } from './support/shell';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 800 } });

test('explore', async ({ page }) => {
	test.setTimeout(120_000);
	await openShell(page, '/automations/reference');
	await expect(page.getByRole('heading', { name: 'Actions and triggers' })).toBeVisible();
	await saveScreen(page, 'x-reference');
	for (const kind of ['wait', 'if_else', 'split', 'email.send', 'sms.send', 'date.based']) {
		const entry = page.locator(`[data-testid=reference-entry][data-kind="${kind}"]`);
		await entry.getByText('Try the settings').click();
		await expect(entry.getByTestId('inspector')).toBeVisible();
		await entry.screenshot({ path: `test-results/screens/x-${kind}.png` });
	}
	await page.goto('/emails');
	await expect(page.getByRole('heading', { name: 'Emails' })).toBeVisible();
	await saveScreen(page, 'x-emails');
	await page.getByRole('link', { name: 'Welcome #1' }).click();
	await expect(page.getByTestId('preview-frame')).toBeVisible();
	await saveScreen(page, 'x-email-edit');
});
