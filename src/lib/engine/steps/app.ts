/**
 * App actions: branded third-party actions (add a row to Google Sheets, post to Slack, create a
 * record in a CRM, text through Twilio…). Field values are personalization templates; the host's
 * connector for the app performs the call.
 */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { renderFor } from './fields';

/** Apps with actions. */
export const App = z.enum(['google_sheets', 'slack', 'zendesk_sell', 'hubspot', 'airtable', 'twilio']);
export type App = z.infer<typeof App>;

/** Actions of each app and the fields each needs. */
export const APP_ACTIONS: Record<App, Record<string, { title: string; required: string[] }>> = {
	google_sheets: {
		add_row: { title: 'Add a row to a sheet', required: ['spreadsheet', 'sheet'] },
		update_row: { title: 'Update a row of a sheet', required: ['spreadsheet', 'sheet', 'lookupColumn', 'lookupValue'] }
	},
	slack: { send_message: { title: 'Post a message to a channel', required: ['channel', 'text'] } },
	zendesk_sell: {
		create_contact: { title: 'Create a contact', required: ['last_name'] },
		update_contact: { title: 'Update a contact', required: ['email'] },
		create_deal: { title: 'Create a deal', required: ['name'] }
	},
	hubspot: {
		create_contact: { title: 'Create a contact', required: ['email'] },
		update_contact: { title: 'Update a contact', required: ['email'] }
	},
	airtable: { create_record: { title: 'Create a record', required: ['base', 'table'] } },
	twilio: { send_sms: { title: 'Send an SMS', required: ['to', 'body'] } }
};

const schema = z
	.object({
		...stepBase,
		kind: z.literal('app.action'),
		app: App,
		action: z.string().min(1, 'choose an action'),
		/** Field name → template. */
		fields: z.record(z.string().min(1), z.string()).default({}),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;

export const appAction = defineStep<Def, [string, Template][]>({
	kind: 'app.action',
	group: 'apps',
	title: 'App action',
	summary: 'Runs an action in a connected app (Google Sheets, Slack, Zendesk Sell, HubSpot, Airtable, Twilio).',
	plans: { from: 'plus' },
	schema,
	outputs: linear,
	validate(d, v) {
		const action = APP_ACTIONS[d.app][d.action];
		if (!action) {
			v.report('app.action', `App "${d.app}" has no action "${d.action}".`, `Pick one of: ${Object.keys(APP_ACTIONS[d.app]).join(', ')}.`, ['action']);
			return;
		}
		for (const f of action.required)
			if (!d.fields[f]?.trim()) v.report('app.field_missing', `"${action.title}" needs the field "${f}".`, `Fill in "${f}" in the action settings.`, ['fields', f]);
		for (const [k, t] of Object.entries(d.fields)) v.template(t, ['fields', k]);
	},
	compile: (d) => Object.entries(d.fields).map(([k, t]) => [k, compileTemplate(t)]),
	enter(e, r, s) {
		const fields: Record<string, string> = {};
		for (const [k, t] of s.data) fields[k] = renderFor(e, r, t);
		const eff = e.emit(r, s, 'app.call', { app: s.def.app, action: s.def.action, fields });
		e.log(r, s, TraceCode.step_done, { key: eff.key });
		return s.out[0];
	}
});
