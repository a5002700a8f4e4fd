/** Compiles a condition tree into one predicate: the single evaluator behind every segment use. */
import type { Condition, LeafCondition } from '../schema/conditions';
import { actionPred, conversionPred, eventPred, sitePred } from './activity';
import { automationPred } from './automation';
import { fieldPred, listPred, scorePred, tagPred } from './contact';
import { accountPred, dealPred } from './crm';
import { timePred } from './time';
import type { CompiledCondition, Pred } from './types';
import { opIsTimeRelative } from './values';

/** Compiles a tree. An empty group holds (`all: []`) or fails (`any: []`), as in logic. */
export function compileCondition(cond: Condition): CompiledCondition {
	let timeDependent = false;
	const build = (n: Condition): Pred => {
		if ('all' in n) {
			const kids = n.all.map(build);
			if (kids.length === 1) return kids[0];
			return (env, c, seen, deal) => {
				let ok = true;
				for (let i = 0; i < kids.length; i++) {
					if (!kids[i](env, c, seen, deal)) {
						ok = false;
						if (!seen) break;
					}
				}
				return ok;
			};
		}
		if ('any' in n) {
			const kids = n.any.map(build);
			if (kids.length === 1) return kids[0];
			return (env, c, seen, deal) => {
				let ok = false;
				for (let i = 0; i < kids.length; i++) {
					if (kids[i](env, c, seen, deal)) {
						ok = true;
						if (!seen) break;
					}
				}
				return ok;
			};
		}
		if (leafIsTimeDependent(n)) timeDependent = true;
		return leafPred(n);
	};
	const test = build(cond);
	return { test, timeDependent };
}

function leafPred(l: LeafCondition): Pred {
	switch (l.kind) {
		case 'field':
			return fieldPred(l);
		case 'tag':
			return tagPred(l);
		case 'list':
			return listPred(l);
		case 'score':
			return scorePred(l);
		case 'action':
			return actionPred(l);
		case 'automation':
			return automationPred(l);
		case 'site':
			return sitePred(l);
		case 'event':
			return eventPred(l);
		case 'deal':
			return dealPred(l);
		case 'account':
			return accountPred(l);
		case 'conversion':
			return conversionPred(l);
		case 'time':
			return timePred(l);
	}
}

function leafIsTimeDependent(l: LeafCondition): boolean {
	switch (l.kind) {
		case 'time':
			return true;
		case 'field':
		case 'account':
			return opIsTimeRelative(l.op, l.value);
		case 'deal':
			return !!l.field && opIsTimeRelative(l.field.op, l.field.value);
		case 'action':
		case 'site':
		case 'event':
		case 'conversion':
			return !!l.within;
		default:
			return false;
	}
}

/** Visits every leaf of a tree (used by validation to check references). */
export function forEachLeaf(cond: Condition, fn: (leaf: LeafCondition, path: (string | number)[]) => void, path: (string | number)[] = []): void {
	if ('all' in cond) cond.all.forEach((c, i) => forEachLeaf(c, fn, [...path, 'all', i]));
	else if ('any' in cond) cond.any.forEach((c, i) => forEachLeaf(c, fn, [...path, 'any', i]));
	else fn(cond, path);
}
