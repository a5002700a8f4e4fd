/**
 * Readable sentences for a contact's timeline, in the interface language: what the engine's trace
 * says happened in an automation (entered, waited, took the Yes path, skipped a step because…),
 * what the contact did (opened, clicked, visited, bought…) and what it received. Pure: the caller
 * passes the translate function and the names of emails, forms and conversions.
 */
import type { TraceLine } from '$lib/worker/views';
import type { Activity } from '$lib/engine/world';

/** svelte-i18n's `$_` as a plain function. */
export type Translate = (key: string, opts?: { values?: Record<string, string | number>; default?: string }) => string;

/** Names to show instead of ids. */
export interface Names {
	emails: Record<string, string>;
	forms: Record<string, string>;
	conversions: Record<string, string>;
}

/** Formats an instant for a sentence. */
export type FormatTime = (t: number) => string;

const K = 'contacts.sentence.';

/** "Entered “Welcome series”." / "Took the Yes path at “Opened?”." … */
export function traceSentence(l: TraceLine, t: Translate, time: FormatTime): string {
	const d = (l.detail ?? {}) as Record<string, unknown>;
	const step = l.stepLabel ?? (l.stepKind ? stepKindTitle(l.stepKind, t, l.stepTitle ?? l.step ?? '') : (l.stepTitle ?? l.step ?? ''));
	const v = { automation: l.automationName || l.automation, step, subject: l.subject ?? step };
	const say = (key: string, extra: Record<string, string | number> = {}) => t(K + key, { values: { ...v, ...extra } });
	switch (l.code) {
		case 'entered':
			return say('entered');
		case 'entry_refused':
			return say('entryRefused', { reason: reason(String(d.reason ?? ''), t) });
		case 'step_done':
			return stepDone(l, d, say, t);
		case 'step_skipped':
			return say('stepSkipped', { reason: reason(String(d.reason ?? ''), t) });
		case 'wait_started': {
			const until = typeof d.until === 'number' ? d.until : typeof l.value === 'number' && !Number.isNaN(l.value) ? l.value : null;
			if (d.conditions) return until !== null ? say('waitConditionsUntil', { date: time(until) }) : say('waitConditions');
			return until !== null ? say('waitUntil', { date: time(until) }) : say('waitStarted');
		}
		case 'wait_ended':
			return d.reason === 'conditions_met' ? say('waitMet') : d.reason === 'time_limit' ? say('waitTimeLimit') : say('waitEnded');
		case 'branch':
			return say('branch', { path: d.path === 'yes' ? t(K + 'yes') : d.path === 'no' ? t(K + 'no') : String(d.path ?? '') });
		case 'goal_achieved':
			return d.jumpedFrom ? say('goalJumped') : say('goalAchieved');
		case 'goal_skipped':
			return d.then === 'end' ? say('goalSkippedEnd') : say('goalSkippedContinue');
		case 'goal_waiting':
			return say('goalWaiting');
		case 'jumped':
			return say('jumped', { to: String(d.to ?? ''), pass: Number(d.pass ?? 1) });
		case 'completed':
			return say('completed');
		case 'exited':
			return say('exited', { reason: reason(String(d.reason ?? ''), t) });
		case 'effect_emitted':
			return say('effectEmitted');
		case 'result_received':
			return say('resultReceived');
		case 'result_failed':
			return say('resultFailed', { error: String(d.error ?? d.reason ?? '') });
		case 'migrated':
			return d.released ? say('migratedReleased', { version: Number(d.version ?? 0) }) : say('migrated', { version: Number(d.version ?? 0) });
		default:
			return say('other', { code: l.code });
	}
}

function stepDone(l: TraceLine, d: Record<string, unknown>, say: (k: string, x?: Record<string, string | number>) => string, t: Translate): string {
	if (d.siteMessageShown) return say('siteMessageShown', { url: String(d.url ?? '') });
	switch (l.stepKind) {
		case 'email.send':
			return d.variant ? say('emailSentVariant', { variant: String(d.variant) }) : say('emailSent');
		case 'tag.add':
			return say('tagAdded');
		case 'tag.remove':
			return say('tagRemoved');
		case 'list.subscribe':
			return say('subscribed');
		case 'list.unsubscribe':
			return say('unsubscribed');
		case 'score.adjust':
			return say('scoreChanged', { from: Number(d.from ?? 0), to: Number(d.to ?? 0) });
		case 'wait':
			return say('waitMet');
		case 'goal':
			return say('goalAlready');
		case 'automation.start':
			return say('startedAutomation');
		case 'automation.end_other':
			return l.subject === '*' ? say('endedOthers', { count: Number(d.runs ?? 0) }) : say('endedAutomation', { count: Number(d.runs ?? 0) });
		case 'sms.send':
			return say('smsSent');
		case 'notification.internal':
			return say('notified', { to: String(d.to ?? '') });
		case 'note.add':
			return say('noteAdded');
		case 'conversion.record':
			return say('converted');
		case 'webhook':
			return say('webhookPosted');
		case 'contact.update':
			return say('contactUpdated');
		case 'automation.end_this':
			return say('endedHere');
		default:
			if ('from' in d && 'to' in d) return say('changedFromTo', { from: show(d.from, t), to: show(d.to, t) });
			return say('stepDone');
	}
}

function show(v: unknown, t: Translate): string {
	if (v === null || v === undefined || v === '') return t(K + 'empty');
	return Array.isArray(v) ? v.join(', ') : String(v);
}

/** A step kind's title in the interface language (the builder's dictionary of kinds). */
export function stepKindTitle(kind: string, t: Translate, fallback = kind): string {
	return t(`kinds.step.${kind}.title`, { default: fallback });
}

/** A reason code in words ("already_tagged" → "the contact already had the tag"). */
export function reason(code: string, t: Translate): string {
	if (!code) return t(K + 'reason.unknown');
	return t(`${K}reason.${code}`, { default: code.replace(/_/g, ' ') });
}

/** "Opened “Welcome #1”." / "Visited https://…" / "Bought for 42.50." */
export function activitySentence(a: Pick<Activity, 'type' | 'ref' | 'value' | 'variant'>, names: Names, t: Translate, money: (n: number) => string): string {
	const email = a.ref ? (names.emails[a.ref] ?? a.ref) : t(K + 'anEmail');
	const values: Record<string, string | number> = { email, ref: a.ref, value: a.value === null ? '' : String(a.value) };
	switch (a.type) {
		case 'received':
			return t(K + 'act.received', { values });
		case 'opened':
		case 'replied':
		case 'forwarded':
			return t(`${K}act.${a.type}`, { values });
		case 'clicked':
			return a.value ? t(K + 'act.clickedLink', { values: { ...values, link: String(a.value) } }) : t(K + 'act.clicked', { values });
		case 'visited':
			return t(K + 'act.visited', { values });
		case 'submitted_form':
			return t(K + 'act.form', { values: { form: names.forms[a.ref] ?? a.ref } });
		case 'sms_replied':
			return t(K + 'act.sms', { values: { text: String(a.value ?? '') } });
		case 'event':
			if (a.ref === 'purchase' && typeof a.value === 'number') return t(K + 'act.purchase', { values: { amount: money(a.value) } });
			return a.value !== null && a.value !== '' ? t(K + 'act.eventValue', { values }) : t(K + 'act.event', { values });
		case 'conversion':
			return typeof a.value === 'number'
				? t(K + 'act.conversionValue', { values: { conversion: names.conversions[a.ref] ?? a.ref, amount: money(a.value) } })
				: t(K + 'act.conversion', { values: { conversion: names.conversions[a.ref] ?? a.ref } });
	}
}
