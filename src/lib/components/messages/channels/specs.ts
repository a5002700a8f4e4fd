/**
 * The fields of each channel form (labels and help come from the "sending" dictionaries:
 * sending.fields.<name>.label / .help). Secrets are entered here and stored encrypted by the worker.
 */
import type { ChannelId } from '$lib/connectors/channels';

export interface FieldSpec {
	name: string;
	kind: 'text' | 'url' | 'email' | 'tel' | 'number' | 'select' | 'secret' | 'checkbox';
	options?: string[];
	/** Shown only when this holds for the current settings. */
	show?: (s: Record<string, unknown>) => boolean;
	min?: number;
	max?: number;
	step?: number;
	placeholder?: string;
	/** Secret fields that may be generated (webhook signing secret). */
	generate?: boolean;
}

const common: FieldSpec[] = [
	{ name: 'timeoutSec', kind: 'number', min: 1, max: 300, step: 1 },
	{ name: 'maxAttempts', kind: 'number', min: 1, max: 50, step: 1 },
	{ name: 'retryBaseSec', kind: 'number', min: 0.05, max: 86400, step: 0.05 }
];

export const FIELDS: Record<ChannelId, { main: FieldSpec[]; advanced: FieldSpec[] }> = {
	mail: {
		main: [
			{ name: 'relayUrl', kind: 'url', placeholder: 'https://relay.example.com' },
			{ name: 'relayToken', kind: 'secret' },
			{ name: 'fromAddress', kind: 'email', placeholder: 'hello@example.com' },
			{ name: 'fromName', kind: 'text' },
			{ name: 'unsubscribe', kind: 'select', options: ['relay', 'url', 'mailto'] },
			{ name: 'unsubscribeUrl', kind: 'url', placeholder: 'https://example.com/unsubscribe?t={token}', show: (s) => s.unsubscribe === 'url' },
			{ name: 'unsubscribeMailto', kind: 'email', placeholder: 'unsubscribe@example.com', show: (s) => s.unsubscribe === 'mailto' }
		],
		advanced: common
	},
	transactional: {
		main: [
			{ name: 'via', kind: 'select', options: ['postmark', 'relay'] },
			{ name: 'baseUrl', kind: 'url', show: (s) => s.via === 'postmark' },
			{ name: 'serverToken', kind: 'secret', show: (s) => s.via === 'postmark' },
			{ name: 'messageStream', kind: 'text' }
		],
		advanced: common
	},
	webhooks: {
		main: [
			{ name: 'signingSecret', kind: 'secret', generate: true },
			{ name: 'delivery', kind: 'select', options: ['auto', 'direct', 'relay'] }
		],
		advanced: common
	},
	sms: {
		main: [
			{ name: 'via', kind: 'select', options: ['twilio', 'relay'] },
			{ name: 'baseUrl', kind: 'url', show: (s) => s.via === 'twilio' },
			{ name: 'accountSid', kind: 'text', placeholder: 'AC…', show: (s) => s.via === 'twilio' },
			{ name: 'authToken', kind: 'secret', show: (s) => s.via === 'twilio' },
			{ name: 'from', kind: 'text', placeholder: '+15550100', show: (s) => s.via === 'twilio' }
		],
		advanced: common
	},
	salesforce: {
		main: [
			{ name: 'instanceUrl', kind: 'url', placeholder: 'https://yourcompany.my.salesforce.com' },
			{ name: 'accessToken', kind: 'secret' },
			{ name: 'apiVersion', kind: 'text' },
			{ name: 'externalIdField', kind: 'text', placeholder: 'Journey_Key__c' }
		],
		advanced: common
	},
	facebook: {
		main: [
			{ name: 'adAccountId', kind: 'text', placeholder: 'act_1234567890' },
			{ name: 'accessToken', kind: 'secret' },
			{ name: 'apiVersion', kind: 'text' },
			{ name: 'baseUrl', kind: 'url' }
		],
		advanced: common
	},
	ai: {
		main: [
			{ name: 'baseUrl', kind: 'url', placeholder: 'http://localhost:11434/v1' },
			{ name: 'model', kind: 'text' },
			{ name: 'apiKey', kind: 'secret' },
			{ name: 'temperature', kind: 'number', min: 0, max: 2, step: 0.1 }
		],
		advanced: common
	},
	apps: {
		main: [
			{ name: 'via', kind: 'select', options: ['direct', 'relay'] },
			{ name: 'slackWebhookUrl', kind: 'secret' },
			{ name: 'airtableToken', kind: 'secret' },
			{ name: 'hubspotToken', kind: 'secret' },
			{ name: 'sheetsToken', kind: 'secret' },
			{ name: 'zendeskToken', kind: 'secret' }
		],
		advanced: [
			{ name: 'airtableUrl', kind: 'url' },
			{ name: 'hubspotUrl', kind: 'url' },
			{ name: 'sheetsUrl', kind: 'url' },
			{ name: 'zendeskUrl', kind: 'url' },
			...common
		]
	}
};

/** What the "send test" form asks for, per channel. */
export const TEST_INPUTS: Record<ChannelId, ('to' | 'toPhone' | 'url' | 'from' | 'app')[]> = {
	mail: ['to'],
	transactional: ['from', 'to'],
	webhooks: ['url'],
	sms: ['toPhone'],
	salesforce: [],
	facebook: [],
	ai: [],
	apps: ['app']
};
