/** Condition families on the contact record: fields, tags, lists, scores. */
import type { FieldCondition, ListCondition, ScoreCondition, TagCondition } from '../schema/conditions';
import type { z } from 'zod';
import { compareValue } from './values';
import { type Pred, zoneOf } from './types';

/** Standard or custom field against an operator. */
export function fieldPred(l: z.infer<typeof FieldCondition>): Pred {
	const what = `field ${l.field}`;
	return (env, c, seen) => {
		const v = env.world.getField(c, l.field);
		const ok = compareValue(l.op, v, l.value, l.days, env.now, zoneOf(env, c));
		if (seen) seen.push({ what, value: v, ok });
		return ok;
	};
}

/** Has / has not a tag (tags compare case-insensitively, as marketers type them). */
export function tagPred(l: z.infer<typeof TagCondition>): Pred {
	const tag = l.tag.toLowerCase();
	const want = l.op === 'has';
	const what = `tag ${l.tag}`;
	return (_env, c, seen) => {
		let has = false;
		const tags = c.tags;
		for (let i = 0; i < tags.length; i++)
			if (tags[i] === l.tag || tags[i].toLowerCase() === tag) {
				has = true;
				break;
			}
		const ok = has === want;
		if (seen) seen.push({ what, value: has, ok });
		return ok;
	};
}

/** Is / is not on a list with a status (default active). */
export function listPred(l: z.infer<typeof ListCondition>): Pred {
	const want = l.op === 'is';
	const what = `list ${l.list}`;
	return (_env, c, seen) => {
		const status = c.lists[l.list] ?? null;
		const ok = (status === l.status) === want;
		if (seen) seen.push({ what, value: status, ok });
		return ok;
	};
}

/** A named score compared with a number (missing scores are 0). */
export function scorePred(l: z.infer<typeof ScoreCondition>): Pred {
	const what = `score ${l.model}`;
	return (_env, c, seen) => {
		const v = c.scores[l.model] ?? 0;
		const ok = cmp(l.op, v, l.value);
		if (seen) seen.push({ what, value: v, ok });
		return ok;
	};
}

/** Numeric comparison. */
export function cmp(op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte', a: number, b: number): boolean {
	switch (op) {
		case 'eq':
			return a === b;
		case 'neq':
			return a !== b;
		case 'gt':
			return a > b;
		case 'gte':
			return a >= b;
		case 'lt':
			return a < b;
		case 'lte':
			return a <= b;
	}
}
