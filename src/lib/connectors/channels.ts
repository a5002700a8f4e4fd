/**
 * Channel settings: what each connector needs, its defaults, which fields are secrets (kept in the
 * encrypted vault, never in the workspace), validation with stable codes for the interface, and
 * the routing of effect kinds to channels and endpoints.
 */
import type { EffectKind } from '../engine/effects';
import type { RetryPolicy } from './retry';

/** The outbound channels. */
export const CHANNELS = ['mail', 'transactional', 'webhooks', 'sms', 'salesforce', 'facebook', 'ai', 'apps'] as const;
export type ChannelId = (typeof CHANNELS)[number];

/** Settings every channel has. */
export interface CommonSettings {
	/** Sending on this channel is on (off: messages wait in the outbox). */
	enabled: boolean;
	/** Per-request timeout (seconds). */
	timeoutSec: number;
	/** Attempts before a message is declared dead. */
	maxAttempts: number;
	/** First retry delay (seconds); doubles with each failure, with jitter. */
	retryBaseSec: number;
}

export interface MailSettings extends CommonSettings {
	relayUrl: string;
	/** Sender used when an email has none (internal notifications, emails without a from address). */
	fromAddress: string;
	fromName: string;
	/** How marketing email offers unsubscribing (List-Unsubscribe). */
	unsubscribe: 'relay' | 'url' | 'mailto';
	/** With "url": an https URL; {token}, {email} and {contact} are replaced. */
	unsubscribeUrl: string;
	/** With "mailto": the address that receives unsubscribe requests. */
	unsubscribeMailto: string;
}

export interface TransactionalSettings extends CommonSettings {
	via: 'postmark' | 'relay';
	baseUrl: string;
	messageStream: string;
}

export interface WebhookSettings extends CommonSettings {
	/** auto: direct when the target allows CORS, else through the relay. */
	delivery: 'auto' | 'direct' | 'relay';
	/** Endpoints disabled after answering 410 Gone. */
	disabled: string[];
}

export interface SmsSettings extends CommonSettings {
	via: 'twilio' | 'relay';
	baseUrl: string;
	accountSid: string;
	from: string;
}

export interface SalesforceSettings extends CommonSettings {
	instanceUrl: string;
	apiVersion: string;
	/** Optional external id field (e.g. "Journey_Key__c"): creates become idempotent upserts. */
	externalIdField: string;
}

export interface FacebookSettings extends CommonSettings {
	baseUrl: string;
	apiVersion: string;
	adAccountId: string;
}

export interface AiSettings extends CommonSettings {
	baseUrl: string;
	model: string;
	temperature: number;
}

export interface AppsSettings extends CommonSettings {
	via: 'direct' | 'relay';
	airtableUrl: string;
	hubspotUrl: string;
	sheetsUrl: string;
	zendeskUrl: string;
}

export interface SettingsOf {
	mail: MailSettings;
	transactional: TransactionalSettings;
	webhooks: WebhookSettings;
	sms: SmsSettings;
	salesforce: SalesforceSettings;
	facebook: FacebookSettings;
	ai: AiSettings;
	apps: AppsSettings;
}
export type AnySettings = SettingsOf[ChannelId];

/** Send-time rules of a workspace. */
export interface SendingPolicy {
	quietHours: { enabled: boolean; start: string; end: string; email: boolean; sms: boolean };
	frequencyCap: { enabled: boolean; max: number; per: 'day' | 'week' };
	/** Simulations only: share of delivery attempts that fail (to rehearse retries). */
	simulatedFailureRate: number;
}

/** Everything stored (without secrets) in the workspace. */
export interface SendingSettings {
	channels: { [K in ChannelId]?: SettingsOf[K] };
	policy: SendingPolicy;
}

const COMMON: CommonSettings = { enabled: true, timeoutSec: 15, maxAttempts: 10, retryBaseSec: 30 };

