// Installable and offline: after a first visit the app loads and works with the network off.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { clockNow, DAY, fastForwardDays, openShell, overviewCounts } from './support/shell';

test.use({ timezoneId: 'UTC', locale: 'en-US' });

test('works offline after the first visit: reload, create and run a simulation', async ({ page, context }) => {
	test.setTimeout(120_000);
	await openShell(page);
	// The service worker has cached this build and controls the page.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await openShell(page);
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	const manifest = await page.evaluate(() => document.querySelector('link[rel=manifest]')?.getAttribute('href'));
	expect(manifest).toContain('manifest.webmanifest');

	await context.setOffline(true);
	await page.reload();
	await openShell(page);
	await expect(page.getByTestId('offline-shell-banner')).toBeVisible();

	// A new simulation from the demo template, run a week, all offline.
	await page.getByTestId('workspace-switcher').selectOption({ label: 'New simulation…' });
	await page.getByLabel('Name').fill('Offline what-if');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Offline what-if' })).toBeVisible();
	const start = await clockNow(page);
	await fastForwardDays(page, 7);
	expect(await clockNow(page)).toBe(start + 7 * DAY);
	const counts = await overviewCounts(page);
	expect(Number(counts['stat-messages'].replace(/\D/g, ''))).toBeGreaterThan(0);
	await saveScreen(page, 'offline-simulation');
	await context.setOffline(false);
	await expect(page.getByTestId('offline-shell-banner')).toBeHidden({ timeout: 15_000 });
});
