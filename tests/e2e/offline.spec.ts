// Installable and offline: after a first visit the app loads and works with the network off.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { clockNow, DAY, fastForwardDays, openShell, overviewCounts } from './support/shell';
import { backendCalls, webhookShop } from './sending-backend';
import { startWebhookReceiver } from '../servers/webhook-receiver';
import { PORTS } from '../servers/ports';

const SECRET = 'whsec_' + Buffer.from('offline-test-signing-secret-0123456789').toString('base64');

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

test('offline: edit and publish an automation; the outbox waits and sends once back online', async ({ page, context }) => {
	test.setTimeout(120_000);
	const rx = await startWebhookReceiver(PORTS.e2eOffline, SECRET, { kind: 'ok', delayMs: 0 });
	try {
		// Online, first visit: a live shop with a webhook automation, and its webhook channel set up.
		await openShell(page);
		await page.evaluate(async () => void (await navigator.serviceWorker.ready));
		const [created] = (await backendCalls(page, [{ method: 'createWorkspace', args: [{ name: 'Offline shop', kind: 'live', from: 'file', file: webhookShop('Offline shop', rx.url, 5, { id: 'sync', name: 'Order sync' }) }] }])) as [{ ok: boolean }];
		expect(created.ok).toBe(true);
		await page.getByTestId('workspace-switcher').selectOption({ label: 'Offline shop' });
		await expect(page.getByRole('heading', { level: 1, name: 'Offline shop' })).toBeVisible();
		await page.getByRole('link', { name: 'Channels', exact: true }).click();
		await page.getByRole('link', { name: /Webhooks/ }).first().click();
		await page.getByLabel('Signing secret').fill(SECRET);
		await page.getByLabel('Delivery').selectOption({ label: 'Always direct' });
		await page.getByTestId('save-channel').click();
		await expect(page.getByTestId('save-status')).toHaveText('Saved.');

		// The network goes away; the app reloads from the service worker.
		await context.setOffline(true);
		await page.reload();
		await openShell(page);
		await expect(page.getByRole('heading', { level: 1, name: 'Offline shop' })).toBeVisible();

		// Edit the automation in the builder and publish the new version, offline.
		await page.getByRole('link', { name: 'Automations', exact: true }).click();
		await page.getByRole('link', { name: 'Order sync' }).click();
		const name = page.getByTestId('automation-name');
		await name.fill('Order sync (edited offline)');
		await page.getByTestId('publish').click();
		await page.getByTestId('publish-dialog').getByTestId('confirm-publish').click();
		await expect(page.getByTestId('draft-state')).toContainText('v2');
		await expect(page.getByTestId('draft-state')).toContainText('up to date');

		// Add the five contacts: their webhooks wait in the outbox while offline.
		await page.getByTestId('add-contacts').click();
		const add = page.getByTestId('add-contacts-dialog');
		const boxes = add.locator('li input[type=checkbox]');
		await expect(boxes).toHaveCount(5);
		for (let i = 0; i < 5; i++) await boxes.nth(i).check();
		await add.getByTestId('add-contacts-confirm').click();
		await expect(add).toContainText('5 contacts added.');
		await add.getByRole('button', { name: 'Close' }).click();
		await page.getByRole('link', { name: 'Outbox', exact: true }).click();
		await expect(page.getByTestId('offline-banner')).toContainText('You are offline: 5 messages are waiting');
		await saveScreen(page, 'offline-outbox-waiting');
		expect(rx.applied.size).toBe(0);

		// Back online: the queued webhooks leave, each once.
		await context.setOffline(false);
		await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 15_000 });
		await expect.poll(() => rx.applied.size, { timeout: 30_000 }).toBe(5);
		await expect(page.getByTestId('outbox-row')).toHaveCount(5);
		await expect(page.getByTestId('outbox-row').filter({ hasText: 'Sent' })).toHaveCount(5, { timeout: 15_000 });
		await saveScreen(page, 'offline-outbox-sent');
	} finally {
		await rx.close();
	}
});
