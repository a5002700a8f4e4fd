// The automation builder as a new user meets it: build from the palette, see a validation error on
// the right step, undo/redo, the Starter plan's limits, publish, add contacts, run the clock, read
// the counts and a contact's path; export and import; two tabs editing the same automation.
import type { Locator, Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { fastForwardDays, openShell } from './support/shell';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });

const panel = (page: Page) => page.getByTestId('side-panel');
/** A step card by its title (its label, else its kind's title). */
const node = (page: Page, title: string) => page.locator('.svelte-flow__node-step').filter({ has: page.locator('.title', { hasText: new RegExp(`^${title.replace(/[()]/g, '\\$&')}$`) }) });

/** Types a tag in a tag picker and picks it (an existing tag, or creates it). */
async function pickTag(page: Page, value: string): Promise<void> {
	const input = panel(page).getByLabel('Tag', { exact: true });
	await input.fill(value);
	await input.press('Enter');
}

/** Opens the palette on the "+" at the end of the path below `fromTitle` (the only open end when omitted) and picks `kind`. */
async function addAtEnd(page: Page, kind: string, endIndex = 0): Promise<void> {
	await page.getByTestId('add-end').nth(endIndex).click();
	await page.locator(`[data-testid=palette-item][data-kind="${kind}"]`).click();
	await expect(panel(page).getByTestId('panel-title')).toBeVisible();
}

/** The number of steps listed by the outline view. */
async function outlineSteps(page: Page): Promise<string[]> {
	await page.getByTestId('view-outline').click();
	const items = await page.getByTestId('outline-step').allTextContents();
	await page.getByRole('button', { name: 'Canvas', exact: true }).click();
	return items.map((s) => s.replace(/\s+/g, ' ').trim());
}

async function counts(n: Locator): Promise<{ entered: number; waiting: number; completed: number }> {
	const c = n.getByTestId('node-counts');
	return {
		entered: Number(await c.getAttribute('data-entered')),
		waiting: Number(await c.getAttribute('data-waiting')),
		completed: Number(await c.getAttribute('data-completed'))
	};
}

