/** Condition families over recorded behaviour: email/form/SMS actions, site visits, events, conversions. */
import type { z } from 'zod';
import type { ActionCondition, ConversionCondition, EventCondition, SiteCondition } from '../schema/conditions';
import { durationMs } from '../core/time';
import type { Activity, ActivityType } from '../world';
import { cmp } from './contact';
import { compareValue } from './values';
import { type Pred, zoneOf } from './types';

type Count = { op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte'; value: number } | undefined;

/** Builds a predicate that counts matching activities in a window and compares the count. */
function counting(
	what: string,
	type: ActivityType,
	positive: boolean,
	count: Count,
	withinMs: number,
	match: (a: Activity) => boolean
): Pred {
	const need = count ?? { op: 'gte' as const, value: 1 };
	return (env, c, seen) => {
		const from = withinMs > 0 ? env.now - withinMs : -Infinity;
		let n = 0;
		const acts = c.activity;
		for (let i = acts.length - 1; i >= 0; i--) {
			const a = acts[i];
			if (a.at > env.now) continue;
			if (a.at < from) break;
			if (a.type === type && match(a)) n++;
		}
		const ok = cmp(need.op, n, need.value) === positive;
		if (seen) seen.push({ what, value: n, ok });
		return ok;
	};
}

const ACTION_TYPES: Record<z.infer<typeof ActionCondition>['action'], ActivityType> = {
	opened: 'opened',
	clicked: 'clicked',
	replied: 'replied',
	forwarded: 'forwarded',
	received: 'received',
	submitted_form: 'submitted_form',
	sms_replied: 'sms_replied'
};

/** Opened / clicked / replied / forwarded / received an email (a given one or any), submitted a form, replied by SMS. */
export function actionPred(l: z.infer<typeof ActionCondition>): Pred {
	const ref = l.action === 'submitted_form' ? l.form : l.email;
	const link = l.link ? globMatcher(l.link) : null;
	const what = `${l.action} ${ref ?? 'any'}${l.link ? ` ${l.link}` : ''}`;
	return counting(what, ACTION_TYPES[l.action], l.op === 'has', l.count, l.within ? durationMs(l.within) : 0, (a) =>
		(ref === undefined || a.ref === ref) && (link === null || (typeof a.value === 'string' && link(a.value)))
	);
}

/** Visited a URL matching the pattern. */
export function sitePred(l: z.infer<typeof SiteCondition>): Pred {
	const m = globMatcher(l.url);
	return counting(`visited ${l.url}`, 'visited', l.op === 'visited', l.count, l.within ? durationMs(l.within) : 0, (a) => m(a.ref));
}

/** Recorded event X, optionally with a value condition. */
export function eventPred(l: z.infer<typeof EventCondition>): Pred {
	const name = l.name;
	const valueCond = l.value;
	const inner = (zone: string, now: number) => (a: Activity) =>
		a.ref === name && (!valueCond || compareValue(valueCond.op, a.value ?? null, valueCond.value, undefined, now, zone));
	const within = l.within ? durationMs(l.within) : 0;
	const what = `event ${name}`;
	return (env, c, seen) =>
		counting(what, 'event', l.op === 'recorded', l.count, within, inner(zoneOf(env, c), env.now))(env, c, seen, null);
}

/** Made a conversion (a given one or any). */
export function conversionPred(l: z.infer<typeof ConversionCondition>): Pred {
	const ref = l.conversion;
	return counting(`conversion ${ref ?? 'any'}`, 'conversion', l.op === 'made', l.count, l.within ? durationMs(l.within) : 0, (a) =>
		ref === undefined || a.ref === ref
	);
}

/**
 * URL pattern matcher: `*` matches anything; scheme and "www." are ignored; a pattern without `*`
 * matches the URL exactly or with a trailing slash/query.
 */
export function globMatcher(pattern: string): (url: string) => boolean {
	const p = normalizeUrl(pattern);
	if (!p.includes('*')) return (url) => {
		const u = normalizeUrl(url);
		return u === p || u.startsWith(p + '/') && u.length === p.length + 1 || u.startsWith(p + '?') || u.startsWith(p + '#');
	};
	const re = new RegExp('^' + p.split('*').map(escapeRe).join('.*') + '$');
	return (url) => re.test(normalizeUrl(url));
}

function normalizeUrl(u: string): string {
	return u.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '');
}

function escapeRe(s: string): string {
	return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
