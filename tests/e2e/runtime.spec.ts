// The local-first runtime as a user meets it: the demo simulation, reloads mid-run, several tabs.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { clockNow, DAY, fastForwardDays, jumpTo, openShell, overviewCounts, waitForClock } from './support/shell';

test.use({ timezoneId: 'UTC', locale: 'en-US' });

test('the demo runs forward 30 days and a reload mid-run changes nothing', async ({ browser }) => {
	test.setTimeout(180_000);
	// Reference: straight through.
	const ref = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US' });
	const a = await ref.newPage();
	await openShell(a);
	const start = await clockNow(a);
	await saveScreen(a, 'runtime-demo-start');
	await fastForwardDays(a, 30);
	const expected = await overviewCounts(a);
	await saveScreen(a, 'runtime-demo-30-days');
	expect(Number(expected['stat-completed'].replace(/\D/g, ''))).toBeGreaterThan(50);
	await ref.close();

	// Same demo, played at one day per second, reloaded mid-run, then taken to the same instant.
	const ctx = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US' });
	const b = await ctx.newPage();
	await openShell(b);
	expect(await clockNow(b)).toBe(start);
	await b.getByLabel('Speed').selectOption({ label: '1 day per second' });
	await b.getByTestId('play').click();
	await expect.poll(() => clockNow(b), { timeout: 30_000 }).toBeGreaterThan(start + 2 * DAY);
	await b.reload();
	await openShell(b);
	const resumed = await clockNow(b);
	expect(resumed).toBeGreaterThan(start);
	expect(resumed).toBeLessThan(start + 30 * DAY);
	await b.getByTestId('pause').click();
	await jumpTo(b, start + 30 * DAY);
	await waitForClock(b, start + 30 * DAY);
	expect(await overviewCounts(b)).toEqual(expected);
	await ctx.close();
});

test('two tabs: one engine, live updates in both, the other takes over when the leader closes', async ({ browser }) => {
	test.setTimeout(120_000);
	const ctx = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US' });
	const a = await ctx.newPage();
	await openShell(a);
	await expect(a.getByTestId('tab-role')).toHaveText('Engine in this tab');
	const b = await ctx.newPage();
	await openShell(b);
	await expect(b.getByTestId('tab-role')).toHaveText('Engine in another tab');
	await saveScreen(b, 'runtime-follower-tab');

	// The follower drives the clock; both tabs see it.
	const start = await clockNow(b);
	await fastForwardDays(b, 7);
	await expect.poll(() => clockNow(a)).toBe(start + 7 * DAY);
	const inA = await overviewCounts(a);
	const inB = await overviewCounts(b);
	expect(inB).toEqual(inA);

	// The leader goes away: the follower takes over within 2 seconds and keeps the state.
	await a.close();
	await expect(b.getByTestId('tab-role')).toHaveText('Engine in this tab', { timeout: 2_000 });
	expect(await clockNow(b)).toBe(start + 7 * DAY);
	await fastForwardDays(b, 1);
	expect(await clockNow(b)).toBe(start + 8 * DAY);
	await ctx.close();
});
