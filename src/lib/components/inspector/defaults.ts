/**
 * Starting definitions of every step and trigger kind, filled from the workspace catalogue (first
 * list, first email…). The builder uses them when a kind is dropped from the palette; the
 * reference page uses them (with sample texts) as live examples. Pure.
 */
import type { StepDef, TriggerDef } from '$lib/engine/schema/automation';
import type { CatalogView } from './context';

/** Texts used to fill templates (the reference page passes localized samples; new steps start empty). */
export interface SampleTexts {
	subject: string;
	body: string;
	note: string;
	sms: string;
	siteMessage: string;
	dealTitle: string;
	taskTitle: string;
	prompt: string;
}

const EMPTY: SampleTexts = { subject: '', body: '', note: '', sms: '', siteMessage: '', dealTitle: '', taskTitle: '', prompt: '' };

function firstField(cat: CatalogView, source: 'contact' | 'deal' | 'account', types: string[], custom = true): string | undefined {
	return cat.fields[source].find((f) => types.includes(f.type) && (!custom || !f.standard))?.key;
}

/** Settings of a new step of `kind` (without id/kind), or null for an unknown kind. */
function stepSettings(kind: string, cat: CatalogView, t: SampleTexts, others: { steps: string[]; sample: boolean }): Record<string, unknown> | null {
	const sample = others.sample;
	const list = cat.lists[0]?.id ?? '';
	const email = cat.emails[0]?.id ?? '';
	const tag = cat.tags[0] ?? '';
	const user = cat.users[0]?.id ?? '';
	const pipeline = cat.pipelines[0];
	const text = firstField(cat, 'contact', ['text', 'textarea']) ?? 'firstName';
	const date = firstField(cat, 'contact', ['date', 'datetime']) ?? '';
	const number = firstField(cat, 'contact', ['number']);
	const awaitDefaults = { timeout: { minutes: 1 }, onFailure: 'continue' };
	const tagCondition = { all: [{ kind: 'tag', op: 'has', tag: tag || 'customer' }] };
	switch (kind) {
		case 'email.send':
		case 'email.transactional':
			return { email };
		case 'wait':
			return { wait: { mode: 'period', for: { days: 1 } } };
		case 'list.subscribe':
		case 'list.unsubscribe':
			return { list };
		case 'tag.add':
		case 'tag.remove':
			return { tag };
		case 'if_else':
			return { conditions: tagCondition };
		case 'goto':
			return { target: others.steps[0] ?? '' };
		case 'goal':
			return { conditions: tagCondition, ifUnmet: 'continue' };
		case 'split':
			return { mode: 'even', paths: [{ label: 'A' }, { label: 'B' }] };
		case 'automation.start':
			return { automation: cat.automations[0]?.id ?? '' };
		case 'automation.end_other':
			return { automation: '*' };
		case 'automation.end_this':
			return {};
		case 'email.one_to_one':
			return { from: cat.users[0]?.email ?? '', subject: t.subject, body: t.body };
		case 'notification.internal':
			return { to: user, subject: t.subject, body: t.note };
		case 'sms.send':
			return { message: t.sms };
		case 'site_message.show':
			return { message: t.siteMessage, page: '*' };
		case 'webhook':
			return { url: 'https://example.com/hooks/journey', includeDeal: false };
		case 'ai.prompt':
			return { source: text, task: 'summarize', output: firstField(cat, 'contact', ['text', 'textarea']) ?? '', ...awaitDefaults };
		case 'contact.update':
			return { updates: [{ field: text, value: '' }] };
		case 'note.add':
		case 'deal.note_add':
		case 'account.note_add':
			return { text: t.note };
		case 'score.adjust':
			return { model: cat.scoring.find((m) => m.target === 'contact')?.id ?? '', op: 'add', value: 10 };
		case 'deal.score_adjust':
			return { op: 'add', value: 10 };
		case 'facebook.audience_add':
			return { audience: { create: { name: 'Journey Studio' } } };
		case 'facebook.audience_remove':
			return { audience: { id: sample ? '23851234567890123' : '' } };
		case 'conversion.record':
			return cat.conversions[0] ? { conversion: cat.conversions[0].id } : { create: { id: 'conversion', name: 'Conversion' } };
		case 'format.copy':
			return { from: { source: 'contact', field: 'firstName' }, to: { source: 'contact', field: text } };
		case 'format.extract':
			return { what: 'phone', from: { source: 'contact', field: text }, to: { source: 'contact', field: 'phone' } };
		case 'format.capitalize':
			return { style: 'words', from: { source: 'contact', field: 'firstName' }, to: { source: 'contact', field: 'firstName' } };
		case 'format.date_shift':
			return { op: 'add', amount: 7, unit: 'days', from: { source: 'contact', field: date }, to: { source: 'contact', field: date } };
		case 'format.math':
			return { op: 'add', operand: { value: 1 }, from: { source: 'contact', field: number ?? '' }, to: { source: 'contact', field: number ?? '' } };
		case 'deal.add':
			return { pipeline: pipeline?.id ?? '', stage: pipeline?.stages[0]?.id, title: t.dealTitle || '%FULLNAME%', value: 0, currency: 'USD' };
		case 'deal.update_title':
			return { title: t.dealTitle };
		case 'deal.update_status':
			return { status: 'won' };
		case 'deal.update_owner':
		case 'account.update_owner':
			return { owner: user };
		case 'deal.update_value':
			return { value: 100 };
		case 'deal.update_stage':
			return { pipeline: pipeline?.id ?? '', stage: pipeline?.stages[1]?.id ?? pipeline?.stages[0]?.id ?? '' };
		case 'deal.update_field':
			return { field: firstField(cat, 'deal', ['text', 'textarea', 'number', 'date', 'datetime', 'dropdown', 'multiselect', 'checkbox']) ?? '', mode: 'set', value: '' };
		case 'deal.task_add':
			return { type: 'call', title: t.taskTitle, due: { days: 1 }, assignee: 'deal_owner' };
		case 'deal.task_complete':
			return { type: 'call' };
		case 'account.update_field':
			return { field: 'name', value: sample ? 'Acme' : '' };
		case 'account.add_contact':
			return cat.accounts[0] ? { account: { id: cat.accounts[0].id } } : { account: { name: sample ? 'Acme' : '', create: true } };
		case 'salesforce.create_contact':
		case 'salesforce.create_lead':
			return { ...awaitDefaults };
		case 'salesforce.add_to_campaign':
			return { campaign: sample ? '7015g000000AbCdEFG' : '', status: 'Sent', ...awaitDefaults };
		case 'app.action':
			return { app: 'slack', action: 'send_message', fields: { channel: '#sales', text: t.note } };
	}
	return null;
}

