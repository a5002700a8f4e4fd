/** Read models of the outbox and the simulation inbox (plain values for the pages). */
import type { MessageRecord, MessageStatus } from '../../db/records';
import type { EffectKind } from '../../engine/effects';
import type { Engine } from '../../engine/engine';
import { channelOf, withDefaults, type ChannelId } from '../../connectors/channels';
import type { Outbox, WaitReason } from './outbox';

/** One line of the outbox. */
export interface OutboxRow {
	seq: number;
	key: string;
	kind: EffectKind;
	channel: ChannelId;
	contact: string;
	contactName: string;
	/** Recipient or target (address, number, URL, audience…). */
	to: string;
	/** Subject or a short summary of the content. */
	title: string;
	status: MessageStatus;
	attempts: number;
	maxAttempts: number;
	marketing: boolean;
	/** Virtual time the step ran. */
	at: number;
	nextAttemptAt: number | null;
	doneAt: number | null;
	lastError: string | null;
	lastErrorCode: string | null;
	postponed: 'quiet_hours' | 'frequency_cap' | null;
	/** Why a due message does not leave (live). */
	waiting: WaitReason | null;
}

export interface OutboxQuery {
	channel?: ChannelId | '';
	status?: MessageStatus | '';
	contact?: string;
	search?: string;
	offset: number;
	limit: number;
}

export interface OutboxPage {
	total: number;
	rows: OutboxRow[];
	/** Counts over every message (for filter chips). */
	counts: { status: Partial<Record<MessageStatus, number>>; channel: Partial<Record<ChannelId, number>> };
	/** Live: messages still to send; offline/locked state. */
	waiting: number;
	/** Channels whose messages wait because they are not set up (or paused), with counts. */
	blocked: { channel: ChannelId; reason: WaitReason; count: number }[];
	inFlight: number;
	locked: boolean;
	online: boolean;
	live: boolean;
}

/** Recipient or target of a message, for lists. */
export function recipientOf(m: Pick<MessageRecord, 'kind' | 'payload'>): string {
	const p = m.payload as Record<string, unknown>;
	switch (m.kind) {
		case 'email.send':
		case 'email.one_to_one':
		case 'sms.send':
			return String(p.to ?? '');
		case 'email.internal':
			return ((p.to as string[] | undefined) ?? []).join(', ');
		case 'email.transactional':
			return String(p.To ?? '');
		case 'webhook.post':
			return String(p.url ?? '');
		case 'ai.prompt':
			return String(p.output ?? '');
		case 'salesforce.create_contact':
		case 'salesforce.create_lead':
			return String(p.object ?? '');
		case 'salesforce.add_to_campaign':
			return String(p.campaignId ?? '');
		case 'facebook.audience_add':
		case 'facebook.audience_remove':
			return String(p.audienceId ?? p.createName ?? '');
		case 'app.call':
			return `${String(p.app ?? '')} · ${String(p.action ?? '')}`;
	}
}

/** Subject or short summary of a message. */
export function titleOf(m: Pick<MessageRecord, 'kind' | 'payload'>): string {
	const p = m.payload as Record<string, unknown>;
	const cut = (s: unknown, n = 90) => {
		const t = String(s ?? '').replace(/\s+/g, ' ').trim();
		return t.length > n ? t.slice(0, n - 1) + '…' : t;
	};
	switch (m.kind) {
		case 'email.send':
		case 'email.one_to_one':
		case 'email.internal':
			return cut(p.subject);
		case 'email.transactional':
			return cut(p.Subject);
		case 'sms.send':
			return cut(p.body);
		case 'webhook.post':
			return cut(`${(p.body as { automation?: string } | undefined)?.automation ?? ''} / ${(p.body as { step?: string } | undefined)?.step ?? ''}`);
		case 'ai.prompt':
			return cut(`${p.task}: ${p.input}`);
		case 'salesforce.create_contact':
		case 'salesforce.create_lead':
			return cut(Object.values((p.fields ?? {}) as Record<string, string>).join(' '));
		case 'salesforce.add_to_campaign':
			return cut(p.email);
		case 'facebook.audience_add':
		case 'facebook.audience_remove':
			return cut((p.identifiers as { email?: string } | undefined)?.email);
		case 'app.call':
			return cut(Object.values((p.fields ?? {}) as Record<string, string>).join(' · '));
	}
}

function nameOf(e: Engine, id: string): string {
	const c = e.world.contact(id);
	if (!c) return id;
	return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || id;
}

/** "Automation · step" of a message, with the names people gave them. */
function stepName(e: Engine, m: MessageRecord): string {
	const def = e.slots.get(m.automation)?.def;
	const step = def?.steps.find((s) => s.id === m.step) as { label?: string } | undefined;
	return `${def?.name ?? m.automation} · ${step?.label || m.step}`;
}

/** A row of the outbox for a message. */
export function outboxRow(m: MessageRecord, e: Engine, o: Outbox): OutboxRow {
	const channel = channelOf(m.kind, m.payload);
	const s = withDefaults(channel, o.settings.channels[channel] as never);
	return {
		seq: m.seq,
		key: m.key,
		kind: m.kind,
		channel,
		contact: m.contact,
		contactName: nameOf(e, m.contact),
		to: recipientOf(m),
		title: m.kind === 'webhook.post' ? stepName(e, m) : titleOf(m),
		status: m.status,
		// An inbox delivery at once is one (local) attempt.
		attempts: m.route === 'inbox' && m.status === 'delivered' ? Math.max(1, m.attempts) : m.attempts,
		maxAttempts: s.maxAttempts,
		marketing: m.marketing,
		at: m.at,
		nextAttemptAt: m.nextAttemptAt,
		doneAt: m.doneAt,
		lastError: m.lastError,
		lastErrorCode: m.lastErrorCode ?? null,
		postponed: m.postponed ?? null,
		waiting: ['queued', 'failed', 'unknown'].includes(m.status) ? o.waitReason(m) : null
	};
}

