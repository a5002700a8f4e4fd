/**
 * Sending: channel settings (secrets go to the vault), "send test", the secrets vault, the outbox
 * (retry, drop, online state), the simulation inbox and the participant's actions on it.
 */
import type { HandlerCtx } from './context';
import type { ApplyResult } from '../../engine/engine';
import type { MessageRecord } from '../../db/records';
import {
	CHANNELS,
	SECRETS,
	isWarning,
	validateChannel,
	validatePolicy,
	withDefaults,
	type ChannelId,
	type SendingPolicy,
	type SendingSettings,
	type SettingProblem,
	type SettingsOf
} from '../../connectors/channels';
import { testChannel, type TestInput, type TestResult } from '../../connectors';
import { contextFor, secretName } from '../outbox/context';
import { inboxPage, outboxPage, outboxRow, type InboxQuery, type OutboxQuery } from '../outbox/views';
import { answers } from '../reactors/answers';

/** What the channels page needs. */
export interface SendingOverview {
	simulation: boolean;
	settings: SendingSettings;
	/** Which secrets are stored, per channel. */
	secrets: Record<ChannelId, string[]>;
	vault: { mode: 'none' | 'device' | 'passphrase'; locked: boolean };
	/** Webhook origins sent through the relay after refusing a direct call. */
	corsBlocked: string[];
	unsubscribeError: string | null;
}

function secure(): boolean {
	return (globalThis as { location?: { protocol?: string } }).location?.protocol === 'https:';
}

async function storedSecrets({ rt }: HandlerCtx): Promise<Record<ChannelId, string[]>> {
	const st = await rt.outbox.vault.status(rt.entry.id);
	const out = Object.fromEntries(CHANNELS.map((c) => [c, [] as string[]])) as Record<ChannelId, string[]>;
	for (const n of st.names) {
		const [ch, field] = n.split('.', 2);
		if ((CHANNELS as readonly string[]).includes(ch)) out[ch as ChannelId].push(field);
	}
	return out;
}

function message(ctx: HandlerCtx, seq: number): MessageRecord {
	const m = ctx.rt.messages[seq];
	if (!m) throw new Error(`Message ${seq} does not exist; refresh the page.`);
	return m;
}