/** Defaults of a new channel form. */
export const DEFAULTS: SettingsOf = {
	mail: { ...COMMON, relayUrl: '', fromAddress: '', fromName: '', unsubscribe: 'relay', unsubscribeUrl: '', unsubscribeMailto: '' },
	transactional: { ...COMMON, via: 'postmark', baseUrl: 'https://api.postmarkapp.com', messageStream: 'outbound' },
	webhooks: { ...COMMON, delivery: 'auto', disabled: [] },
	sms: { ...COMMON, via: 'twilio', baseUrl: 'https://api.twilio.com', accountSid: '', from: '' },
	salesforce: { ...COMMON, instanceUrl: '', apiVersion: '60.0', externalIdField: '' },
	facebook: { ...COMMON, baseUrl: 'https://graph.facebook.com', apiVersion: 'v21.0', adAccountId: '' },
	ai: { ...COMMON, timeoutSec: 60, maxAttempts: 3, baseUrl: 'http://localhost:11434/v1', model: 'llama3.2', temperature: 0.2 },
	apps: {
		...COMMON,
		via: 'direct',
		airtableUrl: 'https://api.airtable.com',
		hubspotUrl: 'https://api.hubapi.com',
		sheetsUrl: 'https://sheets.googleapis.com',
		zendeskUrl: 'https://api.getbase.com'
	}
};

export const DEFAULT_POLICY: SendingPolicy = {
	quietHours: { enabled: false, start: '21:00', end: '08:00', email: true, sms: true },
	frequencyCap: { enabled: false, max: 3, per: 'week' },
	simulatedFailureRate: 0
};

/** Secret fields of each channel, and which are required. */
export const SECRETS: { [K in ChannelId]: { name: string; required: boolean | ((s: SettingsOf[K]) => boolean) }[] } = {
	mail: [{ name: 'relayToken', required: true }],
	transactional: [{ name: 'serverToken', required: (s) => s.via === 'postmark' }],
	webhooks: [{ name: 'signingSecret', required: true }],
	sms: [{ name: 'authToken', required: (s) => s.via === 'twilio' }],
	salesforce: [{ name: 'accessToken', required: true }],
	facebook: [{ name: 'accessToken', required: true }],
	ai: [{ name: 'apiKey', required: false }],
	apps: [
		{ name: 'slackWebhookUrl', required: false },
		{ name: 'airtableToken', required: false },
		{ name: 'hubspotToken', required: false },
		{ name: 'sheetsToken', required: false },
		{ name: 'zendeskToken', required: false }
	]
};

/** The retry policy of channel settings. */
export function retryOf(s: CommonSettings): RetryPolicy {
	return { baseMs: Math.max(10, s.retryBaseSec * 1000), maxMs: 6 * 3_600_000, maxAttempts: Math.max(1, Math.floor(s.maxAttempts)) };
}

/** The channel that delivers an effect kind. */
export function channelOf(kind: EffectKind, payload: Record<string, unknown>): ChannelId {
	switch (kind) {
		case 'email.send':
		case 'email.one_to_one':
		case 'email.internal':
			return 'mail';
		case 'email.transactional':
			return 'transactional';
		case 'sms.send':
			return 'sms';
		case 'webhook.post':
			return 'webhooks';
		case 'ai.prompt':
			return 'ai';
		case 'salesforce.create_contact':
		case 'salesforce.create_lead':
		case 'salesforce.add_to_campaign':
			return 'salesforce';
		case 'facebook.audience_add':
		case 'facebook.audience_remove':
			return 'facebook';
		case 'app.call':
			return payload.app === 'twilio' ? 'sms' : 'apps';
	}
}

/** The endpoint a message goes to: the channel, or for webhooks the target URL (without query). */
export function endpointOf(kind: EffectKind, payload: Record<string, unknown>): string {
	if (kind === 'webhook.post') return `webhook:${webhookEndpoint(String(payload.url ?? ''))}`;
	return channelOf(kind, payload);
}

/** Origin and path of a webhook URL (the unit that 410 disables). */
export function webhookEndpoint(url: string): string {
	try {
		const u = new URL(url);
		return u.origin + u.pathname;
	} catch {
		return url;
	}
}

/** Channels whose messages go through the mail relay for a given configuration. */
export function usesRelay(id: ChannelId, s: AnySettings): boolean {
	if (id === 'mail') return true;
	if (id === 'transactional') return (s as TransactionalSettings).via === 'relay';
	if (id === 'webhooks') return (s as WebhookSettings).delivery !== 'direct';
	if (id === 'sms') return (s as SmsSettings).via === 'relay';
	if (id === 'apps') return (s as AppsSettings).via === 'relay';
	return false;
}

