/**
 * Add to / Remove from a Facebook custom audience. The effect carries the raw identifiers
 * (normalised email, E.164 phone, names); the connector hashes them (SHA-256 is async in the
 * browser and does not belong in the engine). Adding can create the audience: a "customer list"
 * (subtype CUSTOM) that the connector creates once per name and reuses.
 */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { toE164 } from '../core/phone';
import { normalizeEmail } from '../world';
import { defineStep, type StepKind } from './kind';
import { linear, next, stepBase } from './base';
import { isEmailAddress } from './coerce';

/** An existing audience (its Facebook id) or one to create by name. */
const Audience = z.union([
	z.object({ id: z.string().trim().min(1, 'pick an audience') }).strict(),
	z.object({ create: z.object({ name: z.string().trim().min(1, 'name the new audience').max(200) }).strict() }).strict()
]);

const addSchema = z.object({ ...stepBase, kind: z.literal('facebook.audience_add'), audience: Audience, ...next }).strict();
const removeSchema = z.object({ ...stepBase, kind: z.literal('facebook.audience_remove'), audience: Audience, ...next }).strict();
type AddDef = z.infer<typeof addSchema>;
type RemoveDef = z.infer<typeof removeSchema>;

function audienceStep<D extends AddDef | RemoveDef>(kind: D['kind'], schema: z.ZodType<D>, title: string, summary: string): StepKind<D> {
	const adding = kind === 'facebook.audience_add';
	return defineStep<D>({
		kind,
		group: 'contacts',
		title,
		summary,
		plans: { from: 'plus' },
		schema,
		outputs: linear,
		validate(d, v) {
			if (!adding && 'create' in d.audience)
				v.report('facebook.remove_create', 'A contact cannot be removed from an audience that this step would create.', 'Pick an existing custom audience to remove contacts from.', ['audience']);
		},
		enter(e, r, s) {
			const c = e.contactOf(r);
			const email = c.email && isEmailAddress(c.email.trim()) ? normalizeEmail(c.email) : '';
			const phone = toE164(c.phone);
			if (!email && !phone) {
				e.log(r, s, TraceCode.step_skipped, { reason: 'no_identifiers' });
				return s.out[0];
			}
			const a = s.def.audience;
			const eff = e.emit(r, s, kind, {
				audienceId: 'id' in a ? a.id : null,
				createName: 'create' in a ? a.create.name : null,
				subtype: 'CUSTOM',
				identifiers: { email, phone, firstName: c.firstName.trim(), lastName: c.lastName.trim() }
			});
			e.log(r, s, TraceCode.step_done, { key: eff.key });
			return s.out[0];
		}
	});
}

export const facebookAudienceAdd = audienceStep<AddDef>(
	'facebook.audience_add',
	addSchema,
	'Add to Facebook custom audience',
	'Adds the contact (hashed identifiers) to a Facebook custom audience, which the step can create.'
);

export const facebookAudienceRemove = audienceStep<RemoveDef>(
	'facebook.audience_remove',
	removeSchema,
	'Remove from Facebook custom audience',
	'Removes the contact from a Facebook custom audience.'
);
