// A marketer connects a live workspace to the reference relay (forwarding into a real SMTP server)
// and to a webhook receiver, all started by this test on loopback: validation errors, send test,
// signed webhooks, and secrets protected by a passphrase.
import { test, expect } from './support/fixtures';
import { saveScreen } from './support/app';
import { openShell } from './support/shell';
import { startSmtpSink, type SmtpSink } from '../servers/smtp-sink';
import { startRelay, type RelayProcess } from '../servers/relay-process';
import { startWebhookReceiver, type WebhookReceiver } from '../servers/webhook-receiver';
import { PORTS } from '../servers/ports';

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 720 } });

const P = PORTS.e2eChannels;
const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT || 4317}`;
let sink: SmtpSink;
let relay: RelayProcess;
let rx: WebhookReceiver;

test.beforeAll(async () => {
	sink = await startSmtpSink(P);
	relay = await startRelay({ port: P + 1, smtp: sink.url, origins: ORIGIN });
	rx = await startWebhookReceiver(P + 2, null);
});
test.afterAll(async () => {
	await relay?.stop();
	await sink?.close();
	await rx?.close();
});

test('a live workspace: set up the mail relay and webhooks, send tests, protect the secrets', async ({ page }) => {
	test.setTimeout(120_000);
	await openShell(page);
	await page.getByTestId('workspace-switcher').selectOption({ label: 'My workspace' });
	await expect(page.getByRole('link', { name: 'Outbox', exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'Outbox', exact: true }).click();
	await expect(page.getByText('Nothing sent yet.')).toBeVisible();
	await page.getByRole('link', { name: 'Channels & sending rules' }).click();
	await expect(page.getByRole('heading', { name: 'Channels', level: 1 })).toBeVisible();
	await expect(page.getByTestId('channel-state-mail')).toHaveText('Not set up');
	await saveScreen(page, 'sending-channels');

	// Email: clear errors first, then a working relay.
	await page.getByTestId('open-channel-mail').click();
	await page.getByLabel('Relay URL').fill('relay.example.com');
	await page.getByTestId('save-channel').click();
	await expect(page.getByTestId('save-status')).toHaveText('Fix 3 problems to save.');
	await expect(page.locator('[data-field="relayUrl"]')).toHaveText('Not a valid URL.');
	await expect(page.locator('[data-field="relayToken"]')).toHaveText('Required.');
	await expect(page.locator('[data-field="fromAddress"]')).toHaveText('Required.');
	await expect(page.getByLabel('Relay URL')).toHaveAttribute('aria-invalid', 'true');
	await saveScreen(page, 'sending-channel-errors');
	await page.getByLabel('Relay URL').fill(relay.url);
	await page.getByLabel('Relay token').fill(relay.token);
	await page.getByLabel('Default sender address').fill('hello@shop.example');
	await page.getByLabel('Default sender name').fill('The Shop');
	await page.getByTestId('save-channel').click();
	await expect(page.getByTestId('save-status')).toHaveText('Saved.');
	await expect(page.getByText('Stored, encrypted')).toBeVisible();
	await page.getByLabel('Send to').fill('anna@example.com');
	await page.getByTestId('send-test').click();
	await expect(page.getByTestId('test-result')).toContainText('Test sent.');
	expect(sink.mails).toHaveLength(1);
	expect(sink.mails[0].to).toEqual(['anna@example.com']);
	expect(sink.mails[0].subject).toBe('Journey Studio test: My workspace');
	expect(sink.mails[0].headers.from).toBe('The Shop <hello@shop.example>');
	await saveScreen(page, 'sending-channel-mail');

	// A wrong token is reported clearly.
	await page.getByRole('button', { name: 'Replace' }).click();
	await page.getByLabel('Relay token').fill('not-the-token');
	await page.getByTestId('save-channel').click();
	await expect(page.getByTestId('save-status')).toHaveText('Saved.');
	await page.getByTestId('send-test').click();
	await expect(page.getByTestId('test-result')).toContainText('The relay refused the token.');
	await page.getByRole('button', { name: 'Replace' }).click();
	await page.getByLabel('Relay token').fill(relay.token);
	await page.getByTestId('save-channel').click();
	await expect(page.getByTestId('save-status')).toHaveText('Saved.');

	// Webhooks: a generated Standard Webhooks secret, checked by the receiver.
	await page.getByRole('link', { name: '← Channels' }).click();
	await page.getByTestId('open-channel-webhooks').click();
	await page.getByRole('button', { name: 'Generate' }).click();
	const secret = await page.getByLabel('Signing secret').inputValue();
	expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
	rx.secret = secret;
	await page.getByLabel('Delivery').selectOption({ label: 'Always direct' });
	await page.getByTestId('save-channel').click();
	await expect(page.getByTestId('save-status')).toHaveText('Saved.');
	await page.getByLabel('URL').fill(rx.url);
	await page.getByTestId('send-test').click();
	await expect(page.getByTestId('test-result')).toContainText('Test sent.');
	expect(rx.applied.size).toBe(1);
	expect(rx.badSignatures).toBe(0);
	await saveScreen(page, 'sending-channel-webhooks');

	// Secrets: protect them with a passphrase, lock, unlock.
	await page.getByRole('link', { name: '← Channels' }).click();
	const vault = page.getByTestId('vault');
	await expect(vault).toContainText('encrypted (AES-GCM) with a key that this browser keeps');
	await vault.getByRole('button', { name: 'Protect with a passphrase' }).click();
	await vault.getByLabel('New passphrase').fill('espresso before noon');
	await vault.getByLabel('Confirm the passphrase').fill('espresso before noon');
	await vault.getByRole('button', { name: 'Protect with this passphrase' }).click();
	await expect(vault).toContainText('Secrets are now protected by your passphrase.');
	await vault.getByRole('button', { name: 'Lock now' }).click();
	await expect(page.getByText('Secrets are locked: nothing that needs a token is sent')).toBeVisible();
	await vault.getByLabel('Passphrase').fill('wrong guess');
	await vault.getByRole('button', { name: 'Unlock' }).click();
	await expect(vault.getByRole('alert')).toHaveText('Wrong passphrase.');
	await vault.getByLabel('Passphrase').fill('espresso before noon');
	await vault.getByRole('button', { name: 'Unlock' }).click();
	await expect(vault).toContainText('Unlocked');
	await expect(page.getByTestId('channel-state-mail')).toHaveText('Connected');
	await expect(page.getByTestId('channel-state-webhooks')).toHaveText('Connected');
	await saveScreen(page, 'sending-channels-connected');

	// The same page in French.
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel(/Language|Langue/).selectOption('fr');
	await page.getByRole('link', { name: 'Boîte d’envoi' }).click();
	await page.getByRole('link', { name: 'Canaux et règles d’envoi' }).click();
	await expect(page.getByRole('heading', { name: 'Canaux', level: 1 })).toBeVisible();
	await expect(page.getByTestId('channel-state-mail')).toHaveText('Connecté');
	await saveScreen(page, 'sending-channels-fr');
});
