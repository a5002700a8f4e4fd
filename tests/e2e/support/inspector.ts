// Page model of the inspector as the reference page shows it: open a kind's sandbox, read its definition.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openShell } from './shell';

/** Opens the "Actions and triggers" reference page. */
export async function openReference(page: Page): Promise<void> {
	await openShell(page, '/automations/reference');
	await expect(page.getByRole('heading', { name: 'Actions and triggers', level: 1 })).toBeVisible();
	await expect(page.getByTestId('reference-entry').first()).toBeVisible();
}

/** The reference entry of a kind. */
export function entry(page: Page, kind: string, type: 'step' | 'trigger' = 'step'): Locator {
	return page.locator(`[data-testid=reference-entry][data-type=${type}][data-kind="${kind}"]`);
}

/** Opens a kind's live settings form and returns its sandbox. */
export async function openSandbox(page: Page, kind: string, type: 'step' | 'trigger' = 'step'): Promise<Locator> {
	const e = entry(page, kind, type);
	await e.getByText('Try the settings').click();
	const sb = e.getByTestId('sandbox');
	await expect(sb.getByTestId('inspector')).toBeVisible();
	return sb;
}

/** The definition the form has produced so far. */
export async function definition(sb: Locator): Promise<Record<string, any>> {
	return JSON.parse((await sb.getByTestId('sandbox-json').textContent()) ?? '{}');
}

/** The problem summary of the sandbox's inspector. */
export function summary(sb: Locator): Locator {
	return sb.getByTestId('issue-summary');
}

/** Saves a screenshot of one element next to the full-page ones (test-results/screens/<name>.png). */
export async function saveElement(el: Locator, name: string): Promise<void> {
	await el.screenshot({ path: `${test.info().project.outputDir}/screens/${name}.png` });
}
