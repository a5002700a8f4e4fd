/** Condition families over CRM records: the contact's deals and account. */
import type { z } from 'zod';
import type { AccountCondition, DealCondition } from '../schema/conditions';
import type { FieldValue } from '../core/values';
import type { Account, Deal } from '../world';
import { compareValue } from './values';
import { type Pred, zoneOf } from './types';

/** Standard deal properties readable by name; anything else is a custom deal field. */
export function dealField(d: Deal, field: string): FieldValue {
	switch (field) {
		case 'title':
		case 'currency':
		case 'status':
		case 'stage':
		case 'pipeline':
			return d[field];
		case 'value':
		case 'score':
			return d[field];
		case 'owner':
			return d.owner;
		default:
			return d.fields[field] ?? null;
	}
}

/** Standard account properties readable by name; anything else is a custom account field. */
export function accountField(a: Account, field: string): FieldValue {
	if (field === 'name') return a.name;
	if (field === 'owner') return a.owner;
	return a.fields[field] ?? null;
}

/** Has / has not a deal matching pipeline, stage, status and an optional field condition. */
export function dealPred(l: z.infer<typeof DealCondition>): Pred {
	const want = l.op === 'has';
	const what = `deal${l.pipeline ? ` in ${l.pipeline}` : ''}${l.stage ? ` at ${l.stage}` : ''}${l.status ? ` ${l.status}` : ''}${l.field ? ` ${l.field.field} ${l.field.op}` : ''}`;
	return (env, c, seen, ctxDeal) => {
		const zone = zoneOf(env, c);
		const own = env.world.contactDeals(c);
		const deals = ctxDeal && !own.includes(ctxDeal) ? [ctxDeal, ...own] : own;
		let found: Deal | null = null;
		for (const d of deals) {
			if (l.pipeline && d.pipeline !== l.pipeline) continue;
			if (l.stage && d.stage !== l.stage) continue;
			if (l.status && d.status !== l.status) continue;
			if (l.field && !compareValue(l.field.op, dealField(d, l.field.field), l.field.value, l.field.days, env.now, zone)) continue;
			found = d;
			break;
		}
		const ok = (found !== null) === want;
		if (seen) seen.push({ what, value: found ? found.id : null, ok });
		return ok;
	};
}

/** The contact's account field against an operator (no account: its fields read as empty). */
export function accountPred(l: z.infer<typeof AccountCondition>): Pred {
	const what = `account ${l.field}`;
	return (env, c, seen) => {
		const a = c.account ? env.world.accounts.get(c.account) : undefined;
		const v = a ? accountField(a, l.field) : null;
		const ok = compareValue(l.op, v, l.value, l.days, env.now, zoneOf(env, c));
		if (seen) seen.push({ what, value: v, ok });
		return ok;
	};
}
