/** Building blocks shared by the portable format's schemas. */
import { z } from 'zod';

/** A user-chosen identifier: letters, digits, `_`, `-`, `.`, `:`, `@`. */
export const Id = z
	.string()
	.min(1, 'must not be empty')
	.max(200)
	.regex(/^[A-Za-z0-9_.:@-]+$/, 'may only contain letters, digits, "_", "-", ".", ":" and "@"');

/** An ISO-8601 instant or date. */
export const Instant = z
	.string()
	.regex(
		/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
		'must be an ISO date ("2026-03-01") or instant with an offset ("2026-03-01T09:00:00Z")'
	);

/** A time of day, "HH:MM" on a 24-hour clock. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day "HH:MM"');

/** A length of time as units. */
export const Duration = z
	.object({
		weeks: z.number().min(0).optional(),
		days: z.number().min(0).optional(),
		hours: z.number().min(0).optional(),
		minutes: z.number().min(0).optional(),
		seconds: z.number().min(0).optional()
	})
	.strict();

/** An IANA time zone name or "contact" (the contact's own zone). */
export const ZoneRef = z
	.string()
	.refine((z) => z === 'contact' || isValidZone(z), 'must be "contact" or an IANA time zone such as "Europe/Paris"');

/** A value stored in a field. Dates are "YYYY-MM-DD", date-times ISO instants, multi-select string arrays. */
export const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

/** Numeric comparison operators. */
export const CmpOp = z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);

/** Whether an IANA zone name is known to this runtime's Intl. */
export function isValidZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
