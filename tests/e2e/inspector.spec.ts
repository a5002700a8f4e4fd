// The inspector as a marketer meets it on the "Actions and triggers" reference page: every form,
// waits of each kind, nested condition groups, split percentages, A/B variants, SMS parts.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { definition, entry, openReference, openSandbox, saveElement, summary } from './support/inspector';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 800 } });

test('every trigger and action has its settings form on the reference page', async ({ page }) => {
	test.setTimeout(120_000);
	await openReference(page);
	const entries = page.getByTestId('reference-entry');
	await expect(entries).toHaveCount(24 + 50);
	await page.getByRole('button', { name: 'Show every settings form' }).click();
	await expect(page.getByTestId('sandbox')).toHaveCount(74);
	const kinds = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
	const defs = await page.getByTestId('sandbox-json').evaluateAll((els) => els.map((e) => JSON.parse(e.textContent ?? '{}').kind));
	expect(defs).toEqual(kinds);
	expect(new Set(kinds).size).toBe(74);
	// Each form shows its problems (or that there are none).
	await expect(page.getByTestId('issue-summary')).toHaveCount(74);
	await page.getByRole('button', { name: 'Hide the forms' }).click();
	await expect(page.getByTestId('sandbox')).toHaveCount(0);
	// Plan availability as the source's table says.
	await expect(entry(page, 'split').getByRole('img', { name: 'Available from the Professional plan' })).toBeVisible();
	await expect(entry(page, 'sms.send').getByText('Add-on: SMS')).toBeVisible();
	await expect(entry(page, 'deal.add').getByText('Add-on: Pipelines or Sales engagement')).toBeVisible();
	// Search narrows the list.
	await page.getByLabel('Search triggers and actions').fill('salesforce');
	await expect(entries).toHaveCount(3);
	await saveScreen(page, 'inspector-reference-search');
});

test('wait: for a period, until a day and time, until a date field, until conditions', async ({ page }) => {
	await openReference(page);
	const sb = await openSandbox(page, 'wait');
	await expect(summary(sb)).toHaveText(/No problems/);

	// For a period.
	const unit = (name: string) => sb.getByRole('spinbutton', { name, exact: true });
	await unit('weeks').fill('1');
	await unit('days').fill('2');
	expect((await definition(sb)).wait).toEqual({ mode: 'period', for: { weeks: 1, days: 2 } });
	await unit('weeks').fill('');
	await unit('days').fill('');
	await expect(summary(sb)).toContainText('The wait period is zero.');
	await unit('hours').fill('6');
	await expect(summary(sb)).toHaveText(/No problems/);

	// Until a day and time: weekdays, and a searchable IANA zone.
	await sb.getByLabel('Until a day and time').check();
	await sb.getByLabel('Until', { exact: true }).fill('14:30');
	await sb.getByLabel('Monday').check();
	await sb.getByLabel('Friday').check();
	await sb.getByLabel('A specific time zone').check();
	const zone = sb.getByRole('combobox', { name: 'Search a time zone' });
	await zone.fill('Tokyo');
	await zone.press('ArrowDown');
	await sb.getByRole('option', { name: 'Asia/Tokyo' }).click();
	expect((await definition(sb)).wait).toEqual({ mode: 'until_time', time: '14:30', days: [1, 5], zone: 'Asia/Tokyo' });

	// Until a date field matches, 3 weeks before, at 08:00 in the contact's zone; only date fields are offered.
	await sb.getByLabel('Until a date field matches').check();
	const field = sb.getByLabel('Date field', { exact: true });
	await expect(field.locator('option', { hasText: 'Birthday' })).toHaveCount(1);
	await expect(field.locator('option', { hasText: 'City' })).toHaveCount(0);
	await field.selectOption({ label: 'Birthday — date' });
	await sb.getByLabel('When', { exact: true }).selectOption('before');
	await sb.getByLabel('Amount', { exact: true }).fill('3');
	await sb.getByLabel('Unit', { exact: true }).selectOption('weeks');
	await sb.getByLabel('At', { exact: true }).fill('08:00');
	expect((await definition(sb)).wait).toMatchObject({ mode: 'until_date_field', source: 'contact', field: 'birthday', when: 'before', amount: 3, unit: 'weeks', time: '08:00', zone: 'contact' });

	// Until conditions are met, with and without a time limit.
	await sb.getByLabel('Until conditions are met').check();
	await expect(sb.getByTestId('condition-reading')).toHaveText('In plain words: Contact has tag “customer”');
	await sb.getByLabel('Move on anyway after').uncheck();
	await expect(summary(sb)).toContainText('This conditional wait has no time limit');
	await sb.getByLabel('Move on anyway after').check();
	await unit('days').fill('3');
	expect((await definition(sb)).wait).toEqual({ mode: 'until_conditions', conditions: { all: [{ kind: 'tag', op: 'has', tag: 'customer' }] }, timeLimit: { days: 3 } });
	await expect(summary(sb)).toHaveText(/No problems/);
	await saveElement(sb, 'inspector-wait-conditions');
});

