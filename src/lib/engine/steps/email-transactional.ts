/**
 * Send a transactional email through a Postmark-style relay, regardless of marketing status (only
 * hard bounces and complaints block it). The effect payload has Postmark's message shape.
 */
import { z } from 'zod';
import { Id } from '../schema/common';
import { TraceCode } from '../core/trace';
import { render } from '../personalize';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { directEmailBlock, htmlToText } from './sending';
import { emailTemplates } from './email-send';

const schema = z.object({ ...stepBase, kind: z.literal('email.transactional'), email: Id, ...next }).strict();
type Def = z.infer<typeof schema>;

/** A From header: `"Name" <address>` or the bare address. */
export function fromHeader(address: string, name: string): string {
	return name ? `"${name.replace(/["\\]/g, '\\$&')}" <${address}>` : address;
}

export const sendTransactional = defineStep<Def>({
	kind: 'email.transactional',
	group: 'sending',
	title: 'Send a transactional email',
	summary: 'Sends a transactional email through a Postmark-style relay, regardless of marketing status.',
	plans: { addons: ['transactional_email'] },
	schema,
	outputs: linear,
	validate(d, v) {
		const em = v.catalog.emails.get(d.email);
		if (!em) {
			v.report('ref.email', `Email "${d.email}" does not exist.`, 'Pick an existing email or create one in the email editor.', ['email']);
			return;
		}
		if (!em.fromEmail) v.report('email.no_sender', `Email "${em.name}" has no sender address.`, 'Set a sender address (a Postmark sender signature) on the email.', ['email']);
		v.template(em.subject, ['email']);
		v.template(em.body, ['email']);
	},
	enter(e, r, s) {
		const c = e.contactOf(r);
		const block = directEmailBlock(e.world, c);
		const t = emailTemplates(e.world.catalog.emails.get(s.def.email));
		const reason = block ?? (!t ? 'email_missing' : !t.from ? 'no_sender' : null);
		if (reason || !t) {
			e.log(r, s, TraceCode.step_skipped, { reason });
			return s.out[0];
		}
		const scope = e.scope(r, t.needsDeal);
		const html = render(t.body, scope, true);
		const eff = e.emit(r, s, 'email.transactional', {
			From: fromHeader(t.from, t.fromName),
			To: c.email,
			Subject: render(t.subject, scope, false),
			HtmlBody: html,
			TextBody: htmlToText(html),
			MessageStream: 'outbound',
			Tag: s.def.email,
			Metadata: { contact: c.id, automation: s.automation.id, step: s.id }
		});
		e.log(r, s, TraceCode.step_done, { key: eff.key });
		return s.out[0];
	}
});
