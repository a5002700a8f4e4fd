/**
 * Send a 1:1 email: a plain personal email from a connected address, or from the deal owner
 * (`%deal_owner_email%`, only in automations with a deal trigger), with CC/BCC, personalization in
 * subject and body (values HTML-escaped) and basic formatting. Not a marketing send: it may reach
 * contacts not subscribed to any list. Emails of one run thread together (In-Reply-To).
 */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import { defineStep, type ValidateCtx } from './kind';
import { linear, next, stepBase } from './base';
import { directEmailBlock, htmlToText } from './sending';
import { isEmailAddress } from './coerce';
import { renderFor, usesDeal } from './fields';

/** The sender placeholder meaning "the owner of the deal in context". */
export const DEAL_OWNER_SENDER = '%deal_owner_email%';

/** Tags allowed in a 1:1 email body. */
export const ONE_TO_ONE_TAGS = ['b', 'strong', 'i', 'em', 'u', 'a', 'ul', 'ol', 'li', 'p', 'br'];

const schema = z
	.object({
		...stepBase,
		kind: z.literal('email.one_to_one'),
		/** A connected address, or "%deal_owner_email%". */
		from: z.string().trim().min(1, 'choose the sender address'),
		fromName: z.string().optional(),
		/** Comma-separated addresses. */
		cc: z.string().optional(),
		bcc: z.string().optional(),
		subject: z.string().trim().min(1, 'write a subject'),
		/** Simple HTML: bold, italic, underline, links, lists, paragraphs. */
		body: z.string().trim().min(1, 'write the message'),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;
type Data = { subject: Template; body: Template; cc: string[]; bcc: string[]; fromOwner: boolean; deal: boolean };

/** Addresses of a comma-separated list (empty entries dropped). */
export function addressList(text: string | undefined): string[] {
	return (text ?? '')
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);
}

const TAG_RE = /<\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g;
const ATTR_RE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Problems of a 1:1 email body: tags outside the allowed set, attributes other than a safe link href. */
export function bodyProblems(html: string): string[] {
	const out = new Set<string>();
	for (const m of html.matchAll(TAG_RE)) {
		const tag = m[2].toLowerCase();
		if (!ONE_TO_ONE_TAGS.includes(tag)) {
			out.add(`<${tag}>`);
			continue;
		}
		const attrs = m[3].replace(/\/\s*$/, '').trim();
		if (!attrs || m[1]) continue;
		for (const a of attrs.matchAll(ATTR_RE)) {
			const name = a[1].toLowerCase();
			const value = (a[2] ?? a[3] ?? a[4] ?? '').trim();
			if (tag === 'a' && name === 'href' && /^(https?:|mailto:|%[A-Za-z][A-Za-z0-9_]*%)/i.test(value)) continue;
			out.add(`${name} on <${tag}>`);
		}
	}
	return [...out];
}

function checkAddresses(v: ValidateCtx, text: string | undefined, key: 'cc' | 'bcc'): void {
	for (const a of addressList(text))
		if (!isEmailAddress(a))
			v.report('email.address', `"${a}" in ${key.toUpperCase()} is not an email address.`, 'Separate several addresses with commas, e.g. "anna@example.com, bob@example.com".', [key]);
}

export const sendOneToOne = defineStep<Def, Data>({
	kind: 'email.one_to_one',
	group: 'sending',
	title: 'Send a 1:1 email',
	summary: 'Sends a personal email from a connected address or the deal owner; replies thread within the automation.',
	plans: { addons: ['sales_engagement'] },
	schema,
	outputs: linear,
	validate(d, v) {
		if (d.from.toLowerCase() === DEAL_OWNER_SENDER) {
			if (!v.triggers.some((t) => t.kind.startsWith('deal.')))
				v.report('email.deal_owner_sender', 'The sender %deal_owner_email% needs a deal trigger in this automation.', 'Pick a connected email address as the sender, or start the automation with a deal trigger.', ['from']);
		} else if (!isEmailAddress(d.from))
			v.report('email.address', `Sender "${d.from}" is not an email address.`, 'Pick a connected email address, or %deal_owner_email% with a deal trigger.', ['from']);
		checkAddresses(v, d.cc, 'cc');
		checkAddresses(v, d.bcc, 'bcc');
		v.template(d.subject, ['subject']);
		v.template(d.body, ['body']);
		for (const p of bodyProblems(d.body))
			v.report('email.one_to_one_html', `The 1:1 email body uses ${p}, which is not allowed.`, 'Use only bold, italic, underline, links, lists, paragraphs and line breaks.', ['body']);
	},
	compile(d) {
		const subject = compileTemplate(d.subject);
		const body = compileTemplate(d.body);
		const fromOwner = d.from.toLowerCase() === DEAL_OWNER_SENDER;
		return { subject, body, cc: addressList(d.cc), bcc: addressList(d.bcc), fromOwner, deal: fromOwner || usesDeal(subject) || usesDeal(body) };
	},
	enter(e, r, s) {
		const c = e.contactOf(r);
		const block = directEmailBlock(e.world, c);
		if (block) {
			e.log(r, s, TraceCode.step_skipped, { reason: block });
			return s.out[0];
		}
		let from = s.def.from;
		let fromName = s.def.fromName ?? '';
		if (s.data.fromOwner) {
			const d = e.deal(r);
			const owner = d?.owner ? e.world.catalog.users.get(d.owner) : undefined;
			if (!owner) {
				e.log(r, s, TraceCode.step_skipped, { reason: d ? 'no_deal_owner' : 'no_deal' });
				return s.out[0];
			}
			from = owner.email;
			fromName ||= owner.name;
		}
		const html = renderFor(e, r, s.data.body, true);
		const x = e.runs.x(r);
		const threadId = `${s.automation.id}:${c.id}`;
		const payload = {
			to: c.email,
			from,
			fromName,
			cc: s.data.cc.slice(),
			bcc: s.data.bcc.slice(),
			subject: renderFor(e, r, s.data.subject),
			html,
			text: htmlToText(html),
			threadId,
			messageId: '',
			inReplyTo: x.lastMessageId ?? null
		};
		const eff = e.emit(r, s, 'email.one_to_one', payload);
		// Message ids derive from the effect key, stable across replays.
		payload.messageId = `<${eff.key}@journey.studio>`;
		x.thread = threadId;
		x.lastMessageId = payload.messageId;
		e.runs.touch(r);
		e.log(r, s, TraceCode.step_done, { key: eff.key, inReplyTo: payload.inReplyTo });
		return s.out[0];
	}
});
