// CRM, reports and the facilitator screen as a new user meets them: a workspace file brings a
// pipeline and an automation started when a deal reaches "Proposal"; deals are created on the
// board and moved there by drag and drop and with the keyboard; the automation runs for their
// contacts; the reports' funnel (read in its table) and the facilitator screen show the runs.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { clockNow, DAY, fastForwardDays, openShell } from './support/shell';
import type { Page } from '@playwright/test';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });

const WORKSPACE = {
	format: 'journey-studio/workspace',
	version: 1,
	name: 'Wholesale',
	timeZone: 'Europe/Paris',
	lists: [{ id: 'customers', name: 'Customers' }],
	users: [{ id: 'alice', name: 'Alice Moreau', email: 'alice@roastery.example' }],
	pipelines: [
		{
			id: 'wholesale',
			name: 'Wholesale',
			stages: [
				{ id: 'lead', name: 'Lead' },
				{ id: 'tasting', name: 'Tasting booked' },
				{ id: 'proposal', name: 'Proposal' },
				{ id: 'won', name: 'Won' }
			]
		}
	],
	emails: [{ id: 'proposal', name: 'Proposal', subject: 'Your wholesale proposal, %FIRSTNAME%', body: '<p>Here is our proposal for %DEAL_TITLE%.</p>' }],
	contacts: [
		{ id: 'lea', email: 'lea.martin@cafe-lumiere.example', firstName: 'Léa', lastName: 'Martin', lists: { customers: 'active' } },
		{ id: 'hugo', email: 'hugo.petit@bistro.example', firstName: 'Hugo', lastName: 'Petit', lists: { customers: 'active' } },
		{ id: 'nina', email: 'nina.roux@hotel.example', firstName: 'Nina', lastName: 'Roux', lists: { customers: 'active' } }
	],
	automations: [
		{
			id: 'proposal-follow-up',
			name: 'Proposal follow-up',
			status: 'active',
			triggers: [{ id: 'to-proposal', kind: 'deal.stage_changed', pipeline: 'wholesale', to: 'proposal', runs: 'every' }],
			steps: [
				{ id: 'send', kind: 'email.send', email: 'proposal', next: 'wait' },
				{ id: 'wait', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'task' },
				{ id: 'task', kind: 'deal.task_add', type: 'call', title: 'Call about the proposal', assignee: 'deal_owner', next: 'tag' },
				{ id: 'tag', kind: 'tag.add', tag: 'proposal-sent' }
			]
		}
	]
};

