/**
 * Convert: records a conversion for the contact (an existing one, or one created by the step and
 * added to the catalogue). The recorded activity fires "Makes a conversion" triggers.
 */
import { z } from 'zod';
import { Id } from '../schema/common';
import { TraceCode } from '../core/trace';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';

const schema = z
	.object({
		...stepBase,
		kind: z.literal('conversion.record'),
		/** An existing conversion… */
		conversion: Id.optional(),
		/** …or one to create (reused when a conversion with this id already exists). */
		create: z.object({ id: Id, name: z.string().trim().min(1, 'name the conversion'), value: z.number().finite().optional() }).strict().optional(),
		/** Value recorded with the conversion (default: the conversion's own value). */
		value: z.number().finite().optional(),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;

export const recordConversion = defineStep<Def>({
	kind: 'conversion.record',
	group: 'contacts',
	title: 'Convert',
	summary: 'Records a conversion for the contact (pick an existing one or create one).',
	plans: { from: 'professional' },
	schema,
	outputs: linear,
	validate(d, v) {
		if (d.conversion && d.create)
			v.report('conversion.both', 'This step both picks and creates a conversion.', 'Either pick an existing conversion or create a new one, not both.', ['create']);
		else if (!d.conversion && !d.create)
			v.report('conversion.missing', 'This step has no conversion to record.', 'Pick an existing conversion or create a new one.', ['conversion']);
		if (d.conversion && !v.catalog.conversions.has(d.conversion))
			v.report('ref.conversion', `Conversion "${d.conversion}" does not exist.`, 'Pick an existing conversion, or create it from this step.', ['conversion']);
		const existing = d.create ? v.catalog.conversions.get(d.create.id) : undefined;
		if (existing && existing.name !== d.create!.name)
			v.report('conversion.exists', `A conversion with id "${d.create!.id}" already exists as "${existing.name}"; it will be reused.`, 'Pick it as an existing conversion, or choose another id.', ['create', 'id'], 'warning');
	},
	enter(e, r, s) {
		const w = e.world;
		const d = s.def;
		let id = d.conversion;
		let created = false;
		if (!id && d.create) {
			id = d.create.id;
			created = w.addConversion({ id, name: d.create.name, ...(d.create.value !== undefined ? { value: d.create.value } : {}) });
		}
		const conv = id ? w.catalog.conversions.get(id) : undefined;
		if (!conv) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'conversion_missing', conversion: id ?? null });
			return s.out[0];
		}
		const value = d.value ?? conv.value ?? null;
		w.recordActivity(e.contactOf(r), e.now, 'conversion', conv.id, value);
		e.log(r, s, TraceCode.step_done, { conversion: conv.id, value, created });
		return s.out[0];
	}
});
