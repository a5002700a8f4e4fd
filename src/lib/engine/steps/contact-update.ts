/**
 * Update contact: sets standard or custom field values. Text values are personalization templates;
 * each value is coerced to its field's type, and one that does not fit is skipped (with its reason)
 * while the others are still applied. `null` clears a field.
 */
import { z } from 'zod';
import { FieldValue } from '../schema/common';
import { TraceCode } from '../core/trace';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { COERCE_REASONS, coerceValue } from './coerce';
import { compileValue, fieldSpec, renderValue, writeField, type ValueTemplate } from './fields';

const Update = z.object({ field: z.string().min(1, 'choose a field'), value: FieldValue }).strict();

const schema = z
	.object({
		...stepBase,
		kind: z.literal('contact.update'),
		updates: z.array(Update).min(1, 'add at least one field to update'),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;
type Data = { field: string; value: ValueTemplate }[];

export const updateContact = defineStep<Def, Data>({
	kind: 'contact.update',
	group: 'contacts',
	title: 'Update contact',
	summary: 'Sets standard or custom field values of the contact (personalization allowed).',
	plans: { from: 'plus' },
	schema,
	outputs: linear,
	validate(d, v) {
		const seen = new Set<string>();
		d.updates.forEach((u, i) => {
			const path = ['updates', i];
			v.field(u.field, [...path, 'field']);
			if (seen.has(u.field))
				v.report('contact.update_duplicate', `Field "${u.field}" is updated twice in this step.`, 'Keep one update per field; the last one wins.', [...path, 'field'], 'warning');
			seen.add(u.field);
			if (typeof u.value === 'string') v.template(u.value, [...path, 'value']);
			const spec = fieldSpec(v.catalog, 'contact', u.field);
			const literal = typeof u.value !== 'string' || compileValue(u.value).tpl === null;
			if (spec && literal) {
				const co = coerceValue(spec, u.value, 'UTC');
				if (!co.ok)
					v.report('contact.update_value', `The value for field "${u.field}" ${COERCE_REASONS[co.reason] ?? 'does not fit the field'}.`, 'Enter a value of the field\'s type, or leave it empty to clear the field.', [...path, 'value']);
			}
		});
	},
	compile: (d) => d.updates.map((u) => ({ field: u.field, value: compileValue(u.value) })),
	enter(e, r, s) {
		const changed: string[] = [];
		let failed = 0;
		for (const u of s.data) {
			const raw = renderValue(e, r, u.value);
			const res = writeField(e, r, { source: 'contact', field: u.field }, raw);
			if (!res.ok) {
				failed++;
				e.log(r, s, TraceCode.step_skipped, { field: u.field, reason: res.reason, value: raw });
			} else if (res.changed) changed.push(u.field);
		}
		if (failed < s.data.length) e.log(r, s, TraceCode.step_done, { changed });
		return s.out[0];
	}
});
