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

test('pipelines, custom fields, team members, accounts, tasks and notes in the demo', async ({ page }) => {
	test.setTimeout(120_000);
	await openShell(page, '/crm/setup');
	const nav = page.getByRole('navigation', { name: 'Deals sections' });

	// A new stage, moved up above "Won"; a custom deal field with choices.
	const editor = page.getByTestId('pipeline-editor').filter({ hasText: 'Wholesale' });
	await editor.getByLabel('New stage name').fill('Negotiation');
	await editor.getByRole('button', { name: 'Add the stage' }).click();
	await editor.getByRole('button', { name: 'Move “Negotiation” up' }).click();
	await editor.getByRole('button', { name: 'Save the pipeline' }).click();
	await expect(editor.getByRole('status')).toHaveText('Saved');
	const fields = page.getByRole('region', { name: 'Custom deal fields' });
	await fields.getByLabel('New field label').fill('Lead source');
	await fields.getByLabel('Type').selectOption('dropdown');
	await fields.getByLabel('Choices').fill('Website, Coffee fair, Referral');
	await fields.getByRole('button', { name: 'Add the field' }).click();
	await expect(fields.getByRole('cell', { name: 'lead_source' })).toBeVisible();
	await saveScreen(page, 'crm-setup');

	// A team member and an account they own, with a contact and a note.
	await nav.getByRole('link', { name: 'Team' }).click();
	await page.getByRole('button', { name: 'Add a team member' }).click();
	const member = page.getByRole('dialog', { name: 'Add a team member' });
	await member.getByLabel('Name').fill('Bruno Lefèvre');
	await member.getByLabel('Email').fill('bruno@maison-torrefaction.example');
	await member.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('user-row')).toHaveCount(2);
	await nav.getByRole('link', { name: 'Accounts' }).click();
	await page.getByRole('button', { name: 'New account' }).click();
	const account = page.getByRole('dialog', { name: 'New account' });
	await account.getByLabel('Name').fill('Café Lumière');
	await account.getByLabel('Owner').selectOption({ label: 'Bruno Lefèvre' });
	await account.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { name: 'Café Lumière', level: 2 })).toBeVisible();
	await page.getByRole('combobox', { name: 'Add a contact' }).fill('Bernard');
	await page.getByRole('listbox', { name: 'Add a contact' }).getByRole('option').first().click();
	await page.getByRole('button', { name: 'Add a contact' }).click();
	await expect(page.getByRole('heading', { name: '1 contact' })).toBeVisible();
	await page.getByLabel('New note').fill('Roasts for three cafés in Lyon.');
	await page.getByRole('button', { name: 'Add the note' }).click();
	await expect(page.getByText('Roasts for three cafés in Lyon.')).toBeVisible();

	// A deal for the account, with a custom field, a task done and a note; won, then deleted.
	await nav.getByRole('link', { name: 'Board' }).click();
	await expect(page.getByTestId('stage')).toHaveText([/^Lead/, /^Tasting booked/, /^Proposal/, /^Negotiation/, /^Won/]);
	await page.getByRole('button', { name: 'New deal' }).click();
	const dialog = page.getByRole('dialog', { name: 'New deal' });
	await dialog.getByLabel('Title').fill('Lyon cafés');
	await dialog.getByLabel('Value').fill('1200');
	await dialog.getByLabel('Stage').selectOption({ label: 'Negotiation' });
	await dialog.getByLabel('Account').selectOption({ label: 'Café Lumière' });
	await dialog.getByLabel('Lead source').selectOption('Coffee fair');
	await dialog.getByRole('button', { name: 'Create the deal' }).click();
	await card(page, 'Lyon cafés').getByRole('link', { name: 'Lyon cafés' }).click();
	await expect(page.getByLabel('Lead source')).toHaveValue('Coffee fair');
	await page.getByLabel('Task title').fill('Send the price list');
	await page.getByLabel('Assignee').selectOption({ label: 'Bruno Lefèvre' });
	await page.getByRole('button', { name: 'Add the task' }).click();
	await page.getByRole('checkbox', { name: /Send the price list/ }).check();
	await expect(page.getByRole('checkbox', { name: /Send the price list/ })).toBeChecked();
	await page.getByLabel('New note').fill('Wants a tasting first.');
	await page.getByRole('button', { name: 'Add the note' }).click();
	await expect(page.getByText('Wants a tasting first.')).toBeVisible();
	await page.getByRole('button', { name: 'Mark as won' }).click();
	await expect(page.getByTestId('deal-status')).toHaveText('Won');
	await saveScreen(page, 'crm-deal-won');

	// Bruno leaves: his account goes to Alice.
	await nav.getByRole('link', { name: 'Team' }).click();
	await page.getByRole('button', { name: 'Remove Bruno Lefèvre' }).click();
	await page.getByLabel('Hand their deals, accounts and tasks to').selectOption({ label: 'Alice Moreau' });
	await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
	await expect(page.getByTestId('user-row')).toHaveCount(1);
	await nav.getByRole('link', { name: 'Accounts' }).click();
	await expect(page.getByTestId('account-row')).toContainText('Alice Moreau');

	// The won deal is on the board's "won" view; deleting it removes it.
	await nav.getByRole('link', { name: 'Board' }).click();
	await page.getByLabel('Status').selectOption('won');
	await card(page, 'Lyon cafés').getByRole('link', { name: 'Lyon cafés' }).click();
	await page.getByRole('button', { name: 'Delete the deal' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByTestId('stage')).toHaveCount(5);
	await page.getByLabel('Status').selectOption('all');
	await expect(card(page, 'Lyon cafés')).toHaveCount(0);
});
