/** The connector context of one attempt: settings, decrypted secrets, the relay, unsubscribe links. */
import { channelOf, withDefaults, type ChannelId, type SendingSettings, type MailSettings } from '../../connectors/channels';
import type { DeliverCtx, RelayTarget } from '../../connectors/types';
import { makeUnsubscribeToken } from '../../connectors/unsubscribe';
import { fromBase64, randomBytes, toBase64 } from '../../connectors/crypto';
import { joinUrl } from '../../connectors/http';
import type { Vault } from '../secrets/vault';
import type { OutboxState } from './settings';

/** Vault name of a channel secret. */
export function secretName(channel: ChannelId, field: string): string {
	return `${channel}.${field}`;
}

/** Vault name of the key that signs unsubscribe tokens (not a user-entered secret). */
const UNSUBSCRIBE_KEY = 'internal.unsubscribeKey';

/** The workspace's unsubscribe signing key (created on first use). */
export async function unsubscribeKey(vault: Vault, workspace: string): Promise<Uint8Array> {
	let v = await vault.get(workspace, UNSUBSCRIBE_KEY);
	if (!v) {
		v = toBase64(randomBytes(32));
		await vault.put(workspace, UNSUBSCRIBE_KEY, v);
	}
	return fromBase64(v);
}

/** The mail relay (URL and token) when the mail channel is set up. */
export async function relayOf(vault: Vault, workspace: string, settings: SendingSettings): Promise<RelayTarget | null> {
	const mail = settings.channels.mail;
	if (!mail?.relayUrl) return null;
	const token = await vault.get(workspace, secretName('mail', 'relayToken'));
	return token ? { url: mail.relayUrl, token } : null;
}

export interface ContextDeps {
	vault: Vault;
	/** Decrypted secrets of a channel (may be cached by the caller). */
	secretsOf?(channel: ChannelId): Promise<Record<string, string>>;
	workspace: string;
	settings: SendingSettings;
	state: OutboxState;
	saveState(): void;
	fetch: typeof fetch;
	wallNow(): number;
}

/** The context to deliver on `channel`; `guard` runs right before every request leaves. */
export async function contextFor(channel: ChannelId, d: ContextDeps, guard?: () => void): Promise<DeliverCtx> {
	const settings = withDefaults(channel, d.settings.channels[channel] as never);
	const secrets = await (d.secretsOf ? d.secretsOf(channel) : d.vault.getAll(d.workspace, `${channel}.`));
	const relay = await relayOf(d.vault, d.workspace, d.settings);
	const fetchImpl = d.fetch;
	const guarded: typeof fetch = (input, init) => {
		guard?.();
		return fetchImpl(input, init);
	};
	const ctx: DeliverCtx = {
		settings,
		secrets,
		relay,
		http: { timeoutMs: Math.round(settings.timeoutSec * 1000), fetch: guarded, wallNow: d.wallNow },
		state: d.state,
		saveState: d.saveState
	};
	if (channel === 'mail') {
		const mail = settings as MailSettings;
		ctx.unsubscribe = async (contact, email) => {
			if (mail.unsubscribe === 'mailto') return { url: null, mailto: mail.unsubscribeMailto.trim() || null };
			const token = await makeUnsubscribeToken(await unsubscribeKey(d.vault, d.workspace), { w: d.workspace, c: contact, e: email });
			if (mail.unsubscribe === 'url')
				return {
					url: mail.unsubscribeUrl.replaceAll('{token}', encodeURIComponent(token)).replaceAll('{email}', encodeURIComponent(email)).replaceAll('{contact}', encodeURIComponent(contact)),
					mailto: null
				};
			return { url: joinUrl(mail.relayUrl, `/u/${token}`), mailto: null };
		};
	}
	return ctx;
}

export { channelOf };
