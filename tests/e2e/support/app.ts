// Small page-model helpers shared by e2e tests.
import type { Page } from '@playwright/test';
import { test } from './fixtures';

/** Navigates to `path` (relative to baseURL) and waits until the SPA has rendered. */
export async function openApp(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	// SvelteKit mounts the app into the first <body> div, next to its boot <script>.
	await page.waitForFunction(
		() => !!document.querySelector('body > div > :not(script)'),
		undefined,
		{ timeout: 15_000 }
	);
}

/** Saves a full-page screenshot to test-results/screens/<name>.png; returns its path. */
export async function saveScreen(page: Page, name: string): Promise<string> {
	const path = `${test.info().project.outputDir}/screens/${name}.png`;
	await page.screenshot({ path, fullPage: true });
	return path;
}