/** A page of the outbox, newest first, with counts for the filters. */
export function outboxPage(messages: MessageRecord[], e: Engine, o: Outbox, q: OutboxQuery, live: boolean): OutboxPage {
	const counts: OutboxPage['counts'] = { status: {}, channel: {} };
	const search = q.search?.trim().toLowerCase() ?? '';
	const hits: MessageRecord[] = [];
	for (let i = messages.length - 1; i >= 0; i--) {
		const m = messages[i];
		const channel = channelOf(m.kind, m.payload);
		counts.status[m.status] = (counts.status[m.status] ?? 0) + 1;
		counts.channel[channel] = (counts.channel[channel] ?? 0) + 1;
		if (q.channel && channel !== q.channel) continue;
		if (q.status && m.status !== q.status) continue;
		if (q.contact && m.contact !== q.contact) continue;
		if (search && !(recipientOf(m).toLowerCase().includes(search) || titleOf(m).toLowerCase().includes(search) || m.contact.toLowerCase() === search || m.key.toLowerCase().includes(search))) continue;
		hits.push(m);
	}
	const st = o.stats();
	const blocked = new Map<string, { channel: ChannelId; reason: WaitReason; count: number }>();
	if (live)
		for (const m of messages) {
			if (m.route !== 'network' || !['queued', 'failed', 'unknown'].includes(m.status)) continue;
			const reason = o.waitReason(m);
			if (reason !== 'not_configured' && reason !== 'paused' && reason !== 'relay_missing') continue;
			const channel = channelOf(m.kind, m.payload);
			const k = `${channel}/${reason}`;
			const b = blocked.get(k) ?? { channel, reason, count: 0 };
			b.count++;
			blocked.set(k, b);
		}
	return {
		total: hits.length,
		rows: hits.slice(q.offset, q.offset + q.limit).map((m) => outboxRow(m, e, o)),
		counts,
		blocked: [...blocked.values()],
		waiting: st.waiting,
		inFlight: st.inFlight,
		locked: st.locked,
		online: o.online,
		live
	};
}

/** One message of a simulation inbox. */
export interface InboxRow {
	seq: number;
	kind: EffectKind;
	contact: string;
	contactName: string;
	to: string;
	from: string;
	title: string;
	/** Start of the text (email preheader or body, SMS text). */
	snippet: string;
	deliveredAt: number;
	openedAt: number | null;
	clickedAt: number | null;
}

export interface InboxQuery {
	contact?: string;
	kind?: EffectKind | '';
	/** Only what the contact receives (email, SMS), not webhooks, connectors or team notifications. */
	personal?: boolean;
	search?: string;
	offset: number;
	limit: number;
}

const PERSONAL: ReadonlySet<EffectKind> = new Set(['email.send', 'email.one_to_one', 'email.transactional', 'sms.send']);

/** Whether a kind reaches the contact themself (a participant's inbox). */
export function isPersonal(kind: EffectKind): boolean {
	return PERSONAL.has(kind);
}

function fromOf(m: MessageRecord): string {
	const p = m.payload as Record<string, unknown>;
	if (m.kind === 'email.transactional') return String(p.From ?? '');
	if (m.kind === 'sms.send') return 'SMS';
	if (m.kind.startsWith('email.')) return String(p.fromName || p.from || '');
	return m.automation;
}

function snippetOf(m: MessageRecord): string {
	const p = m.payload as Record<string, unknown>;
	const text = m.kind === 'sms.send' ? String(p.body ?? '') : String(p.preheader || p.text || p.TextBody || p.html || p.HtmlBody || '');
	const plain = text.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
	return plain.length > 120 ? plain.slice(0, 119) + '…' : plain;
}

/** A page of delivered simulation messages, newest first. */
export function inboxPage(messages: MessageRecord[], e: Engine, q: InboxQuery): { total: number; unread: number; rows: InboxRow[]; names: Record<string, string> } {
	const search = q.search?.trim().toLowerCase() ?? '';
	const hits: MessageRecord[] = [];
	let unread = 0;
	/** Email id → subject as this inbox received it (to name emails in activity lists). */
	const names: Record<string, string> = {};
	for (let i = messages.length - 1; i >= 0; i--) {
		const m = messages[i];
		if (m.route !== 'inbox' || m.status !== 'delivered') continue;
		if (q.contact && m.contact !== q.contact) continue;
		if (q.kind && m.kind !== q.kind) continue;
		if (q.personal && !PERSONAL.has(m.kind)) continue;
		if (search && !(titleOf(m).toLowerCase().includes(search) || recipientOf(m).toLowerCase().includes(search) || nameOf(e, m.contact).toLowerCase().includes(search))) continue;
		if (m.openedAt === null && m.kind.startsWith('email.')) unread++;
		const ref = (m.payload as { email?: string }).email;
		if (ref && !names[ref]) names[ref] = titleOf(m);
		hits.push(m);
	}
	hits.sort((a, b) => (b.doneAt ?? b.at) - (a.doneAt ?? a.at) || b.seq - a.seq);
	return {
		total: hits.length,
		unread,
		names,
		rows: hits.slice(q.offset, q.offset + q.limit).map((m) => ({
			seq: m.seq,
			kind: m.kind,
			contact: m.contact,
			contactName: nameOf(e, m.contact),
			to: recipientOf(m),
			from: fromOf(m),
			title: titleOf(m),
			snippet: snippetOf(m),
			deliveredAt: m.doneAt ?? m.at,
			openedAt: m.openedAt,
			clickedAt: m.clickedAt
		}))
	};
}
