// Co-editing across machines: a real collab server on loopback, two browser contexts ("machines").
// A shares the demo workspace, B joins by the invite link; both edit the same automation at once
// and converge; B sees A's presence; B goes offline, edits, comes back and both converge; a
// spectator link opens the builder read-only and its holder cannot change anything.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { openShell } from './support/shell';
import { startCollabServer, type CollabServer } from '../servers/collab-process';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });

let server: CollabServer;
test.beforeAll(async () => {
	server = await startCollabServer();
});
test.afterAll(async () => {
	await server?.stop();
});

const steps = (p: Page) => p.locator('.svelte-flow__node-step');
const titles = async (p: Page) => (await steps(p).locator('.title').allTextContents()).map((t) => t.trim()).sort();
const status = (p: Page) => p.getByTestId('connection-status');

/** A second "machine": its own context, failing the test on console errors like the `page` fixture. */
async function machine(ctx: BrowserContext, errors: string[]): Promise<Page> {
	const p = await ctx.newPage();
	p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	p.on('pageerror', (e) => errors.push(e.message));
	return p;
}

/** Opens an invite link, joins under `name` and opens the birthday automation. */
async function joinAndOpen(p: Page, link: string, name: string): Promise<void> {
	await openShell(p, link.replace(/^https?:\/\/[^/]+/, ''));
	await expect(p.getByRole('heading', { name: 'Join a shared workspace' })).toBeVisible();
	await p.getByTestId('join-name').fill(name);
	await p.getByTestId('join-submit').click();
	await expect(p).toHaveURL(/\/automations$/);
	await expect(p.getByTestId('automations-table')).toContainText('Birthday');
	await p.goto('/automations/birthday');
	await expect(status(p)).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
}

test('two machines co-edit a shared workspace through the collab server; a spectator watches read-only', async ({ page: a, browser }) => {
	test.setTimeout(90_000);
	const errors: string[] = [];

	// Machine A shares the demo workspace.
	await openShell(a, '/automations');
	await a.getByTestId('share-button').click();
	const dialog = a.getByTestId('share-dialog');
	await expect(dialog.getByRole('heading', { name: 'Share this workspace' })).toBeVisible();
	await dialog.getByLabel('Server address').fill(server.url);
	await dialog.getByTestId('share-start').click();
	await expect(dialog.getByTestId('share-index-status')).toHaveText('The room is up to date.');
	const editLink = await dialog.getByTestId('share-link-edit').inputValue();
	const viewLink = await dialog.getByTestId('share-link-view').inputValue();
	expect(editLink).toContain('mode=edit');
	expect(viewLink).toContain('mode=view');
	await saveScreen(a, 'collab-share-dialog');
	await dialog.getByTestId('share-close').click();
	await a.goto('/automations/birthday');
	await expect(status(a)).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
	await expect(steps(a)).toHaveCount(1);

	// Machine B joins by the edit link and opens the same automation.
	const ctxB = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });
	const b = await machine(ctxB, errors);
	await joinAndOpen(b, editLink, 'Bob');
	await expect(steps(b)).toHaveCount(1);
	// Presence: each sees the other in the header.
	await expect(a.locator('[data-testid=peer-avatar][data-name=Bob]')).toBeVisible();
	await expect(b.getByTestId('peer-avatar')).toHaveCount(1);
	await expect(b.getByTestId('connection-peers')).toHaveText(/1 other here/);

	// Concurrent edits: A renames the automation while B adds a step; both converge.
	await a.getByTestId('automation-name').fill('Birthday (co-edited)');
	await b.getByTestId('add-end').click();
	await b.locator('[data-testid=palette-item][data-kind="wait"]').click();
	await expect(steps(a)).toHaveCount(2);
	await expect(b.getByTestId('automation-name')).toHaveValue('Birthday (co-edited)');
	await a.getByTestId('add-end').click();
	await a.locator('[data-testid=palette-item][data-kind="tag.add"]').click();
	await expect(steps(b)).toHaveCount(3);
	expect(await titles(b)).toEqual(await titles(a));
	// A comment written on machine A appears on machine B, pinned to the same step.
	await steps(a).first().click();
	const box = a.getByTestId('side-panel').getByTestId('comment-input');
	await box.fill('Can we send this at 8:00 instead?');
	await box.press('Enter');
	await expect(steps(b).first().getByTestId('node-comments')).toHaveAttribute('data-count', '1');
	await steps(b).first().click();
	await expect(b.getByTestId('side-panel').getByTestId('comment-text')).toHaveText('Can we send this at 8:00 instead?');
	await saveScreen(a, 'collab-builder-a');
	await saveScreen(b, 'collab-builder-b');

	// B goes offline, edits; A edits meanwhile; B comes back and both converge.
	await ctxB.setOffline(true);
	await expect(status(b)).toHaveAttribute('data-status', 'offline');
	await expect(b.getByTestId('connection-text')).toHaveText('Offline');
	await b.getByTestId('automation-name').fill('Birthday (renamed offline)');
	await b.getByTestId('add-end').click();
	await b.locator('[data-testid=palette-item][data-kind="goal"]').click();
	await expect(steps(b)).toHaveCount(4);
	await a.getByTestId('add-end').click();
	await a.locator('[data-testid=palette-item][data-kind="wait"]').click();
	await expect(steps(a)).toHaveCount(4);
	await expect(a.getByTestId('automation-name')).toHaveValue('Birthday (co-edited)');
	await ctxB.setOffline(false);
	await expect(status(b)).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
	await expect(a.getByTestId('automation-name')).toHaveValue('Birthday (renamed offline)');
	await expect(steps(a)).toHaveCount(5);
	await expect(steps(b)).toHaveCount(5);
	await expect.poll(async () => JSON.stringify(await titles(a))).toBe(JSON.stringify(await titles(b)));

	// A spectator opens the view link: read-only, and nothing it does reaches the others.
	const ctxC = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });
	const c = await machine(ctxC, errors);
	await joinAndOpen(c, viewLink, 'Sam');
	await expect(c.getByTestId('readonly-badge')).toHaveText('Read only');
	await expect(steps(c)).toHaveCount(5);
	await expect(c.getByTestId('automation-name')).toHaveJSProperty('readOnly', true);
	await expect(c.locator('[data-testid=palette-item]')).toHaveCount(0);
	await expect(c.getByTestId('publish')).toBeDisabled();
	// It reads the comments but cannot write, reply or resolve.
	await steps(c).first().click();
	await expect(c.getByTestId('side-panel').getByTestId('comment-text')).toHaveText('Can we send this at 8:00 instead?');
	await expect(c.getByTestId('comment-input')).toHaveCount(0);
	await expect(c.getByTestId('comment-resolve')).toHaveCount(0);
	await steps(c).first().click();
	await c.keyboard.press('Delete');
	await c.keyboard.press('Control+z');
	await expect(steps(c)).toHaveCount(5);
	await expect(a.locator('[data-testid=peer-avatar][data-name=Sam]')).toBeVisible();
	// It still receives the editors' changes.
	await a.getByTestId('automation-name').fill('Birthday (watched)');
	await expect(c.getByTestId('automation-name')).toHaveValue('Birthday (watched)');
	await expect(steps(a)).toHaveCount(5);
	await saveScreen(c, 'collab-builder-spectator');
	// Changes received from the room reach the local workspace's list too.
	await c.getByRole('link', { name: 'Back to automations' }).click();
	await expect(c.getByTestId('automations-table')).toContainText('Birthday (watched)');

	await ctxB.close();
	await ctxC.close();
	expect(errors).toEqual([]);
});
