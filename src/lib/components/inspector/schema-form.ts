/**
 * Schema-driven forms: reads a step or trigger kind's zod schema and says which control edits each
 * setting (pickers for lists/tags/fields/emails…, durations, time of day, zones, typed values).
 * Hints (hints.ts) refine what a key means for a kind. Pure; no Svelte.
 */
import type { z } from 'zod';
import { Duration, FieldValue, TimeOfDay, ZoneRef } from '$lib/engine/schema/common';
import { Condition } from '$lib/engine/schema/conditions';
import { FieldRef } from '$lib/engine/steps/fields';
import type { FieldType } from '$lib/engine/schema/workspace';
import { HINTS } from './hints';

/** What a picker lists. */
export type RefKind =
	| 'list'
	| 'tag'
	| 'email'
	| 'form'
	| 'conversion'
	| 'scoring'
	| 'user'
	| 'assignee'
	| 'pipeline'
	| 'stage'
	| 'automation'
	| 'automationOrAll'
	| 'goal'
	| 'step'
	| 'contactField'
	| 'dealField'
	| 'accountField'
	| 'account';

/** The control that edits one setting. */
export type Control =
	| { type: 'text'; template?: boolean; multiline?: boolean; placeholder?: string; suggestions?: string[] }
	| { type: 'number'; int?: boolean; min?: number; max?: number; step?: number }
	| { type: 'boolean' }
	| { type: 'enum'; options: string[] }
	| { type: 'duration' }
	| { type: 'time' }
	| { type: 'zone' }
	| { type: 'ref'; ref: RefKind; types?: FieldType[]; customOnly?: boolean; scoring?: 'contact' | 'deal' }
	| { type: 'fieldref'; types?: FieldType[] }
	| { type: 'value'; field: string; source: 'contact' | 'deal' | 'account' }
	| { type: 'condition' }
	| { type: 'custom' };

/** One setting of a form. */
export interface FieldSpec {
	key: string;
	control: Control;
	/** May be left out (optional, or has a default). */
	optional: boolean;
	/** The schema's default, shown when the key is absent. */
	defaultValue?: unknown;
	/** Shown only when this holds for the item's definition. */
	when?: (def: Record<string, unknown>) => boolean;
}

/** Keys every step/trigger has, edited by the inspector frame or the canvas, not the form. */
export const FRAME_KEYS = new Set(['id', 'kind', 'label', 'next', 'yes', 'no', 'runs', 'filter']);

/** Keys whose strings are personalization templates. */
const TEMPLATE_KEYS = new Set(['subject', 'body', 'text', 'message', 'title', 'prompt']);
const MULTILINE_KEYS = new Set(['body', 'text', 'message', 'prompt']);

/** Picker meaning of a key when the kind gives no hint. */
const KEY_REFS: Record<string, RefKind> = {
	list: 'list',
	tag: 'tag',
	email: 'email',
	form: 'form',
	conversion: 'conversion',
	model: 'scoring',
	pipeline: 'pipeline',
	stage: 'stage',
	automation: 'automation',
	goal: 'goal',
	target: 'step',
	owner: 'user',
	field: 'contactField'
};

type Any = z.ZodType & { def: Record<string, any>; shape?: Record<string, z.ZodType>; options?: unknown[] };

/** Strips optional/default/nullable wrappers; tells whether the value may be absent and its default. */
export function unwrap(schema: z.ZodType): { inner: Any; optional: boolean; defaultValue?: unknown } {
	let s = schema as Any;
	let optional = false;
	let defaultValue: unknown;
	for (;;) {
		const t = s.def.type;
		if (t === 'optional' || t === 'nullable') {
			optional = true;
			s = s.def.innerType;
		} else if (t === 'default' || t === 'prefault') {
			optional = true;
			defaultValue = typeof s.def.defaultValue === 'function' ? s.def.defaultValue() : s.def.defaultValue;
			s = s.def.innerType;
		} else return { inner: s, optional, defaultValue };
	}
}

const bounded = (n: number | null) => n !== null && Math.abs(n) < Number.MAX_SAFE_INTEGER;

/** The control a schema suggests for a key, before hints. */
export function controlOf(key: string, schema: z.ZodType): Control {
	const s = schema as Any;
	if (s === (Duration as unknown)) return { type: 'duration' };
	if (s === (TimeOfDay as unknown)) return { type: 'time' };
	if (s === (ZoneRef as unknown)) return { type: 'zone' };
	if (s === (Condition as unknown)) return { type: 'condition' };
	if (s === (FieldRef as unknown)) return { type: 'fieldref' };
	if (s === (FieldValue as unknown)) return { type: 'value', field: 'field', source: 'contact' };
	switch (s.def.type) {
		case 'string':
			if (KEY_REFS[key]) return { type: 'ref', ref: KEY_REFS[key] };
			return TEMPLATE_KEYS.has(key) ? { type: 'text', template: true, multiline: MULTILINE_KEYS.has(key) } : { type: 'text' };
		case 'number': {
			const n = s as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
			return {
				type: 'number',
				...(n.isInt ? { int: true } : {}),
				// Integer schemas carry the safe-integer range as bounds: not worth showing.
				...(bounded(n.minValue) ? { min: n.minValue! } : {}),
				...(bounded(n.maxValue) ? { max: n.maxValue! } : {})
			};
		}
		case 'boolean':
			return { type: 'boolean' };
		case 'enum':
			return { type: 'enum', options: (s.options as string[]).slice() };
		default:
			return { type: 'custom' };
	}
}

/** The settings of a step/trigger schema with their controls (frame keys left out). */
export function describeSchema(kind: string, schema: z.ZodType): FieldSpec[] {
	const shape = (schema as Any).shape;
	if (!shape) return [];
	const hints = HINTS[kind] ?? {};
	const out: FieldSpec[] = [];
	for (const [key, field] of Object.entries(shape)) {
		if (FRAME_KEYS.has(key)) continue;
		const { inner, optional, defaultValue } = unwrap(field);
		const hint = hints[key];
		const control = hint?.control ?? controlOf(key, inner);
		out.push({ key, control, optional, ...(defaultValue !== undefined ? { defaultValue } : {}), ...(hint?.when ? { when: hint.when } : {}) });
	}
	return out;
}

/** Whether a kind can be edited by the generic form alone (no "custom" control). */
export function isGeneric(kind: string, schema: z.ZodType): boolean {
	return describeSchema(kind, schema).every((f) => f.control.type !== 'custom' && f.control.type !== 'condition');
}