// ------------------------------------------------------------------ validation

/** A problem with a setting: the field, a stable code (translated by the page) and its values. */
export interface SettingProblem {
	field: string;
	code: string;
	values?: Record<string, string | number>;
}

/** Context of a validation: which secrets are stored, whether the mail relay is set up. */
export interface ValidateEnv {
	/** Secret names that have a stored (or newly entered) value. */
	secrets: Set<string>;
	/** The mail relay channel is configured (relay modes need it). */
	relayReady: boolean;
	/** The app runs over https (plain http targets other than loopback are blocked by the browser). */
	secureApp: boolean;
}

const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const E164_RE = /^\+[1-9]\d{6,14}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether a host name is the local machine. */
export function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '[::1]' || /^127\./.test(host) || host.endsWith('.localhost');
}

function checkUrl(out: SettingProblem[], field: string, value: string, env: ValidateEnv, required = true): void {
	if (!value.trim()) {
		if (required) out.push({ field, code: 'required' });
		return;
	}
	let u: URL;
	try {
		u = new URL(value.trim());
	} catch {
		out.push({ field, code: 'url_invalid' });
		return;
	}
	if (u.protocol !== 'https:' && u.protocol !== 'http:') out.push({ field, code: 'url_protocol' });
	else if (u.protocol === 'http:' && !isLoopback(u.hostname)) out.push({ field, code: env.secureApp ? 'url_mixed' : 'url_insecure' });
	if (u.username || u.password) out.push({ field, code: 'url_credentials' });
}

function checkCommon(out: SettingProblem[], s: CommonSettings): void {
	if (!(s.timeoutSec >= 1 && s.timeoutSec <= 300)) out.push({ field: 'timeoutSec', code: 'range', values: { min: 1, max: 300 } });
	if (!(Number.isInteger(s.maxAttempts) && s.maxAttempts >= 1 && s.maxAttempts <= 50)) out.push({ field: 'maxAttempts', code: 'range', values: { min: 1, max: 50 } });
	if (!(s.retryBaseSec >= 0.05 && s.retryBaseSec <= 86_400)) out.push({ field: 'retryBaseSec', code: 'range', values: { min: 0.05, max: 86_400 } });
}

function checkSecrets<K extends ChannelId>(out: SettingProblem[], id: K, s: SettingsOf[K], env: ValidateEnv): void {
	for (const sec of SECRETS[id] as { name: string; required: boolean | ((x: SettingsOf[K]) => boolean) }[]) {
		const req = typeof sec.required === 'function' ? sec.required(s) : sec.required;
		if (req && !env.secrets.has(sec.name)) out.push({ field: sec.name, code: 'secret_required' });
	}
}

/**
 * Problems of a channel's settings ("warning" codes start with "url_insecure"; every other code
 * blocks saving). An empty list means the channel can send.
 */
