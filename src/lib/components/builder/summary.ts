/**
 * One-line summaries of a step's or trigger's settings for the canvas cards and the outline
 * ("Email: Welcome #1", "2 days", "Has tag vip"), in the interface language.
 */
import type { StepDef, TriggerDef } from '../../engine/schema/automation';
import type { Condition } from '../../engine/schema/conditions';
import type { CatalogView } from '../../worker/handlers/catalog';

/** Names of the catalogue entries by id, for summaries. */
export interface CatalogNames {
	lists: Record<string, string>;
	emails: Record<string, string>;
	fields: Record<string, string>;
	forms: Record<string, string>;
	conversions: Record<string, string>;
	scoring: Record<string, string>;
	pipelines: Record<string, string>;
	users: Record<string, string>;
	automations: Record<string, string>;
}

/** The names of a catalogue view. */
export function namesOf(c: CatalogView): CatalogNames {
	const by = <T>(xs: T[], id: (x: T) => string, name: (x: T) => string) => Object.fromEntries(xs.map((x) => [id(x), name(x)]));
	return {
		lists: by(c.lists, (x) => x.id, (x) => x.name),
		emails: by(c.emails, (x) => x.id, (x) => x.name),
		fields: by(c.fields.contact, (x) => x.key, (x) => x.label),
		forms: by(c.forms, (x) => x.id, (x) => x.name),
		conversions: by(c.conversions, (x) => x.id, (x) => x.name),
		scoring: by(c.scoring, (x) => x.id, (x) => x.name),
		pipelines: by(c.pipelines, (x) => x.id, (x) => x.name),
		users: by(c.users, (x) => x.id, (x) => x.name),
		automations: by(c.automations, (x) => x.id, (x) => x.name)
	};
}

/** svelte-i18n's formatter. */
export type Translate = (id: string, options?: { values?: Record<string, unknown>; default?: string }) => string;

/** What summaries read besides the definition. */
export interface SummaryContext {
	t: Translate;
	names: CatalogNames | null;
	/** Title of a step of this automation (go-to targets). */
	stepTitle(id: string): string;
}

