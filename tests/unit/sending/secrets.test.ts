/**
 * Secrets are encrypted at rest (AES-GCM under a non-extractable device key or a PBKDF2 key from a
 * passphrase), kept out of the workspace database, and therefore out of backups and exports; a
 * locked vault holds messages back until the passphrase is entered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Vault, VaultLockedError } from '../../../src/lib/worker/secrets/vault';
import { sendingHandlers as H } from '../../../src/lib/worker/handlers/sending';
import { coreHandlers } from '../../../src/lib/worker/handlers/core';
import { DEFAULTS } from '../../../src/lib/connectors/channels';
import { startWebhookReceiver, type WebhookReceiver } from '../../servers/webhook-receiver';
import { PORTS } from '../../servers/ports';
import type { WorkspaceRuntime } from '../../../src/lib/worker/runtime';
import { ctxOf, freshIdb, liveEntry, runtime, until, workspace } from './helpers';

const TOKEN = 'relay-token-5f2c9e1d-SUPER-SECRET';
const PASS = 'correct horse battery staple';

function contains(hay: ArrayBuffer | Uint8Array, needle: string): boolean {
	const h = hay instanceof Uint8Array ? hay : new Uint8Array(hay);
	const n = new TextEncoder().encode(needle);
	outer: for (let i = 0; i + n.length <= h.length; i++) {
		for (let j = 0; j < n.length; j++) if (h[i + j] !== n[j]) continue outer;
		return true;
	}
	return false;
}

let rx: WebhookReceiver | null = null;
let rt: WorkspaceRuntime | null = null;
afterEach(async () => {
	await rt?.stop().catch(() => {});
	await rx?.close();
	rt = null;
	rx = null;
});

describe('secrets vault', () => {
	it('device key: non-extractable, values encrypted at rest, readable after a restart', async () => {
		const idb = freshIdb();
		const v = new Vault(idb, 1000);
		expect((await v.status('w1')).mode).toBe('none');
		await v.put('w1', 'mail.relayToken', TOKEN);
		const st = await v.status('w1');
		expect(st).toEqual({ mode: 'device', locked: false, names: ['mail.relayToken'] });
		const keyRow = (await v.db.keys.get('vault'))!;
		expect(keyRow.mode).toBe('device');
		if (keyRow.mode === 'device') {
			expect(keyRow.key.extractable).toBe(false);
			await expect(crypto.subtle.exportKey('raw', keyRow.key)).rejects.toThrow();
		}
		const row = (await v.db.secrets.get('w1/mail.relayToken'))!;
		expect(contains(row.data, TOKEN)).toBe(false);
		expect(row.iv.length).toBe(12);
		const again = new Vault(idb, 1000);
		expect(await again.get('w1', 'mail.relayToken')).toBe(TOKEN);
		expect(await again.get('w2', 'mail.relayToken')).toBeNull();
	});

	it('passphrase: locked until unlocked with the right passphrase; switching re-encrypts everything', async () => {
		const idb = freshIdb();
		const v = new Vault(idb, 1000);
		await v.put('w1', 'mail.relayToken', TOKEN);
		await v.put('w1', 'webhooks.signingSecret', 'whsec_abc');
		const before = (await v.db.secrets.get('w1/mail.relayToken'))!;
		await v.setMode('passphrase', PASS);
		const after = (await v.db.secrets.get('w1/mail.relayToken'))!;
		expect(new Uint8Array(after.data)).not.toEqual(new Uint8Array(before.data));
		const keyRow = (await v.db.keys.get('vault'))!;
		expect(keyRow.mode).toBe('passphrase');
		expect('key' in keyRow).toBe(false);

		const fresh = new Vault(idb, 1000);
		expect((await fresh.status('w1')).locked).toBe(true);
		await expect(fresh.get('w1', 'mail.relayToken')).rejects.toBeInstanceOf(VaultLockedError);
		expect(await fresh.unlock('wrong passphrase')).toBe(false);
		expect(await fresh.unlock(PASS)).toBe(true);
		expect(await fresh.get('w1', 'webhooks.signingSecret')).toBe('whsec_abc');
		fresh.lock();
		await expect(fresh.get('w1', 'mail.relayToken')).rejects.toBeInstanceOf(VaultLockedError);
		expect(await fresh.unlock(PASS)).toBe(true);
		await fresh.setMode('device');
		expect(await new Vault(idb, 1000).get('w1', 'mail.relayToken')).toBe(TOKEN);
		await expect(fresh.setMode('passphrase', 'short')).rejects.toThrow(/8 characters/);
	});

	it('never in the workspace database, its backups or its exports', async () => {
		const idb = freshIdb();
		rt = runtime(idb, liveEntry('live-secrets'));
		await rt.init(workspace({ n: 2 }), { seed: 1, start: Date.now() });
		const c = ctxOf(rt);
		expect((await H.saveChannel(c, 'mail', { ...DEFAULTS.mail, relayUrl: 'https://relay.example.com', fromAddress: 'shop@example.com' }, { relayToken: TOKEN })).ok).toBe(true);
		expect((await H.saveChannel(c, 'webhooks', { ...DEFAULTS.webhooks }, { signingSecret: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTEyMzQ1Njc4' })).ok).toBe(true);
		const overview = await H.sendingOverview(c);
		expect(overview.secrets.mail).toEqual(['relayToken']);
		expect(JSON.stringify(overview)).not.toContain(TOKEN);
		await rt.apply({ type: 'contacts.added', automation: 'mail', contacts: ['c0'] });
		const backup = await coreHandlers.backup(c);
		const exported = JSON.stringify(coreHandlers.exportWorkspace(c));
		for (const text of [backup, exported]) {
			expect(text).not.toContain(TOKEN);
			expect(text).not.toContain('whsec_c2VjcmV0');
		}
		// Every table of the workspace database, raw.
		await rt.commit(true);
		for (const table of rt.db.tables) {
			const rows = await table.toArray();
			const text = JSON.stringify(rows, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));
			expect(text, table.name).not.toContain(TOKEN);
			expect(text, table.name).not.toContain('SUPER-SECRET');
		}
	});

	it('a locked vault holds live messages back until the passphrase is entered', async () => {
		rx = await startWebhookReceiver(PORTS.secrets, 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTEyMzQ1Njc4');
		const idb = freshIdb();
		rt = runtime(idb, liveEntry('live-locked'));
		await rt.init(workspace({ n: 1, hook: rx.url }), { seed: 1, start: Date.now() });
		rt.start();
		const c = ctxOf(rt);
		await H.saveChannel(c, 'webhooks', { ...DEFAULTS.webhooks, delivery: 'direct' }, { signingSecret: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTEyMzQ1Njc4' });
		expect(await H.setSecretsMode(c, 'passphrase', PASS)).toEqual({ ok: true });
		await H.lockSecrets(c);
		await rt.apply({ type: 'contacts.added', automation: 'hook', contacts: ['c0'] });
		const m = rt.messages[0];
		await new Promise((r) => setTimeout(r, 150));
		expect(m.status).toBe('queued');
		expect(H.outbox(c, { offset: 0, limit: 5 }).rows[0].waiting).toBe('locked');
		expect(await H.unlockSecrets(c, 'nope nope nope')).toBe(false);
		expect(await H.unlockSecrets(c, PASS)).toBe(true);
		await until(() => m.status === 'sent', 5000, 'sent after unlock');
		expect(rx.badSignatures).toBe(0);
	});
});
