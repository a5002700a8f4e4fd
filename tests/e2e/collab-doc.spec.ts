// Co-editing one automation in two tabs of the same browser (BroadcastChannel): a comment written
// in tab A shows in tab B with a badge on its step, B replies, A resolves; B sees A's pointer on
// the canvas and a tag on the inspector field A is editing.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { openShell } from './support/shell';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });

const panel = (page: Page) => page.getByTestId('side-panel');
const firstStep = (page: Page) => page.locator('.svelte-flow__node-step').first();

test('comments, pointers and field tags travel between two tabs', async ({ page, context }) => {
	test.setTimeout(120_000);
	await openShell(page, '/automations/birthday');
	await expect(firstStep(page)).toBeVisible();
	const other = await context.newPage();
	await openShell(other, '/automations/birthday');
	await expect(firstStep(other)).toBeVisible();
	await expect(page.locator('.peers .peer')).toHaveCount(1);

	// A comments on the step.
	await firstStep(page).click();
	const box = panel(page).getByTestId('comment-input');
	await box.fill('Should we send this a day earlier?');
	await box.press('Enter');
	await expect(panel(page).getByTestId('comment-text')).toHaveText('Should we send this a day earlier?');
	await expect(box).toHaveValue('');

	// B sees the badge on the node and the comment in the list of open comments, then replies.
	await expect(firstStep(other).getByTestId('node-comments')).toHaveAttribute('data-count', '1');
	await expect(panel(other).getByTestId('open-comment')).toContainText('Should we send this a day earlier?');
	await saveScreen(other, 'collab-doc-open-comments');
	await panel(other).getByTestId('open-comment').click();
	await expect(panel(other).getByTestId('comment-text')).toHaveText('Should we send this a day earlier?');
	await panel(other).getByTestId('comment-reply-toggle').click();
	const reply = panel(other).getByTestId('comment-reply-input');
	await reply.fill('Yes, and say happy birthday in the subject.');
	await reply.press('Enter');
	await expect(panel(page).getByTestId('comment-reply')).toContainText('Yes, and say happy birthday in the subject.');
	await saveScreen(other, 'collab-doc-comment-reply');

	// A resolves: the thread closes on both sides and the badge disappears.
	await panel(page).getByTestId('comment-resolve').click();
	await expect(firstStep(other).getByTestId('node-comments')).toHaveCount(0);
	await expect(panel(other).getByText('1 resolved thread')).toBeVisible();
	await expect(panel(other).getByTestId('comment-thread')).toHaveAttribute('data-resolved', 'true');

	// A moves the pointer over the canvas: B sees it, with A's name.
	const canvas = await page.getByTestId('canvas').boundingBox();
	await page.mouse.move(canvas!.x + canvas!.width / 2, canvas!.y + 80);
	await page.mouse.move(canvas!.x + canvas!.width / 2 + 40, canvas!.y + 120, { steps: 4 });
	const cursor = other.getByTestId('peer-cursor');
	await expect(cursor).toBeVisible();
	const name = await page.evaluate(() => JSON.parse(localStorage.getItem('journey-studio:user')!).name as string);
	await expect(cursor).toContainText(name);

	// A edits the step's label: B, on the same step's settings, sees who is editing it.
	const settings = panel(page).getByRole('tab', { name: 'Settings' });
	if (await settings.isVisible()) await settings.click();
	const otherSettings = panel(other).getByRole('tab', { name: 'Settings' });
	if (await otherSettings.isVisible()) await otherSettings.click();
	await panel(page).getByLabel('Label on the canvas').click();
	const tag = panel(other).locator('[data-path="label"]').getByTestId('field-editor');
	await expect(tag).toHaveText(`${name} is editing`);
	await saveScreen(other, 'collab-doc-presence');
	// Leaving the field removes the tag; leaving the canvas removes the pointer.
	await panel(page).getByTestId('comment-input').click();
	await expect(tag).toHaveCount(0);
	await page.mouse.move(1, 1);
	await expect(cursor).toHaveCount(0);

	// A deletes the step: its thread is not lost, B finds it "on a deleted step" and can reopen it.
	await panel(page).getByTestId('panel-delete').click();
	await expect(other.locator('.svelte-flow__node-step')).toHaveCount(0);
	const orphan = panel(other).getByTestId('all-comments').getByTestId('comment-thread');
	await expect(orphan).toContainText('On a deleted step');
	await expect(orphan).toContainText('Should we send this a day earlier?');
	await orphan.getByTestId('comment-reopen').click();
	await expect(panel(page).getByTestId('all-comments').getByTestId('comment-resolve')).toBeVisible();
	await saveScreen(other, 'collab-doc-orphan');
	await other.close();
});