test('if/else: nested AND/OR groups over several families, read in plain words, keyboard included', async ({ page }) => {
	await openReference(page);
	const sb = await openSandbox(page, 'if_else');
	const reading = sb.getByTestId('condition-reading');
	await expect(reading).toHaveText('In plain words: Contact has tag “customer”');

	// A nested OR group: opened Welcome #1 at least twice in the last 7 days, or lives in Paris.
	await sb.getByRole('button', { name: 'Add group' }).click();
	const inner = sb.locator('.group[data-depth="1"]');
	await expect(inner).toHaveCount(1);
	await inner.getByLabel('Condition type').selectOption('action');
	await inner.getByLabel('Email', { exact: true }).selectOption('welcome-1');
	await inner.getByLabel('How many times').selectOption('gte');
	await inner.getByLabel('Number of times').fill('2');
	await inner.getByLabel('in the last').check();
	await inner.getByRole('spinbutton', { name: 'days', exact: true }).fill('7');
	await inner.getByRole('button', { name: 'Add condition' }).click();
	await inner.getByLabel('Condition type').last().selectOption('field');
	await inner.getByLabel('Field', { exact: true }).last().selectOption({ label: 'City — text' });
	await inner.getByLabel('Operator').last().selectOption('contains');
	await inner.getByLabel('Value', { exact: true }).last().fill('Paris');
	await expect(reading).toHaveText('In plain words: Contact has tag “customer” AND (opened “Welcome #1” at least 2 times in the last 7 days OR has City containing “Paris”)');

	// Keyboard only: a new tag typed in the tag box is created with Enter.
	const tag = sb.getByRole('combobox', { name: 'Tag' }).first();
	await tag.focus();
	await page.keyboard.press('Control+A');
	await page.keyboard.type('vip-2026');
	await page.keyboard.press('ArrowDown');
	await expect(sb.getByRole('option', { name: 'Create “vip-2026”' })).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(reading).toContainText('Contact has tag “vip-2026” AND (');

	expect((await definition(sb)).conditions).toEqual({
		all: [
			{ kind: 'tag', op: 'has', tag: 'vip-2026' },
			{
				any: [
					{ kind: 'action', action: 'opened', op: 'has', email: 'welcome-1', count: { op: 'gte', value: 2 }, within: { days: 7 } },
					{ kind: 'field', field: 'city', op: 'contains', value: 'Paris' }
				]
			}
		]
	});
	await saveElement(sb, 'inspector-if-else-nested');

	// Switch the top level to OR, group the first condition, then ungroup and remove the inner group.
	await sb.getByLabel('any of these (OR)').first().check();
	await expect(reading).toContainText('Contact has tag “vip-2026” OR (opened');
	await sb.getByRole('button', { name: 'Group', exact: true }).first().click();
	await expect(sb.locator('.group[data-depth="1"]')).toHaveCount(2);
	await sb.getByRole('button', { name: 'Ungroup' }).first().click();
	await expect(sb.locator('.group[data-depth="1"]')).toHaveCount(1);
	await sb.getByRole('button', { name: 'Remove group' }).click();
	await expect(reading).toHaveText('In plain words: Contact has tag “vip-2026”');
	await expect(summary(sb)).toHaveText(/No problems/);

	// A missing value is shown at the condition that lacks it.
	await sb.getByRole('button', { name: 'Add condition' }).first().click();
	await sb.getByLabel('Condition type').last().selectOption('site');
	await expect(summary(sb)).toContainText('This is required.');
	await sb.getByLabel('URL pattern').fill('example.com/pricing*');
	await expect(summary(sb)).toHaveText(/No problems/);
	await expect(reading).toContainText('OR visited “example.com/pricing*”');
});

test('split: percentages must add up to 100, with a live total; test mode picks a winner', async ({ page }) => {
	await openReference(page);
	const sb = await openSandbox(page, 'split');
	await sb.getByRole('radio', { name: /^By percentages/ }).check();
	const total = sb.getByTestId('split-total');
	await expect(total).toHaveText('Total: 100%');
	await sb.getByRole('button', { name: 'Add a path' }).click();
	await sb.getByLabel('Share of path A (%)').fill('50');
	await sb.getByLabel('Share of path B (%)').fill('30');
	await sb.getByLabel('Share of path C (%)').fill('10');
	await expect(total).toHaveText('Total: 90% — must be 100%');
	await expect(summary(sb)).toContainText('Path percentages add up to 90%, not 100%.');
	await expect(sb.getByLabel('Share of path B (%)')).toHaveAttribute('aria-invalid', 'true');
	await saveElement(sb, 'inspector-split-90');
	await sb.getByLabel('Share of path C (%)').fill('20');
	await expect(total).toHaveText('Total: 100%');
	await expect(summary(sb)).toHaveText(/No problems/);
	await sb.getByLabel('Label of path C').fill('Discount');
	expect((await definition(sb)).paths).toEqual([
		{ label: 'A', percent: 50 },
		{ label: 'B', percent: 30 },
		{ label: 'Discount', percent: 20 }
	]);

	// A split test: winners are contacts who clicked; decide on a date.
	await sb.getByRole('radio', { name: /^Split test with a winner/ }).check();
	await expect(sb.getByText('A contact counts as a win when')).toBeVisible();
	await sb.getByLabel('On a date').check();
	await sb.getByLabel('Date', { exact: true }).fill('2027-01-15');
	const def = await definition(sb);
	expect(def.mode).toBe('test');
	expect(def.winner).toEqual({ conditions: { all: [{ kind: 'action', action: 'clicked', op: 'has' }] }, decide: { kind: 'date', at: '2027-01-15' } });

	// "All on A until…" keeps exactly two paths.
	await sb.getByRole('radio', { name: /^All on path A until…, then B/ }).check();
	await expect(sb.getByRole('button', { name: 'Add a path' })).toBeDisabled();
	expect((await definition(sb)).paths).toHaveLength(2);
});