test('build a 6-step automation from the palette, publish it, run it and watch it', async ({ page }) => {
	test.setTimeout(240_000);
	await openShell(page, '/automations');
	await page.getByTestId('new-automation').click();
	await expect(page.getByTestId('canvas')).toBeVisible();
	const name = page.getByTestId('automation-name');
	await name.fill('VIP nurture');

	// 1. Trigger: a tag is added.
	await page.getByTestId('add-trigger').click();
	await page.locator('[data-testid=palette-trigger][data-kind="tag.added"]').click();
	await pickTag(page, 'vip');
	await expect(page.locator('.svelte-flow__node-trigger')).toContainText('vip');

	// 2. Send an email (the first email of the workspace).
	await addAtEnd(page, 'email.send');
	await panel(page).getByLabel('Email', { exact: true }).selectOption('welcome-1');
	// 3. Wait 2 days.
	await addAtEnd(page, 'wait');
	await panel(page).getByLabel('days', { exact: true }).fill('2');
	await expect(node(page, 'Wait')).toContainText('2 days');
	// 4. If/else: opened the email.
	await addAtEnd(page, 'if_else');
	await panel(page).getByLabel('Condition type').selectOption('action');
	await panel(page).getByLabel('Email', { exact: true }).selectOption('welcome-1');
	await expect(node(page, 'If/Else')).toContainText('Welcome #1');
	// 5. Tag on the Yes path.
	await page.getByRole('button', { name: 'Add a step at the end of the Yes path' }).click();
	await page.locator('[data-testid=palette-item][data-kind="tag.add"]').click();
	await pickTag(page, 'engaged');
	await expect(node(page, 'Add a tag')).toContainText('engaged');
	// 6. Goal after the tag (the selected step): contacts who buy jump there.
	await node(page, 'Add a tag').click();
	await page.locator('[data-testid=palette-item][data-kind="goal"]').click();
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(5);
	await expect(page.getByText('Goal jump')).toBeVisible();

	// A validation error is shown on the right step (and publishing names it): an event condition without a name.
	const goal = node(page, 'Jump to (goal)');
	await panel(page).getByLabel('Condition type').selectOption('event');
	await expect(goal.getByTestId('node-errors')).toBeVisible();
	await expect(page.locator('.svelte-flow__node-step').getByTestId('node-errors')).toHaveCount(1);
	await page.getByTestId('publish').click();
	const dialog = page.getByTestId('publish-dialog');
	await expect(dialog.getByTestId('publish-errors')).toContainText('Jump to (goal)');
	await saveScreen(page, 'builder-validation');
	await dialog.getByRole('button', { name: 'Show the step' }).click();
	await panel(page).getByLabel('Event name').fill('purchase');
	await expect(page.locator('.svelte-flow__node-step').getByTestId('node-errors')).toHaveCount(0);
	await expect(goal).toContainText('purchase');
	await saveScreen(page, 'builder-built');

	// Undo / redo: delete the goal with the keyboard, undo brings it back, redo removes it again.
	await node(page, 'Jump to (goal)').click();
	await page.keyboard.press('Delete');
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(4);
	await page.keyboard.press('Control+z');
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(5);
	await page.keyboard.press('Control+y');
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(4);
	await page.getByTestId('undo').click();
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(5);

	// Starter: Split is locked, and a 6th action is refused with the limit explained.
	await page.getByTestId('plan-button').click();
	await page.getByTestId('plan-dialog').getByRole('radio', { name: /^Starter/ }).check();
	await page.getByTestId('plan-save').click();
	await expect(page.locator('[data-testid=palette-item][data-kind="split"]').getByTestId('locked')).toContainText('Professional');
	await expect(page.getByTestId('starter-limit')).toContainText('Starter allows 5 actions');
	// The item is marked unavailable (aria-disabled) but still answers a click with the reason.
	await page.locator('[data-testid=palette-item][data-kind="tag.remove"]').click({ force: true });
	await expect(page.getByTestId('builder-notice')).toContainText('Starter allows 5 actions');
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(5);
	await saveScreen(page, 'builder-starter');
	await page.getByTestId('plan-button').click();
	await page.getByTestId('plan-dialog').getByRole('radio', { name: /^Enterprise/ }).check();
	await page.getByTestId('plan-save').click();
	await expect(page.getByTestId('starter-limit')).toHaveCount(0);

	// Publish and activate.
	await page.getByTestId('publish').click();
	await expect(dialog.getByTestId('activate')).toBeChecked();
	await dialog.getByTestId('confirm-publish').click();
	await expect(page.getByTestId('automation-status')).toHaveText('Active');
	await expect(page.getByTestId('draft-state')).toContainText('up to date');

	// Add three subscribed contacts by hand.
	await page.getByTestId('add-contacts').click();
	const add = page.getByTestId('add-contacts-dialog');
	await add.getByTestId('add-contacts-search').fill('1@example.com');
	const boxes = add.locator('li input[type=checkbox]');
	await expect(boxes.first()).toBeVisible();
	for (let i = 0; i < 3; i++) await boxes.nth(i).check();
	await add.getByTestId('add-contacts-confirm').click();
	await expect(add.getByRole('status')).toContainText('3 contacts added');
	await add.getByRole('button', { name: 'Close' }).click();
	await expect.poll(async () => (await counts(node(page, 'Wait'))).waiting).toBe(3);

	// Run the clock: after the wait nobody opened the email, so all three take the No path.
	await fastForwardDays(page, 7);
	await expect.poll(async () => (await counts(node(page, 'Wait'))).completed).toBe(3);
	expect(await counts(node(page, 'Send an email'))).toEqual({ entered: 3, waiting: 0, completed: 3 });
	await expect(page.getByTestId('edge-label').filter({ hasText: 'No' })).toContainText('No · 3');
	await saveScreen(page, 'builder-running');

	// Contacts at a step, then one contact's path.
	await node(page, 'Wait').click();
	await expect(panel(page).getByTestId('step-contact')).toHaveCount(3);
	await saveScreen(page, 'builder-step-contacts');
	await panel(page).getByTestId('step-contact').first().getByRole('link').click();
	await expect(page.getByTestId('path-title')).toBeVisible();
	const lines = page.getByTestId('path-line');
	await expect(lines.first()).toContainText('Entered the automation');
	await expect(page.getByTestId('path-entry')).toContainText('Waited until');
	await expect(page.getByTestId('path-entry')).toContainText('Took the No path');
	await expect(page.getByTestId('path-entry')).toContainText('Completed');
	await saveScreen(page, 'builder-contact-path');
});