export const sendingHandlers = {
	async sendingOverview(ctx: HandlerCtx): Promise<SendingOverview> {
		const o = ctx.rt.outbox;
		const v = await o.vault.status(ctx.rt.entry.id);
		return {
			simulation: ctx.rt.entry.kind === 'simulation',
			settings: structuredClone(o.settings),
			secrets: await storedSecrets(ctx),
			vault: { mode: v.mode, locked: v.locked },
			corsBlocked: [...o.state.corsBlocked],
			unsubscribeError: o.unsubscribeError
		};
	},

	/**
	 * Saves a channel's settings and secrets (a secret given as "" or null is deleted; omitted ones
	 * are kept). Returns the problems; nothing is saved when one of them blocks.
	 */
	async saveChannel<K extends ChannelId>(ctx: HandlerCtx, channel: K, settings: SettingsOf[K], secrets: Record<string, string | null> = {}): Promise<{ ok: boolean; problems: SettingProblem[] }> {
		if (!CHANNELS.includes(channel)) throw new Error(`Unknown channel "${channel}".`);
		const o = ctx.rt.outbox;
		const s = withDefaults(channel, settings);
		const stored = new Set((await storedSecrets(ctx))[channel]);
		const allowed = new Set(SECRETS[channel].map((x) => x.name));
		for (const [k, v] of Object.entries(secrets)) {
			if (!allowed.has(k)) throw new Error(`"${k}" is not a secret of the ${channel} channel.`);
			if (v) stored.add(k);
			else if (v !== undefined) stored.delete(k);
		}
		const relayReady = channel === 'mail' ? !!(s as SettingsOf['mail']).relayUrl : !!o.settings.channels.mail?.relayUrl;
		const problems = validateChannel(channel, s, { secrets: stored, relayReady, secureApp: secure() });
		if (problems.some((p) => !isWarning(p))) return { ok: false, problems };
		for (const [k, v] of Object.entries(secrets)) if (v !== undefined) await o.vault.put(ctx.rt.entry.id, secretName(channel, k), v ? v.trim() : null);
		const next = structuredClone(o.settings);
		if (channel === 'webhooks') (s as SettingsOf['webhooks']).disabled = o.settings.channels.webhooks?.disabled ?? [];
		(next.channels as Record<string, unknown>)[channel] = s;
		await o.saveSettings(next);
		await o.secretsChanged();
		return { ok: true, problems };
	},

	/** Removes a channel and its secrets. */
	async removeChannel(ctx: HandlerCtx, channel: ChannelId): Promise<void> {
		const o = ctx.rt.outbox;
		for (const s of SECRETS[channel]) await o.vault.put(ctx.rt.entry.id, secretName(channel, s.name), null);
		const next = structuredClone(o.settings);
		delete next.channels[channel];
		await o.saveSettings(next);
	},

	async savePolicy(ctx: HandlerCtx, policy: SendingPolicy): Promise<{ ok: boolean; problems: SettingProblem[] }> {
		const problems = validatePolicy(policy);
		if (problems.length) return { ok: false, problems };
		const o = ctx.rt.outbox;
		await o.saveSettings({ ...structuredClone(o.settings), policy: structuredClone(policy) });
		return { ok: true, problems };
	},

	/** Sends a test through a saved channel now (outside the outbox). */
	async testChannel(ctx: HandlerCtx, channel: ChannelId, input: TestInput): Promise<TestResult> {
		const o = ctx.rt.outbox;
		if (!o.settings.channels[channel]) return { ok: false, code: 'not_configured', detail: '' };
		if (!(await o.vault.unlocked())) return { ok: false, code: 'locked', detail: '' };
		const c = await contextFor(channel, o.contextDeps());
		return testChannel(channel, c, input, `${ctx.rt.entry.id}/test-${ctx.wallNow()}`, ctx.rt.entry.name);
	},

	/** Re-enables a webhook endpoint disabled after a 410 (its waiting messages leave again). */
	async enableEndpoint(ctx: HandlerCtx, endpoint: string): Promise<void> {
		const o = ctx.rt.outbox;
		const next = structuredClone(o.settings);
		const w = next.channels.webhooks;
		if (w) w.disabled = w.disabled.filter((e) => e !== endpoint);
		await o.saveSettings(next);
	},

	/** Tries direct delivery again for webhook origins that refused it once. */
	async resetRelayedOrigins(ctx: HandlerCtx): Promise<void> {
		ctx.rt.outbox.state.corsBlocked = [];
		ctx.rt.outbox.contextDeps().saveState();
	},

	// ------------------------------------------------------------------ vault

	async unlockSecrets(ctx: HandlerCtx, passphrase: string): Promise<boolean> {
		const ok = await ctx.rt.outbox.vault.unlock(passphrase);
		if (ok) await ctx.rt.outbox.secretsChanged();
		return ok;
	},

	async lockSecrets(ctx: HandlerCtx): Promise<void> {
		ctx.rt.outbox.vault.lock();
		await ctx.rt.outbox.secretsChanged();
	},

	/** Switches the vault to a device key or a passphrase (re-encrypting every secret). */
	async setSecretsMode(ctx: HandlerCtx, mode: 'device' | 'passphrase', passphrase?: string): Promise<{ ok: boolean; error?: string }> {
		try {
			await ctx.rt.outbox.vault.setMode(mode, passphrase);
			await ctx.rt.outbox.secretsChanged();
			return { ok: true };
		} catch (err) {
			return { ok: false, error: err instanceof Error ? err.message : String(err) };
		}
	},

	// ------------------------------------------------------------------ outbox

	outbox: ({ rt }: HandlerCtx, q: OutboxQuery) => outboxPage(rt.messages, rt.engine, rt.outbox, q, rt.entry.kind === 'live'),

	/** Everything about one message (payload, attempts, the simulated AI answer). */
	outboxMessage(ctx: HandlerCtx, seq: number) {
		const { rt } = ctx;
		const m = message(ctx, seq);
		let answer: { at: number; value: string } | null = null;
		if (m.route === 'inbox' && m.awaitUntil !== null) {
			const r = answers.react(m, rt)[0];
			const inp = r?.input as { value?: string; error?: string } | undefined;
			if (r) answer = { at: r.at, value: String(inp?.value ?? inp?.error ?? '') };
		}
		return { row: outboxRow(m, rt.engine, rt.outbox), message: structuredClone(m), idempotencyKey: rt.outbox.keyOf(m), answer };
	},

	async retryMessage(ctx: HandlerCtx, seq: number): Promise<boolean> {
		const ok = ctx.rt.outbox.retry(seq);
		await ctx.rt.commit(false);
		return ok;
	},

	async dropMessage(ctx: HandlerCtx, seq: number): Promise<boolean> {
		const ok = ctx.rt.outbox.drop(seq);
		await ctx.rt.outbox.flush();
		return ok;
	},

	/** Retries or drops every dead message (of a channel when given). */
	async bulkDead(ctx: HandlerCtx, action: 'retry' | 'drop', channel?: ChannelId): Promise<number> {
		const o = ctx.rt.outbox;
		let n = 0;
		for (const m of ctx.rt.messages) {
			if (m.status !== 'dead') continue;
			if (channel && outboxRow(m, ctx.rt.engine, o).channel !== channel) continue;
			if (action === 'retry' ? o.retry(m.seq) : o.drop(m.seq)) n++;
		}
		await o.flush();
		return n;
	},

	/** The page's view of the network (navigator.onLine and its events). */
	setOnline(ctx: HandlerCtx, online: boolean): void {
		ctx.rt.outbox.setOnline(online);
	},

	/** Collects one-click unsubscribes from the relay now. */
	collectUnsubscribes: (ctx: HandlerCtx) => ctx.rt.outbox.collectUnsubscribes(),

	// ------------------------------------------------------------------ simulation inbox

	inbox: ({ rt }: HandlerCtx, q: InboxQuery) => inboxPage(rt.messages, rt.engine, q),

	/** A participant answers an SMS (a STOP reply opts the number out). */
	async replySms(ctx: HandlerCtx, seq: number, text: string): Promise<ApplyResult> {
		const m = message(ctx, seq);
		if (m.kind !== 'sms.send') throw new Error('Only an SMS can be answered by SMS.');
		return ctx.rt.apply({ type: 'sms.replied', contact: m.contact, text: text.trim() });
	},

	/** One-click unsubscribe from an email's List-Unsubscribe (simulation inbox). */
	async unsubscribeFromEmail(ctx: HandlerCtx, seq: number): Promise<number> {
		const m = message(ctx, seq);
		const c = ctx.rt.engine.world.contact(m.contact);
		if (!c) return 0;
		const lists = Object.keys(c.lists).filter((l) => c.lists[l] === 'active');
		if (lists.length) await ctx.rt.applyMany(lists.map((list) => ({ type: 'list.unsubscribed' as const, contact: c.id, list })));
		return lists.length;
	}
};