/** A new step of `kind` with this id (templates empty unless sample texts are given). */
export function defaultStep(kind: string, id: string, cat: CatalogView, opts: { texts?: SampleTexts; steps?: string[] } = {}): StepDef {
	const settings = stepSettings(kind, cat, opts.texts ?? EMPTY, { steps: opts.steps ?? [], sample: !!opts.texts }) ?? {};
	return { id, kind, ...prune(settings) };
}

/** A new trigger of `kind` with this id. */
export function defaultTrigger(kind: string, id: string, cat: CatalogView): TriggerDef {
	const pipeline = cat.pipelines[0]?.id;
	const settings: Record<string, unknown> = (() => {
		switch (kind) {
			case 'list.subscribed':
			case 'list.unsubscribed':
				return { list: cat.lists[0]?.id };
			case 'tag.added':
			case 'tag.removed':
				return { tag: cat.tags[0] ?? '' };
			case 'field.changed':
				return { field: firstField(cat, 'contact', ['text', 'textarea', 'number', 'date', 'datetime', 'dropdown', 'multiselect', 'checkbox']) ?? 'email' };
			case 'date.based':
				return { field: firstField(cat, 'contact', ['date', 'datetime']) ?? '', when: 'on', amount: 0, unit: 'days', recurrence: 'yearly', time: '09:00', zone: 'contact' };
			case 'page.visited':
				return { url: 'example.com/pricing*' };
			case 'event.recorded':
				return { name: 'purchase' };
			case 'score.changed':
				return { model: cat.scoring.find((m) => m.target === 'contact')?.id ?? '', direction: 'above', threshold: 50 };
			case 'deal.entered_pipeline':
			case 'deal.stage_changed':
			case 'deal.status_changed':
			case 'deal.task_completed':
				return { pipeline };
			default:
				return {};
		}
	})();
	return { id, kind, runs: kind === 'date.based' ? 'every' : 'once', ...prune(settings) };
}

/** Drops undefined values (absent settings stay absent). */
function prune(o: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
