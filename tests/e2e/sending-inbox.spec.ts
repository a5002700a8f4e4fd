// The simulation inbox and the workshop participant view, as a participant uses them: run the demo
// a little, open the inbox, play one contact, open and click an email, and see it recorded.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { fastForwardDays, openShell } from './support/shell';

test.use({
	timezoneId: 'UTC',
	locale: 'en-US',
	viewport: { width: 1280, height: 720 },
	// Chromium sometimes reports its own sandbox refusing to run script in the email frame (the
	// frame has no allow-scripts, by design; asserted below): that report is the sandbox working.
	allowedConsoleErrors: [/Blocked script execution in 'about:srcdoc'/]
});

test('a participant plays a contact of the demo: opens and clicks an email, and it is recorded on the contact', async ({ page }) => {
	test.setTimeout(120_000);
	await openShell(page);
	await fastForwardDays(page, 7);

	// The inbox holds what every contact received; emails render in a sandboxed frame.
	await page.getByRole('link', { name: 'Inbox', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
	await page.getByTestId('inbox-kind').selectOption({ label: 'Email' });
	const first = page.getByTestId('inbox-item').first();
	await expect(first).toBeVisible();
	await first.click();
	const frame = page.getByTestId('email-frame');
	await expect(frame).toBeVisible();
	await expect(frame).toHaveAttribute('sandbox', '');
	expect(await frame.getAttribute('src')).toBeNull();
	// Sanitised, with a policy that loads nothing from the network (never query inside the frame:
	// it runs no script, not even a test's).
	const srcdoc = (await frame.getAttribute('srcdoc'))!;
	expect(srcdoc).toContain(`Content-Security-Policy" content="default-src 'none'`);
	expect(srcdoc).toContain('Maison Torréfaction');
	expect(srcdoc).not.toMatch(/<script/i);
	await saveScreen(page, 'sending-inbox');

	// Delivery log: every message with its status.
	await page.getByRole('tab', { name: 'Delivery log' }).click();
	await expect(page.getByTestId('outbox-row').first()).toBeVisible();
	await expect(page.getByTestId('outbox-row').first()).toHaveAttribute('data-status', 'delivered');
	await saveScreen(page, 'sending-delivery-log');

	// Participant view: play a contact who received a welcome email.
	await page.getByRole('tab', { name: 'Inbox' }).click();
	await page.getByPlaceholder('Search subject, address or contact').fill('Welcome to Maison');
	await page.getByTestId('inbox-item').first().click();
	await page.getByRole('link', { name: 'Play as this contact' }).click();

	await expect(page.getByTestId('playing-as')).toBeVisible();
	const who = (await page.getByTestId('playing-as').textContent())!.trim();
	const welcome = page.getByTestId('inbox-item').filter({ hasText: 'Welcome to Maison Torréfaction' }).first();
	await expect(welcome).toBeVisible();
	await welcome.click();
	// Opening it records the open on the contact.
	await expect(page.getByTestId('reader-notice')).toHaveText('Open recorded on the contact.');
	await expect(page.getByTestId('opened-badge')).toBeVisible();
	await expect(page.getByTestId('activity')).toContainText('Opened email “Welcome to Maison Torréfaction');
	// Links are listed beside the frame; clicking one records the click.
	await expect(page.getByTestId('email-link').first()).toHaveAttribute('data-href', 'https://maison-torrefaction.example/shop');
	await page.getByRole('button', { name: 'Click link 1' }).click();
	await expect(page.getByTestId('reader-notice')).toContainText('Click on https://maison-torrefaction.example/shop recorded');
	await expect(page.getByTestId('activity')).toContainText('Clicked https://maison-torrefaction.example/shop in “Welcome to Maison Torréfaction');
	await saveScreen(page, 'sending-play');

	// It is on the contact for good: reload and find it again.
	await page.reload();
	await expect(page.getByTestId('playing-as')).toHaveText(who);
	await expect(page.getByTestId('activity')).toContainText('Clicked https://maison-torrefaction.example/shop in “Welcome to Maison Torréfaction');
	await expect(page.getByTestId('inbox-item').filter({ hasText: 'Welcome to Maison Torréfaction' }).first()).toContainText('Clicked');

	// Anyone else can be picked from the participant view.
	await page.getByRole('link', { name: 'Play someone else' }).click();
	await expect(page.getByRole('heading', { name: 'Who do you play?' })).toBeVisible();
	await page.getByTestId('play-search').fill(who.split(' ')[0]);
	await expect(page.getByTestId('play-contact').first()).toContainText(who.split(' ')[0]);
	await saveScreen(page, 'sending-play-picker');
});