test('export an automation, import it with a mapping, and find it unchanged', async ({ page }) => {
	test.setTimeout(120_000);
	await openShell(page, '/automations/welcome');
	await expect(page.getByTestId('canvas')).toBeVisible();
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(9);
	const original = await outlineSteps(page);
	const download = page.waitForEvent('download');
	await page.getByTestId('more-button').click();
	await page.getByTestId('export-button').click();
	const file = await (await download).path();
	// As if it came from another workspace: there, the list is called "Subscribers".
	const data = JSON.parse(await readFile(file, 'utf8'));
	data.lists = [{ id: 'subscribers', name: 'Subscribers' }];
	data.automations[0].triggers[0].list = 'subscribers';
	const edited = test.info().outputPath('welcome.automation.json');
	await writeFile(edited, JSON.stringify(data, null, 2));

	await page.goto('/automations');
	await page.getByTestId('import-automation').click();
	const dlg = page.getByTestId('import-dialog');
	await dlg.getByTestId('import-file').setInputFiles(edited);
	await expect(dlg.getByTestId('import-summary')).toContainText('Welcome series');
	await expect(dlg.getByTestId('import-ref')).toHaveCount(1);
	await dlg.getByTestId('import-ref').getByRole('combobox').selectOption({ label: 'Use “Newsletter”' });
	await saveScreen(page, 'builder-import-mapping');
	await dlg.getByTestId('import-confirm').click();
	await expect(page).toHaveURL(/\/automations\/welcome-2$/);
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(9);
	expect(await outlineSteps(page)).toEqual(original);
	await expect(page.locator('.svelte-flow__node-trigger')).toContainText('Newsletter');
});

test('two tabs edit the same automation and converge', async ({ page, context }) => {
	test.setTimeout(120_000);
	await openShell(page, '/automations/birthday');
	await expect(page.locator('.svelte-flow__node-step')).toHaveCount(1);
	const other = await context.newPage();
	await openShell(other, '/automations/birthday');
	await expect(other.locator('.svelte-flow__node-step')).toHaveCount(1);

	// A adds a wait, B sees it at once; B renames, A sees it.
	await page.getByTestId('add-end').click();
	await page.locator('[data-testid=palette-item][data-kind="wait"]').click();
	await expect(other.locator('.svelte-flow__node-step')).toHaveCount(2);
	await other.getByTestId('automation-name').fill('Birthday (edited in tab B)');
	await expect(page.getByTestId('automation-name')).toHaveValue('Birthday (edited in tab B)');
	// Both change different settings of the same step at the same time.
	await node(page, 'Wait').click();
	await node(other, 'Wait').click();
	// A published automation opens a step on its contacts: both switch to its settings.
	await panel(page).getByRole('tab', { name: 'Settings' }).click();
	await panel(other).getByRole('tab', { name: 'Settings' }).click();
	await panel(page).getByLabel('days', { exact: true }).fill('3');
	await panel(other).getByLabel('Label on the canvas').fill('Pause');
	await expect(node(page, 'Pause')).toContainText('3 days');
	await expect(node(other, 'Pause')).toContainText('3 days');
	expect(await outlineSteps(page)).toEqual(await outlineSteps(other));
	// The other tab is shown as present; each tab's undo only undoes its own edits.
	await expect(page.locator('.peers .peer')).toHaveCount(1);
	await other.getByTestId('undo').click();
	await expect(node(page, 'Wait')).toContainText('3 days');
	await saveScreen(other, 'builder-two-tabs');
	await other.close();
});
