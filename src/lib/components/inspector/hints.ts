/**
 * What some settings mean for a given kind, where the key name alone is ambiguous ("from" is a
 * stage, a value or an automation depending on the kind), and when a setting is shown.
 */
import type { Control } from './schema-form';

/** A refinement of one setting. */
export interface Hint {
	control?: Control;
	when?: (def: Record<string, unknown>) => boolean;
}

const text: Control = { type: 'text' };
const plainTitle: Hint = { control: text };
const stage: Hint = { control: { type: 'ref', ref: 'stage' } };
const automation: Hint = { control: { type: 'ref', ref: 'automation' } };
const notReset: Hint = { when: (d) => d.op !== 'reset' };
const shifted: Hint = { when: (d) => d.when !== undefined && d.when !== 'on' };

export const HINTS: Record<string, Record<string, Hint>> = {
	// Triggers
	'field.changed': {
		from: { control: { type: 'value', field: 'field', source: 'contact' } },
		to: { control: { type: 'value', field: 'field', source: 'contact' } }
	},
	'date.based': {
		field: { control: { type: 'ref', ref: 'contactField', types: ['date', 'datetime'] } },
		amount: shifted,
		unit: shifted
	},
	'page.visited': { url: { control: { type: 'text', placeholder: 'example.com/pricing*' } } },
	'email.clicked': { link: { control: { type: 'text', placeholder: 'https://example.com/offer*' } } },
	'score.changed': { model: { control: { type: 'ref', ref: 'scoring', scoring: 'contact' } } },
	'deal.stage_changed': { from: stage, to: stage },
	'deal.task_completed': { taskType: { control: { type: 'text', suggestions: ['call', 'email', 'meeting', 'todo'] } } },
	'automation.started': { from: automation },

	// Steps
	'automation.end_other': { automation: { control: { type: 'ref', ref: 'automationOrAll' } } },
	'site_message.show': { page: { control: { type: 'text', placeholder: 'example.com/pricing*' } } },
	'webhook': { url: { control: { type: 'text', placeholder: 'https://example.com/hooks/journey' } } },
	'score.adjust': { model: { control: { type: 'ref', ref: 'scoring', scoring: 'contact' } }, value: notReset },
	'deal.score_adjust': { value: notReset },
	'format.copy': {},
	'format.extract': {
		from: { control: { type: 'fieldref', types: ['text', 'textarea'] } },
		to: { control: { type: 'fieldref', types: ['text', 'textarea'] } },
		country: { control: { type: 'text', placeholder: 'FR' }, when: (d) => d.what !== 'url' }
	},
	'format.capitalize': {
		from: { control: { type: 'fieldref', types: ['text', 'textarea', 'dropdown'] } },
		to: { control: { type: 'fieldref', types: ['text', 'textarea', 'dropdown'] } }
	},
	'format.date_shift': {
		from: { control: { type: 'fieldref', types: ['date', 'datetime', 'text'] } },
		to: { control: { type: 'fieldref', types: ['date', 'datetime', 'text', 'textarea'] } }
	},
	'deal.update_field': {
		field: { control: { type: 'ref', ref: 'dealField', customOnly: true } },
		value: { control: { type: 'value', field: 'field', source: 'deal' }, when: (d) => d.mode === 'set' },
		from: { control: { type: 'ref', ref: 'contactField' }, when: (d) => d.mode === 'copy' }
	},
	'deal.update_value': { currency: { control: { type: 'text', placeholder: 'EUR' } } },
	'deal.task_add': {
		type: { control: { type: 'text', suggestions: ['call', 'email', 'meeting', 'todo'] } },
		assignee: { control: { type: 'ref', ref: 'assignee' } }
	},
	'deal.task_complete': { title: plainTitle, type: { control: { type: 'text', suggestions: ['call', 'email', 'meeting', 'todo'] } } },
	'account.update_field': {
		field: { control: { type: 'ref', ref: 'accountField' } },
		value: { control: { type: 'value', field: 'field', source: 'account' } }
	},
	'ai.prompt': {
		source: { control: { type: 'ref', ref: 'contactField' } },
		output: { control: { type: 'ref', ref: 'contactField', types: ['text', 'textarea'], customOnly: true } },
		language: { control: { type: 'text', placeholder: 'French' }, when: (d) => d.task === 'translate' },
		prompt: { control: { type: 'text', template: true, multiline: true } }
	},
	'salesforce.create_contact': { saveIdTo: { control: { type: 'ref', ref: 'contactField', types: ['text', 'textarea'], customOnly: true } } },
	'salesforce.create_lead': { saveIdTo: { control: { type: 'ref', ref: 'contactField', types: ['text', 'textarea'], customOnly: true } } },
	'salesforce.add_to_campaign': {
		campaign: { control: { type: 'text', placeholder: '7015g000000XXXXAAA' } },
		status: { control: { type: 'text', suggestions: ['Sent', 'Responded'] } },
		idField: { control: { type: 'ref', ref: 'contactField', types: ['text', 'textarea'], customOnly: true } }
	}
};