test('send an email: A/B variants, winner by clicks after a test period', async ({ page }) => {
	await openReference(page);
	const sb = await openSandbox(page, 'email.send');
	await expect(sb.getByText('Subject: Welcome to Maison Torréfaction, %FIRSTNAME%!')).toBeVisible();
	await sb.getByLabel('Test other versions of this email').check();
	await sb.getByLabel('Variant B', { exact: true }).selectOption('welcome-reminder');
	for (const [letter, id] of [['C', 'welcome-2'], ['D', 'welcome-offer'], ['E', 'we-miss-you']]) {
		await sb.getByRole('button', { name: 'Add a variant' }).click();
		await sb.getByLabel(`Variant ${letter}`, { exact: true }).selectOption(id);
	}
	await expect(sb.getByRole('button', { name: 'Add a variant' })).toBeDisabled();
	await expect(sb.getByText('Up to 5 variants in all.')).toBeVisible();
	await sb.getByLabel('Clicks').check();
	await sb.getByRole('spinbutton', { name: 'days', exact: true }).fill('2');
	await expect(summary(sb)).toHaveText(/No problems/);
	await saveElement(sb, 'inspector-email-ab');
	expect((await definition(sb)).abTest).toEqual({ variants: ['welcome-reminder', 'welcome-2', 'welcome-offer', 'we-miss-you'], winnerBy: 'clicks', decideAfter: { days: 2 } });

	// A zero test period is refused; removing a variant re-enables adding one.
	await sb.getByRole('spinbutton', { name: 'days', exact: true }).fill('');
	await expect(summary(sb)).toContainText('The A/B test needs a test period before picking the winner.');
	await sb.getByRole('button', { name: 'Remove variant E' }).click();
	await expect(sb.getByRole('button', { name: 'Add a variant' })).toBeEnabled();
});

test('send an SMS: personalization picker on "%", live part count and encoding', async ({ page }) => {
	await openReference(page);
	const sb = await openSandbox(page, 'sms.send');
	const message = sb.getByLabel('Message', { exact: true });
	await message.fill('');
	await expect(sb.getByTestId('sms-segments')).toHaveText('Empty');
	await expect(summary(sb)).toContainText('This is required.');
	await message.pressSequentially('Hi %fir');
	const menu = sb.getByRole('listbox', { name: 'Personalization tags' });
	await expect(menu).toBeVisible();
	await expect(menu.getByRole('option').first()).toContainText('%FIRSTNAME%');
	await message.press('Enter');
	await expect(menu).toHaveCount(0);
	await message.pressSequentially(', your beans are roasted.');
	await expect(message).toHaveValue('Hi %FIRSTNAME%, your beans are roasted.');
	await expect(sb.getByTestId('sms-segments')).toHaveText('1 SMS');
	await expect(sb.getByTestId('sms-encoding')).toHaveText('GSM-7');

	// Past 160 characters the message is sent in parts of 153.
	await message.fill('x'.repeat(161));
	await expect(sb.getByTestId('sms-segments')).toHaveText('2 SMS parts');
	// A character outside GSM-7 switches to UCS-2 (70 per part, 67 when split).
	await message.fill('Café ☕ ' + 'y'.repeat(70));
	await expect(sb.getByTestId('sms-encoding')).toHaveText('UCS-2');
	await expect(sb.getByTestId('sms-segments')).toHaveText('2 SMS parts');

	// Unknown tags are flagged; the % button opens the list at the caret.
	await message.fill('Hello %SHOE_SIZE% ');
	await expect(sb.getByText('Unknown tag %SHOE_SIZE%: it will be empty.')).toBeVisible();
	await sb.getByRole('button', { name: 'Insert a personalization tag (or type %)' }).click();
	await expect(menu).toBeVisible();
	await menu.getByRole('option', { name: /%CITY%/ }).click();
	await expect(message).toHaveValue('Hello %SHOE_SIZE% %CITY%');
	expect((await definition(sb)).message).toBe('Hello %SHOE_SIZE% %CITY%');
	await saveElement(sb, 'inspector-sms');
});