export function validateChannel<K extends ChannelId>(id: K, settings: SettingsOf[K], env: ValidateEnv): SettingProblem[] {
	const out: SettingProblem[] = [];
	checkCommon(out, settings);
	checkSecrets(out, id, settings, env);
	const needRelay = () => {
		if (!env.relayReady) out.push({ field: 'via', code: 'relay_missing' });
	};
	switch (id) {
		case 'mail': {
			const s = settings as MailSettings;
			checkUrl(out, 'relayUrl', s.relayUrl, env);
			if (s.fromAddress.trim() && !EMAIL_RE.test(s.fromAddress.trim())) out.push({ field: 'fromAddress', code: 'email_invalid' });
			if (!s.fromAddress.trim()) out.push({ field: 'fromAddress', code: 'required' });
			if (s.unsubscribe === 'url') {
				checkUrl(out, 'unsubscribeUrl', s.unsubscribeUrl, env);
				if (s.unsubscribeUrl.trim() && !s.unsubscribeUrl.includes('{token}')) out.push({ field: 'unsubscribeUrl', code: 'unsubscribe_token' });
			}
			if (s.unsubscribe === 'mailto' && !EMAIL_RE.test(s.unsubscribeMailto.trim())) out.push({ field: 'unsubscribeMailto', code: 'email_invalid' });
			break;
		}
		case 'transactional': {
			const s = settings as TransactionalSettings;
			if (s.via === 'postmark') checkUrl(out, 'baseUrl', s.baseUrl, env);
			else needRelay();
			if (!s.messageStream.trim()) out.push({ field: 'messageStream', code: 'required' });
			break;
		}
		case 'webhooks': {
			const s = settings as WebhookSettings;
			if (s.delivery === 'relay') needRelay();
			break;
		}
		case 'sms': {
			const s = settings as SmsSettings;
			if (s.via === 'twilio') {
				checkUrl(out, 'baseUrl', s.baseUrl, env);
				if (!/^AC[0-9a-fA-F]{32}$/.test(s.accountSid.trim())) out.push({ field: 'accountSid', code: 'sid_invalid' });
				if (!E164_RE.test(s.from.trim()) && !/^MG[0-9a-fA-F]{32}$/.test(s.from.trim())) out.push({ field: 'from', code: 'phone_invalid' });
			} else needRelay();
			break;
		}
		case 'salesforce': {
			const s = settings as SalesforceSettings;
			checkUrl(out, 'instanceUrl', s.instanceUrl, env);
			if (!/^\d{2,3}\.\d$/.test(s.apiVersion.trim())) out.push({ field: 'apiVersion', code: 'api_version', values: { example: '60.0' } });
			if (s.externalIdField.trim() && !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(s.externalIdField.trim())) out.push({ field: 'externalIdField', code: 'sf_field' });
			break;
		}
		case 'facebook': {
			const s = settings as FacebookSettings;
			checkUrl(out, 'baseUrl', s.baseUrl, env);
			if (!/^v\d{1,2}\.\d$/.test(s.apiVersion.trim())) out.push({ field: 'apiVersion', code: 'api_version', values: { example: 'v21.0' } });
			if (!/^(act_)?\d{5,20}$/.test(s.adAccountId.trim())) out.push({ field: 'adAccountId', code: 'ad_account' });
			break;
		}
		case 'ai': {
			const s = settings as AiSettings;
			checkUrl(out, 'baseUrl', s.baseUrl, env);
			if (!s.model.trim()) out.push({ field: 'model', code: 'required' });
			if (!(s.temperature >= 0 && s.temperature <= 2)) out.push({ field: 'temperature', code: 'range', values: { min: 0, max: 2 } });
			break;
		}
		case 'apps': {
			const s = settings as AppsSettings;
			if (s.via === 'relay') needRelay();
			for (const f of ['airtableUrl', 'hubspotUrl', 'sheetsUrl', 'zendeskUrl'] as const) checkUrl(out, f, s[f], env);
			break;
		}
	}
	return out;
}

/** Whether a problem only warns (saving is allowed). */
export function isWarning(p: SettingProblem): boolean {
	return p.code === 'url_insecure';
}

/** Problems of the sending policy. */
export function validatePolicy(p: SendingPolicy): SettingProblem[] {
	const out: SettingProblem[] = [];
	if (!TIME_RE.test(p.quietHours.start)) out.push({ field: 'quietStart', code: 'time_invalid' });
	if (!TIME_RE.test(p.quietHours.end)) out.push({ field: 'quietEnd', code: 'time_invalid' });
	if (p.quietHours.enabled && p.quietHours.start === p.quietHours.end) out.push({ field: 'quietEnd', code: 'quiet_empty' });
	if (!(Number.isInteger(p.frequencyCap.max) && p.frequencyCap.max >= 1 && p.frequencyCap.max <= 100)) out.push({ field: 'capMax', code: 'range', values: { min: 1, max: 100 } });
	if (!(p.simulatedFailureRate >= 0 && p.simulatedFailureRate <= 0.9)) out.push({ field: 'failureRate', code: 'range', values: { min: 0, max: 90 } });
	return out;
}

/** Settings merged over the defaults (stored settings may predate newer fields). */
export function withDefaults<K extends ChannelId>(id: K, s: Partial<SettingsOf[K]> | undefined): SettingsOf[K] {
	return { ...DEFAULTS[id], ...(s ?? {}) } as SettingsOf[K];
}

/** A normalised E.164-or-not check used by forms. */
export function isE164(text: string): boolean {
	return E164_RE.test(text.trim());
}

/** Simple address check used by forms. */
export function isEmail(text: string): boolean {
	return EMAIL_RE.test(text.trim());
}