async function newDeal(page: Page, title: string, value: string, contact: string) {
	await page.getByRole('button', { name: 'New deal' }).click();
	const dialog = page.getByRole('dialog', { name: 'New deal' });
	await dialog.getByLabel('Title').fill(title);
	await dialog.getByLabel('Value').fill(value);
	await dialog.getByRole('combobox', { name: 'Contact' }).fill(contact);
	await dialog.getByRole('listbox', { name: 'Contact' }).getByRole('option', { name: new RegExp(contact) }).click();
	await dialog.getByRole('button', { name: 'Create the deal' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('board-announcer')).toHaveText(`Deal “${title}” created.`);
}

const card = (page: Page, title: string) => page.getByTestId('deal-card').filter({ hasText: title });
const stage = (page: Page, id: string) => page.locator(`[data-stage="${id}"]`);

test('a deal moved to Proposal starts the follow-up for its contact; reports and the facilitator screen show it', async ({ page }) => {
	test.setTimeout(150_000);
	await openShell(page);

	// A new simulation from the workspace file.
	await page.getByTestId('workspace-switcher').selectOption('__new');
	const create = page.getByRole('dialog', { name: 'New simulation workspace' });
	await create.getByLabel('Name').fill('Wholesale pipeline');
	await create.getByLabel('A workspace file (.json)').check();
	await create.getByLabel('Choose a file').setInputFiles({ name: 'wholesale.workspace.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(WORKSPACE)) });
	await create.getByRole('button', { name: 'Create', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Wholesale pipeline', level: 1 })).toBeVisible();
	const start = await clockNow(page);

	// The board of the pipeline, empty.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }).click();
	await expect(page.getByTestId('stage')).toHaveCount(4);
	await expect(stage(page, 'lead').getByText('No deals here. Drag one in.')).toBeVisible();

	// Two deals, created in Lead.
	await newDeal(page, 'Café Lumière — 40 kg/month', '2400', 'Léa');
	await newDeal(page, 'Bistro Hugo', '900', 'Hugo');
	await expect(stage(page, 'lead').getByTestId('deal-card')).toHaveCount(2);
	await expect(stage(page, 'lead').getByText('€3,300.00')).toBeVisible();

	// Drag and drop the first one to Proposal.
	await card(page, 'Café Lumière').dragTo(stage(page, 'proposal'));
	await expect(stage(page, 'proposal').getByTestId('deal-card')).toHaveCount(1);
	await expect(page.getByTestId('board-announcer')).toHaveText('“Café Lumière — 40 kg/month” moved to Proposal.');

	// Move the second with the keyboard: pick up, two stages right, drop.
	await card(page, 'Bistro Hugo').getByTestId('deal-handle').focus();
	await page.keyboard.press('Space');
	await expect(page.getByTestId('board-announcer')).toContainText('Picked up “Bistro Hugo” in Lead');
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('board-announcer')).toHaveText('“Bistro Hugo” over Tasting booked.');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('board-announcer')).toHaveText('“Bistro Hugo” moved to Proposal.');
	await expect(stage(page, 'proposal').getByTestId('deal-card')).toHaveCount(2);
	await expect(card(page, 'Bistro Hugo').getByTestId('deal-handle')).toBeFocused();
	await saveScreen(page, 'crm-board');

	// The deal page: the contact is in the follow-up, started by this deal, waiting 2 days.
	await card(page, 'Café Lumière').getByRole('link', { name: 'Café Lumière — 40 kg/month' }).click();
	await expect(page.getByTestId('deal-stage')).toHaveText('Wholesale · Proposal');
	const run = page.getByTestId('deal-automations').locator('[data-automation="proposal-follow-up"]');
	await expect(run).toContainText('Proposal follow-up');
	await expect(run).toContainText('Waiting');
	await expect(run).toContainText('Started by this deal');
	await expect(run).toContainText('At “Wait 2 days”');
	await saveScreen(page, 'crm-deal');

	// A week later the follow-up has added its call task to the deal and finished.
	await fastForwardDays(page, 7);
	expect(await clockNow(page)).toBe(start + 7 * DAY);
	await expect(page.getByTestId('tasks')).toContainText('Call about the proposal');
	await expect(run).toContainText('Completed');

	// Reports: the funnel of the follow-up, read in its table.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
	await page.getByTestId('report-automation').selectOption({ label: 'Proposal follow-up' });
	const funnel = page.getByTestId('funnel-chart');
	await expect(funnel.getByRole('img')).toHaveAttribute('aria-label', 'Funnel of Proposal follow-up: 2 entries, 2 reached “Completed” (100%).');
	await expect(funnel.getByRole('img')).toHaveAttribute('data-drawn', '[[2,2,2,2,2,2]]');
	await funnel.getByText('Show the data').click();
	const rows = funnel.getByTestId('funnel-table').locator('tbody tr');
	await expect(rows).toHaveText([
		/^Entered\s*2\s*100%$/,
		/^Send an email · Proposal\s*2\s*100%$/,
		/^Wait 2 days\s*2\s*100%$/,
		/^Add a deal task\s*2\s*100%$/,
		/^Add a tag · proposal-sent\s*2\s*100%$/,
		/^Completed\s*2\s*100%$/
	]);
	await expect(page.getByTestId('totals')).toContainText('Messages2');
	await funnel.scrollIntoViewIfNeeded();
	await saveScreen(page, 'reports-funnel');

	// The facilitator screen: big counts per step.
	await page.getByRole('link', { name: 'Facilitator screen' }).click();
	await expect(page.getByTestId('fac-entered')).toHaveText('2');
	const wait = page.locator('[data-testid="flow-step"][data-step="wait"]');
	await expect(wait.getByTestId('count-entered')).toHaveText('2');
	await expect(wait.getByTestId('count-waiting')).toHaveText('0');
	await expect(wait.getByTestId('count-completed')).toHaveText('2');
	await expect(page.getByRole('link', { name: /\/workshop\/play$/ })).toBeVisible();
	await saveScreen(page, 'workshop-facilitator');
});
