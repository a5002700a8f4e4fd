// Page model of the app shell: clock bar, workspace switcher, tab role, overview counts.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { openApp } from './app';

const DAY = 86_400_000;

/** Opens the app and waits for the workspace and its clock. */
export async function openShell(page: Page, path = '/'): Promise<void> {
	await openApp(page, path);
	await expect(page.getByTestId('clock-now')).toBeVisible({ timeout: 30_000 });
}

/** The virtual time shown by the clock (epoch ms). */
export async function clockNow(page: Page): Promise<number> {
	const iso = await page.getByTestId('clock-now').getAttribute('datetime');
	return Date.parse(iso!);
}

/** Waits until the clock shows `t` and is no longer fast-forwarding. */
export async function waitForClock(page: Page, t: number, timeout = 60_000): Promise<void> {
	await expect.poll(() => clockNow(page), { timeout }).toBe(t);
	await expect(page.getByTestId('play')).toBeVisible({ timeout });
}

/** Fast-forwards by whole days with the clock bar's buttons. */
export async function fastForwardDays(page: Page, days: 1 | 7 | 30): Promise<void> {
	const start = await clockNow(page);
	await page.getByRole('button', { name: `+${days} d`, exact: true }).click();
	await waitForClock(page, start + days * DAY);
}

/** Jumps to an instant with the clock bar's date field (browser zone must be UTC). */
export async function jumpTo(page: Page, t: number): Promise<void> {
	await page.getByLabel('Jump to a date').fill(new Date(t).toISOString().slice(0, 16));
	await page.getByRole('button', { name: 'Go', exact: true }).click();
}

/** The overview's counters and per-automation rows, as text. */
export async function overviewCounts(page: Page): Promise<Record<string, string>> {
	await page.goto('/');
	await expect(page.getByTestId('automation-row').first()).toBeVisible();
	const out: Record<string, string> = {};
	for (const id of ['stat-contacts', 'stat-inflight', 'stat-completed', 'stat-messages']) out[id] = (await page.getByTestId(id).textContent())!.trim();
	for (const row of await page.getByTestId('automation-row').all()) {
		const id = await row.getAttribute('data-id');
		out[`${id}.entered`] = (await row.getByTestId('entered').textContent())!.trim();
		out[`${id}.completed`] = (await row.getByTestId('completed').textContent())!.trim();
		out[`${id}.inflight`] = (await row.getByTestId('inflight').textContent())!.trim();
	}
	return out;
}

export { DAY };
