/**
 * Site message: shows a message to a contact who opted into site tracking on their next visit to
 * a page matching the pattern (or any page, "*"). The step queues the message in the workspace;
 * the page.visited input marks it shown. No network effect.
 */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { renderFor } from './fields';

const schema = z
	.object({
		...stepBase,
		kind: z.literal('site_message.show'),
		/** The message (HTML; personalization values are escaped). */
		message: z.string().trim().min(1, 'write the message'),
		/** URL pattern with "*" wildcards, or "*" for any page. */
		page: z.string().trim().min(1, 'choose a page or "*" for any page').default('*'),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;

export const showSiteMessage = defineStep<Def, Template>({
	kind: 'site_message.show',
	group: 'sending',
	title: 'Site message',
	summary: 'Shows a message to an opted-in contact on their next visit to a page (or any page) of the site.',
	plans: { from: 'plus' },
	schema,
	outputs: linear,
	validate(d, v) {
		v.template(d.message, ['message']);
		if (/\s/.test(d.page)) v.report('site_message.page', `Page pattern "${d.page}" contains spaces.`, 'Use a URL such as "example.com/pricing", with "*" as a wildcard.', ['page']);
	},
	compile: (d) => compileTemplate(d.message),
	enter(e, r, s) {
		const c = e.contactOf(r);
		if (!c.siteTracking) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'site_tracking_off' });
			return s.out[0];
		}
		const m = e.world.addSiteMessage({
			contact: c.idx,
			message: renderFor(e, r, s.data, true),
			page: s.def.page,
			createdAt: e.now,
			shownAt: null,
			automation: s.automation.id,
			step: s.id
		});
		e.log(r, s, TraceCode.step_done, { siteMessage: m.id, page: m.page });
		return s.out[0];
	}
});
