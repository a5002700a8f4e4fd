/**
 * Webhook: posts the contact's data (fields, tags, lists, scores, account) and optionally the deal
 * in context to an http(s) URL. The host sends it from the outbox with retries.
 */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { formatInstant } from '../core/time';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { contactSnapshot, dealSnapshot } from './snapshot';

const schema = z
	.object({
		...stepBase,
		kind: z.literal('webhook'),
		url: z.string().trim().min(1, 'enter the URL to post to'),
		/** Also send the deal in context. */
		includeDeal: z.boolean().default(false),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;

/** The URL normalised when it is a valid http(s) URL, else null. */
export function webhookUrl(text: string): string | null {
	try {
		const u = new URL(text.trim());
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
	} catch {
		return null;
	}
}

export const webhook = defineStep<Def, string>({
	kind: 'webhook',
	group: 'workflow',
	title: 'Webhook',
	summary: 'Posts the contact\'s (and optionally the deal\'s) data to a URL.',
	plans: { from: 'plus' },
	schema,
	outputs: linear,
	validate(d, v) {
		const url = webhookUrl(d.url);
		if (!url) v.report('webhook.url', `"${d.url}" is not an http(s) URL.`, 'Enter a full address such as "https://example.com/hooks/new-order".', ['url']);
		else if (url.startsWith('http:'))
			v.report('webhook.insecure', `Webhook URL "${url}" is not encrypted (http).`, 'Use https so contact data is not sent in clear text.', ['url'], 'warning');
	},
	compile: (d) => webhookUrl(d.url) ?? d.url,
	enter(e, r, s) {
		const d = s.def.includeDeal ? e.deal(r) : null;
		const eff = e.emit(r, s, 'webhook.post', {
			url: s.data,
			body: {
				contact: contactSnapshot(e.world, e.contactOf(r)),
				deal: d ? dealSnapshot(d) : null,
				automation: s.automation.id,
				step: s.id,
				at: formatInstant(e.now)
			}
		});
		e.log(r, s, TraceCode.step_done, { key: eff.key });
		return s.out[0];
	}
});
