/**
 * Condition families of the segment builder: their order, a new leaf of each, and the operators
 * that make sense for a field of a given type. Pure.
 */
import type { Condition, FieldOp, LeafCondition } from '$lib/engine/schema/conditions';
import type { FieldType } from '$lib/engine/schema/workspace';
import type { CatalogView } from '$lib/worker/handlers/catalog';

/** Families in menu order. */
export const FAMILIES = ['tag', 'field', 'list', 'score', 'action', 'site', 'event', 'automation', 'deal', 'account', 'conversion', 'time'] as const;
export type Family = (typeof FAMILIES)[number];

/** A new leaf of a family, pointing at the first matching catalogue entry. */
export function newLeaf(family: Family, cat: CatalogView): LeafCondition {
	switch (family) {
		case 'tag':
			return { kind: 'tag', op: 'has', tag: cat.tags[0] ?? '' };
		case 'field': {
			const f = cat.fields.contact.find((x) => !x.standard) ?? cat.fields.contact[0];
			return { kind: 'field', field: f?.key ?? 'email', op: fieldOps(f?.type)[0] };
		}
		case 'list':
			return { kind: 'list', op: 'is', list: cat.lists[0]?.id ?? '', status: 'active' };
		case 'score':
			return { kind: 'score', model: cat.scoring.find((m) => m.target === 'contact')?.id ?? '', op: 'gte', value: 10 };
		case 'action':
			return { kind: 'action', action: 'opened', op: 'has' };
		case 'site':
			return { kind: 'site', op: 'visited', url: '' };
		case 'event':
			return { kind: 'event', op: 'recorded', name: '' };
		case 'automation':
			return { kind: 'automation', op: 'completed', automation: cat.automations[0]?.id ?? '' };
		case 'deal':
			return { kind: 'deal', op: 'has', ...(cat.pipelines[0] ? { pipeline: cat.pipelines[0].id } : {}), status: 'open' };
		case 'account':
			return { kind: 'account', field: 'name', op: 'not_empty' };
		case 'conversion':
			return { kind: 'conversion', op: 'made' };
		case 'time':
			return { kind: 'time', part: 'day_of_week', op: 'in', value: [1, 2, 3, 4, 5], zone: 'contact' };
	}
}

/** Operators offered for a field of this type (unknown types get the text operators). */
export function fieldOps(type: FieldType | undefined): FieldOp[] {
	switch (type) {
		case 'number':
			return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'];
		case 'date':
		case 'datetime':
			return ['on', 'before', 'after', 'within_last', 'within_next', 'empty', 'not_empty'];
		case 'dropdown':
			return ['eq', 'neq', 'contains', 'not_contains', 'empty', 'not_empty'];
		case 'multiselect':
			return ['includes', 'excludes', 'empty', 'not_empty'];
		case 'checkbox':
			return ['eq', 'neq'];
		default:
			return ['eq', 'neq', 'contains', 'not_contains', 'starts_with', 'ends_with', 'empty', 'not_empty'];
	}
}

/** Whether the operator compares with a value. */
export function opTakesValue(op: FieldOp): boolean {
	return op !== 'empty' && op !== 'not_empty';
}

/** Whether the operator counts days from today. */
export function opTakesDays(op: FieldOp): boolean {
	return op === 'within_last' || op === 'within_next';
}

/** A leaf with its operator changed, keeping the value only when it still makes sense. */
export function withFieldOp<T extends { op: FieldOp; value?: unknown; days?: number }>(leaf: T, op: FieldOp): T {
	const next = { ...leaf, op };
	if (!opTakesValue(op) || opTakesDays(op)) delete next.value;
	if (opTakesDays(op)) next.days = leaf.days ?? 7;
	else delete next.days;
	return next;
}

/** Whether a node is a group. */
export function isGroup(c: Condition): c is { all: Condition[] } | { any: Condition[] } {
	return 'all' in c || 'any' in c;
}

/** The family of a leaf. */
export function familyOf(c: LeafCondition): Family {
	return c.kind as Family;
}
