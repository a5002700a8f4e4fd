/**
 * The engine's trace lines as sentences people read in the contact's path: what happened at the
 * step and why, with a mark (done ✓, not done ✗, waiting ⏳, neutral). Every code and the common
 * reasons are translated; an unknown reason is shown in plain words.
 */
import type { PathLine } from '../../worker/handlers/builder-views';
import type { Translate } from './summary';

/** How a line is marked in the timeline. */
export type Mark = 'ok' | 'fail' | 'wait' | 'info';

/** A readable trace line. */
export interface Sentence {
	text: string;
	mark: Mark;
	/** What the engine looked at (conditions), one short text each with whether it held. */
	seen: { text: string; ok: boolean }[];
}

/** What sentences read besides the line. */
export interface SentenceContext {
	t: Translate;
	/** Formats a virtual instant. */
	time(at: number): string;
	/** Title of a step of the automation. */
	stepTitle(id: string): string;
	/** True when this line is the wait the contact is held at right now. */
	current: boolean;
}

/** A reason code in words (translated when known). */
export function reasonText(reason: unknown, t: Translate): string {
	const r = String(reason ?? '');
	if (!r) return '';
	return t(`builder.reason.${r}`, { default: r.replace(/_/g, ' ') });
}

function seenOf(detail: Record<string, unknown> | undefined, t: Translate): Sentence['seen'] {
	const seen = detail?.seen;
	if (!Array.isArray(seen)) return [];
	return seen.map((o: { what?: unknown; value?: unknown; ok?: unknown }) => {
		const v = o.value;
		const value = v === true ? t('builder.path.yes') : v === false ? t('builder.path.no') : v === null || v === undefined || v === '' ? t('builder.path.empty') : Array.isArray(v) ? v.join(', ') : String(v);
		return { text: `${String(o.what ?? '')}: ${value}`, ok: o.ok === true };
	});
}

/** The sentence for one trace line. */
export function sentence(line: PathLine, cx: SentenceContext): Sentence {
	const { t } = cx;
	const d = line.detail ?? {};
	const seen = seenOf(d, t);
	const s = (text: string, mark: Mark): Sentence => ({ text, mark, seen });
	const v = (key: string, values: Record<string, unknown> = {}) => t(`builder.trace.${key}`, { values });
	switch (line.code) {
		case 'entered':
			return s(v('entered'), 'ok');
		case 'entry_refused':
			return s(v('entryRefused', { reason: reasonText(d.reason, t) }), 'fail');
		case 'step_done': {
			if (d.reason === 'already_achieved') return s(v('goalAlready'), 'ok');
			if (d.reason === 'conditions_met') return s(v('conditionsAlreadyMet'), 'ok');
			if (d.reason === 'already_passed') return s(v('alreadyPassed'), 'ok');
			if (typeof d.variant === 'string') return s(v('sentVariant', { variant: d.variant }), 'ok');
			if (typeof d.started === 'string') return s(v('started', { name: d.started }), 'ok');
			if (typeof d.ended === 'string') return s(v('ended', { name: d.ended === '*' ? t('builder.summary.allOthers') : d.ended, n: Number(d.runs ?? 0) }), 'ok');
			if (typeof d.deal === 'string' && d.to !== undefined) return s(v('dealChanged', { from: String(d.from ?? '—'), to: String(d.to) }), 'ok');
			if (typeof d.deal === 'string') return s(v('dealDone', { deal: d.deal }), 'ok');
			if (d.from !== undefined && d.to !== undefined) return s(v('changed', { from: String(d.from ?? '—'), to: String(d.to) }), 'ok');
			return s(v('done'), 'ok');
		}
		case 'step_skipped':
			return s(v('skipped', { reason: reasonText(d.reason, t) }), 'fail');
		case 'wait_started': {
			const until = typeof d.until === 'number' ? d.until : line.value;
			if (d.reason === 'field_empty') return s(v('waitFieldEmpty'), cx.current ? 'wait' : 'info');
			if (d.conditions) return s(typeof until === 'number' ? v(cx.current ? 'waitingConditionsUntil' : 'waitedConditionsUntil', { time: cx.time(until) }) : v(cx.current ? 'waitingConditions' : 'waitedConditions'), cx.current ? 'wait' : 'info');
			return s(typeof until === 'number' ? v(cx.current ? 'waitingUntil' : 'waitedUntil', { time: cx.time(until) }) : v(cx.current ? 'waiting' : 'waited'), cx.current ? 'wait' : 'info');
		}
		case 'wait_ended':
			if (d.reason === 'conditions_met') return s(v('conditionsMet'), 'ok');
			if (d.reason === 'time_limit') return s(v('timeLimit'), 'ok');
			return s(v('waitOver'), 'ok');
		case 'branch': {
			const path = String(d.path ?? '');
			const label = path === 'yes' ? t('builder.edge.yes') : path === 'no' ? t('builder.edge.no') : path;
			const why = typeof d.why === 'string' ? t(`builder.reason.split_${d.why}`, { default: '' }) : '';
			return s(v(why ? 'branchWhy' : 'branch', { path: label, why }), 'ok');
		}
		case 'goal_achieved':
			return s(typeof d.jumpedFrom === 'string' ? v('goalJumped', { from: cx.stepTitle(d.jumpedFrom) }) : v('goalAchieved'), 'ok');
		case 'goal_skipped':
			return s(v(d.then === 'end' ? 'goalSkippedEnd' : 'goalSkippedContinue'), 'fail');
		case 'goal_waiting':
			return s(v(cx.current ? 'goalWaiting' : 'goalWaited'), cx.current ? 'wait' : 'info');
		case 'jumped':
			return s(v('jumped', { step: cx.stepTitle(String(d.to ?? '')), n: Number(d.pass ?? 1) }), 'ok');
		case 'completed':
			return s(v(d.reason === 'end_step' ? 'completedEnd' : 'completed'), 'ok');
		case 'exited':
			return s(v('exited', { reason: reasonText(d.reason, t) }), 'fail');
		case 'effect_emitted':
			return s(typeof d.until === 'number' ? v('requested', { time: cx.time(d.until) }) : v('requestedNow'), cx.current ? 'wait' : 'info');
		case 'result_received':
			return s(v('answered'), 'ok');
		case 'result_failed':
			return s(v('noAnswer', { reason: reasonText(d.reason, t) }), 'fail');
		case 'migrated':
			if (d.moved) return s(v('moved', { version: Number(d.version ?? 0), step: cx.stepTitle(String(d.to ?? '')) }), 'info');
			if (d.released) return s(d.to ? v('released', { version: Number(d.version ?? 0), step: cx.stepTitle(String(d.to)) }) : v('releasedEnd', { version: Number(d.version ?? 0) }), 'info');
			return s(v('rearmed', { version: Number(d.version ?? 0) }), 'info');
		default:
			return s(line.code.replace(/_/g, ' '), 'info');
	}
}