const UNITS = ['weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/** "1 week 2 days" from a duration object. */
export function durationText(d: unknown, t: Translate): string {
	if (!d || typeof d !== 'object') return '';
	const parts: string[] = [];
	for (const u of UNITS) {
		const n = (d as Record<string, unknown>)[u];
		if (typeof n === 'number' && n > 0) parts.push(t(`builder.unit.${u}`, { values: { n } }));
	}
	return parts.join(' ') || t('builder.unit.none');
}

const name = (map: Record<string, string> | undefined, id: unknown): string => {
	const s = typeof id === 'string' ? id : '';
	return (map && map[s]) || s;
};

function leaves(c: Condition | undefined, out: Condition[] = []): Condition[] {
	if (!c || typeof c !== 'object') return out;
	if ('all' in c) c.all.forEach((x) => leaves(x, out));
	else if ('any' in c) c.any.forEach((x) => leaves(x, out));
	else out.push(c);
	return out;
}

/** A short text for a condition tree: the condition itself when there is one, else how many. */
export function conditionText(c: Condition | undefined, cx: SummaryContext): string {
	const { t, names } = cx;
	const ls = leaves(c);
	if (ls.length === 0) return t('builder.summary.noConditions');
	if (ls.length > 1) return t('builder.summary.conditions', { values: { n: ls.length } });
	const l = ls[0] as Record<string, unknown> & { kind: string };
	switch (l.kind) {
		case 'tag':
			return t(l.op === 'has' ? 'builder.summary.hasTag' : 'builder.summary.hasNotTag', { values: { tag: String(l.tag ?? '') } });
		case 'list':
			return t(l.op === 'is' ? 'builder.summary.inList' : 'builder.summary.notInList', { values: { list: name(names?.lists, l.list) } });
		case 'action': {
			const what = l.email ? name(names?.emails, l.email) : t('builder.summary.anyEmail');
			return t(`builder.summary.action.${l.op === 'has' ? 'has' : 'hasNot'}`, { values: { action: t(`builder.summary.actionVerb.${String(l.action)}`, { default: String(l.action) }), what } });
		}
		case 'field':
			return `${name(names?.fields, l.field)} ${t(`builder.summary.op.${String(l.op)}`, { default: String(l.op) })}${l.value !== undefined && l.value !== null ? ` ${Array.isArray(l.value) ? l.value.join(', ') : String(l.value)}` : ''}`;
		case 'event':
			return t(l.op === 'recorded' ? 'builder.summary.eventRecorded' : 'builder.summary.eventNotRecorded', { values: { name: String(l.name ?? '') } });
		case 'conversion':
			return t(l.op === 'made' ? 'builder.summary.converted' : 'builder.summary.notConverted', { values: { name: l.conversion ? name(names?.conversions, l.conversion) : t('builder.summary.anyConversion') } });
		case 'score':
			return `${name(names?.scoring, l.model)} ${t(`builder.summary.op.${String(l.op)}`, { default: String(l.op) })} ${String(l.value)}`;
		default:
			return t('builder.summary.conditions', { values: { n: 1 } });
	}
}

/** The one-line summary of a step's settings. */
export function stepSummary(s: StepDef, cx: SummaryContext): string {
	const { t, names } = cx;
	const x = s as Record<string, unknown>;
	switch (s.kind) {
		case 'email.send':
		case 'email.transactional': {
			const base = x.email ? t('builder.summary.email', { values: { name: name(names?.emails, x.email) } }) : t('builder.summary.chooseEmail');
			const ab = x.abTest as { variants?: unknown[] } | undefined;
			return ab?.variants?.length ? `${base} · ${t('builder.summary.abTest', { values: { n: ab.variants.length + 1 } })}` : base;
		}
		case 'wait': {
			const w = (x.wait ?? {}) as Record<string, unknown>;
			if (w.mode === 'period') return t('builder.summary.waitFor', { values: { d: durationText(w.for, t) } });
			if (w.mode === 'until_time') return t('builder.summary.waitUntilTime', { values: { time: String(w.time ?? '') } });
			if (w.mode === 'until_date_field')
				return t(`builder.summary.waitDate.${String(w.when ?? 'on')}`, { values: { field: name(names?.fields, w.field), n: Number(w.amount ?? 0), unit: t(`builder.unit.${String(w.unit ?? 'days')}`, { values: { n: Number(w.amount ?? 0) } }) } });
			if (w.mode === 'until_conditions')
				return w.timeLimit ? t('builder.summary.waitUntilLimited', { values: { what: conditionText(w.conditions as Condition, cx), d: durationText(w.timeLimit, t) } }) : t('builder.summary.waitUntil', { values: { what: conditionText(w.conditions as Condition, cx) } });
			return '';
		}
		case 'list.subscribe':
		case 'list.unsubscribe':
			return x.list ? t('builder.summary.list', { values: { name: name(names?.lists, x.list) } }) : t('builder.summary.chooseList');
		case 'tag.add':
		case 'tag.remove':
			return x.tag ? t('builder.summary.tag', { values: { tag: String(x.tag) } }) : t('builder.summary.chooseTag');
		case 'if_else':
			return conditionText(x.conditions as Condition, cx);
		case 'goal':
			return `${conditionText(x.conditions as Condition, cx)} · ${t(`builder.summary.ifUnmet.${String(x.ifUnmet ?? 'continue')}`)}`;
		case 'goto':
			return x.target ? t('builder.summary.goto', { values: { step: cx.stepTitle(String(x.target)) } }) : t('builder.summary.chooseStep');
		case 'split': {
			const paths = Array.isArray(x.paths) ? (x.paths as { label: string; percent?: number }[]) : [];
			const mode = t(`builder.summary.splitMode.${String(x.mode)}`, { default: String(x.mode) });
			const pct = x.mode === 'percent' || x.mode === 'test' ? ` · ${paths.map((p) => `${p.label} ${p.percent ?? 0}%`).join(' / ')}` : '';
			return `${mode} · ${t('builder.summary.paths', { values: { n: paths.length } })}${pct}`;
		}
		case 'automation.start':
			return t('builder.summary.automation', { values: { name: name(names?.automations, x.automation) } });
		case 'automation.end_other':
			return x.automation === '*' ? t('builder.summary.allOthers') : t('builder.summary.automation', { values: { name: name(names?.automations, x.automation) } });
		case 'email.one_to_one':
		case 'notification.internal':
			return x.subject ? `“${String(x.subject)}”` : t('builder.summary.writeMessage');
		case 'sms.send':
		case 'site_message.show':
		case 'note.add':
		case 'deal.note_add':
		case 'account.note_add': {
			const text = String(x.message ?? x.text ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
			return text ? `“${text.length > 40 ? text.slice(0, 40) + '…' : text}”` : t('builder.summary.writeMessage');
		}
		case 'webhook':
			return String(x.url ?? '') || t('builder.summary.enterUrl');
		case 'ai.prompt':
			return `${t(`builder.summary.aiTask.${String(x.task)}`, { default: String(x.task) })} → ${name(names?.fields, x.output)}`;
		case 'contact.update':
			return t('builder.summary.fields', { values: { n: Array.isArray(x.updates) ? x.updates.length : 0 } });
		case 'score.adjust':
		case 'deal.score_adjust':
			return `${t(`builder.summary.scoreOp.${String(x.op)}`, { default: String(x.op) })}${x.op === 'reset' ? '' : ` ${String(x.value ?? 0)}`}${x.model ? ` · ${name(names?.scoring, x.model)}` : ''}`;
		case 'conversion.record':
			return x.conversion ? name(names?.conversions, x.conversion) : x.create ? String((x.create as { name?: string }).name ?? '') : '';
		case 'format.copy':
		case 'format.extract':
		case 'format.capitalize':
		case 'format.date_shift':
		case 'format.math': {
			const f = (v: unknown) => (v && typeof v === 'object' ? name(names?.fields, (v as { field?: string }).field) : '');
			return `${f(x.from) || '…'} → ${f(x.to) || '…'}`;
		}
		case 'deal.add':
			return `${name(names?.pipelines, x.pipeline)}${x.title ? ` · ${String(x.title)}` : ''}`;
		case 'deal.update_status':
			return t(`builder.summary.dealStatus.${String(x.status)}`, { default: String(x.status) });
		case 'deal.update_stage':
			return name(names?.pipelines, x.pipeline);
		case 'deal.update_owner':
		case 'account.update_owner':
			return name(names?.users, x.owner);
		case 'deal.update_title':
		case 'deal.task_add':
			return String(x.title ?? '');
		case 'app.action':
			return `${String(x.app ?? '')}${x.action ? ` · ${String(x.action)}` : ''}`;
		default:
			return '';
	}
}

/** The one-line summary of a trigger's settings (with its entry rule). */
export function triggerSummary(tr: TriggerDef, cx: SummaryContext): string {
	const { t, names } = cx;
	const x = tr as Record<string, unknown>;
	let what = '';
	switch (tr.kind) {
		case 'list.subscribed':
		case 'list.unsubscribed':
			what = x.list ? name(names?.lists, x.list) : t('builder.summary.anyList');
			break;
		case 'tag.added':
		case 'tag.removed':
			what = x.tag ? String(x.tag) : t('builder.summary.chooseTag');
			break;
		case 'field.changed':
		case 'date.based':
			what = name(names?.fields, x.field) || t('builder.summary.chooseField');
			break;
		case 'email.opened':
		case 'email.clicked':
		case 'email.replied':
		case 'email.forwarded':
			what = x.email ? name(names?.emails, x.email) : t('builder.summary.anyEmail');
			break;
		case 'form.submitted':
			what = x.form ? name(names?.forms, x.form) : t('builder.summary.anyForm');
			break;
		case 'page.visited':
			what = String(x.url ?? '');
			break;
		case 'event.recorded':
			what = String(x.name ?? '');
			break;
		case 'score.changed':
			what = `${name(names?.scoring, x.model)} ${x.direction === 'below' ? '<' : '>'} ${String(x.threshold ?? '')}`;
			break;
		case 'goal.achieved':
		case 'goal.skipped':
		case 'automation.started':
			what = x.automation || x.from ? name(names?.automations, x.automation ?? x.from) : t('builder.summary.anyAutomation');
			break;
		case 'conversion.made':
			what = x.conversion ? name(names?.conversions, x.conversion) : t('builder.summary.anyConversion');
			break;
		case 'deal.entered_pipeline':
		case 'deal.stage_changed':
		case 'deal.status_changed':
		case 'deal.task_completed':
			what = x.pipeline ? name(names?.pipelines, x.pipeline) : t('builder.summary.anyPipeline');
			break;
	}
	const runs = t(tr.runs === 'every' ? 'builder.summary.runsEvery' : 'builder.summary.runsOnce');
	return what ? `${what} · ${runs}` : runs;
}
