/**
 * Internal notification email: tells team members (user ids or addresses) that a contact reached
 * the step. Subject and body are plain text with personalization; it does not depend on the
 * contact's email or subscriptions.
 */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { compileTemplate, escapeHtml, type Template } from '../personalize';
import type { Catalog } from '../world';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { isEmailAddress } from './coerce';
import { addressList } from './email-direct';
import { renderFor } from './fields';

const schema = z
	.object({
		...stepBase,
		kind: z.literal('notification.internal'),
		/** Comma-separated user ids or email addresses. */
		to: z.string().trim().min(1, 'choose who to notify'),
		subject: z.string().trim().min(1, 'write a subject'),
		body: z.string().trim().min(1, 'write the message'),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;
type Data = { subject: Template; body: Template };

/** The address of a recipient entry (a user id or an address), or null when unknown. */
export function recipientAddress(cat: Catalog, entry: string): string | null {
	const u = cat.users.get(entry);
	if (u) return u.email;
	return isEmailAddress(entry) ? entry : null;
}

export const internalNotification = defineStep<Def, Data>({
	kind: 'notification.internal',
	group: 'sending',
	title: 'Internal notification email',
	summary: 'Emails team members when the contact reaches the step (personalization allowed).',
	plans: { from: 'plus' },
	schema,
	outputs: linear,
	validate(d, v) {
		for (const entry of addressList(d.to))
			if (!recipientAddress(v.catalog, entry))
				v.report('notification.recipient', `Recipient "${entry}" is neither a team member nor an email address.`, 'Pick team members or type addresses separated by commas.', ['to']);
		v.template(d.subject, ['subject']);
		v.template(d.body, ['body']);
	},
	compile: (d) => ({ subject: compileTemplate(d.subject), body: compileTemplate(d.body) }),
	enter(e, r, s) {
		const to: string[] = [];
		for (const entry of addressList(s.def.to)) {
			const a = recipientAddress(e.world.catalog, entry);
			if (a && !to.includes(a)) to.push(a);
		}
		if (!to.length) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'no_recipient' });
			return s.out[0];
		}
		const text = renderFor(e, r, s.data.body);
		const eff = e.emit(r, s, 'email.internal', {
			to,
			subject: renderFor(e, r, s.data.subject),
			text,
			html: escapeHtml(text).replace(/\r?\n/g, '<br>'),
			contact: e.contactOf(r).id
		});
		e.log(r, s, TraceCode.step_done, { key: eff.key, to });
		return s.out[0];
	}
});
