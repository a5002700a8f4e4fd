/**
 * Send an email: an automated marketing campaign to the contact. Needs an email address, no
 * suppression and an active subscription to at least one list (the step logs why it skips).
 * Optional A/B test inside the action: up to 5 variants shown in rotation until `decideAfter`,
 * then every later contact gets the variant with the best open (or click) rate; ties go to A.
 */
import { z } from 'zod';
import { Duration, Id } from '../schema/common';
import { durationMs } from '../core/time';
import { TraceCode } from '../core/trace';
import { compileTemplate, render, type Template } from '../personalize';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { marketingEmailBlock } from './sending';
import type { Activity } from '../world';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';
import type { EmailDef } from '../schema/workspace';

const schema = z
	.object({
		...stepBase,
		kind: z.literal('email.send'),
		email: Id,
		abTest: z
			.object({
				/** Other emails tested against `email` (variant A): B, C, D, E. */
				variants: z.array(Id).min(1, 'add at least one variant to test').max(4, 'allows at most 5 variants in all'),
				winnerBy: z.enum(['opens', 'clicks']).default('opens'),
				decideAfter: Duration
			})
			.strict()
			.optional(),
		...next
	})
	.strict();
type Def = z.infer<typeof schema>;

type Data = { ids: string[]; decideMs: number };
type S = CompiledStep<Def, Data>;

/** A/B state of one email step (persisted with the engine). */
export interface AbState {
	startedAt: number;
	sent: number[];
	/** [contact idx, variant] of sends during the test window. */
	tested: [number, number][];
	winner: number;
	rates: number[] | null;
}

const LABELS = ['A', 'B', 'C', 'D', 'E'];

/** Chooses the variant for a contact (0 = A); A/B bookkeeping in the step state. */
function pickVariant(e: Engine, s: S, c: number): number {
	if (s.data.ids.length === 1) return 0;
	const key = `${s.automation.id}/${s.id}`;
	let st = e.stepState.get(key) as AbState | undefined;
	if (!st) {
		st = { startedAt: e.now, sent: s.data.ids.map(() => 0), tested: [], winner: -1, rates: null };
		e.stepState.set(key, st);
	}
	if (st.winner < 0 && e.now >= st.startedAt + s.data.decideMs) decideWinner(e, s, st);
	if (st.winner >= 0) {
		st.sent[st.winner]++;
		return st.winner;
	}
	const total = st.tested.length;
	const v = total % s.data.ids.length;
	st.tested.push([c, v]);
	st.sent[v]++;
	return v;
}

function decideWinner(e: Engine, s: S, st: AbState): void {
	const type = s.def.abTest?.winnerBy === 'clicks' ? 'clicked' : 'opened';
	const hits = s.data.ids.map(() => 0);
	const sent = s.data.ids.map(() => 0);
	for (const [ci, v] of st.tested) {
		sent[v]++;
		const email = s.data.ids[v];
		if (e.world.contacts[ci].activity.some((a) => a.type === type && a.ref === email && a.at <= e.now)) hits[v]++;
	}
	const rates = hits.map((h, i) => (sent[i] ? h / sent[i] : 0));
	let best = 0;
	for (let i = 1; i < rates.length; i++) if (rates[i] > rates[best]) best = i;
	st.winner = best;
	st.rates = rates;
}

export const sendEmail = defineStep<Def, Data>({
	kind: 'email.send',
	group: 'sending',
	title: 'Send an email',
	summary: 'Sends an automated campaign to the contact (needs an active list subscription).',
	plans: { from: 'starter' },
	schema,
	outputs: linear,
	validate(d, v) {
		for (const [i, id] of [d.email, ...(d.abTest?.variants ?? [])].entries()) {
			const em = v.catalog.emails.get(id);
			const path = i === 0 ? ['email'] : ['abTest', 'variants', i - 1];
			if (!em) v.report('ref.email', `Email "${id}" does not exist.`, 'Pick an existing email or create one in the email editor.', path);
			else {
				v.template(em.subject, path);
				v.template(em.body, path);
			}
		}
		if (d.abTest && durationMs(d.abTest.decideAfter) <= 0)
			v.report('email.ab_window', 'The A/B test needs a test period before picking the winner.', 'Set how long to test, e.g. 1 day.', ['abTest', 'decideAfter']);
	},
	compile: (d) => ({ ids: [d.email, ...(d.abTest?.variants ?? [])], decideMs: d.abTest ? durationMs(d.abTest.decideAfter) : 0 }),
	enter(e, r, s) {
		const c = e.contactOf(r);
		const block = marketingEmailBlock(e.world, c);
		if (block) {
			e.log(r, s, TraceCode.step_skipped, { reason: block });
			return s.out[0];
		}
		if (sentThisInstant(c.activity, s.data.ids, e.now)) {
			// Two entries reaching the same email at the same instant get it once (as builders do).
			e.log(r, s, TraceCode.step_skipped, { reason: 'duplicate_in_same_instant' });
			return s.out[0];
		}
		const v = pickVariant(e, s, c.idx);
		const variant = emailTemplates(e.world.catalog.emails.get(s.data.ids[v]));
		if (!variant) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'email_missing', email: s.data.ids[v] });
			return s.out[0];
		}
		const label = LABELS[v];
		const scope = e.scope(r, variant.needsDeal);
		const html = render(variant.body, scope, true);
		const eff = e.emit(
			r,
			s,
			'email.send',
			{
				to: c.email,
				from: variant.from,
				fromName: variant.fromName,
				subject: render(variant.subject, scope, false),
				preheader: render(variant.preheader, scope, false),
				html,
				email: s.data.ids[v],
				variant: label
			},
			{ marketing: true }
		);
		e.world.recordActivity(c, e.now, 'received', s.data.ids[v], null, label);
		e.log(r, s, TraceCode.step_done, s.data.ids.length > 1 ? { key: eff.key, variant: label } : undefined);
		return s.out[0];
	}
});

/** Whether one of these emails was already recorded as received at `now` (latest activities first). */
function sentThisInstant(acts: Activity[], ids: string[], now: number): boolean {
	for (let i = acts.length - 1; i >= 0; i--) {
		const a = acts[i];
		if (a.at !== now) return false;
		if (a.type === 'received' && ids.includes(a.ref)) return true;
	}
	return false;
}

/** Parsed templates of an email, cached per email record (a new record after an edit re-parses). */
export interface EmailTemplates {
	subject: Template;
	preheader: Template;
	body: Template;
	from: string;
	fromName: string;
	/** Whether any template uses deal tags (the deal in context is looked up only then). */
	needsDeal: boolean;
}

const cache = new WeakMap<EmailDef, EmailTemplates>();

/** Parsed templates of a workspace email, or null when it does not exist. */
export function emailTemplates(em: EmailDef | undefined): EmailTemplates | null {
	if (!em) return null;
	let t = cache.get(em);
	if (!t) {
		const subject = compileTemplate(em.subject);
		const preheader = compileTemplate(em.preheader ?? '');
		const body = compileTemplate(em.body);
		t = {
			subject,
			preheader,
			body,
			from: em.fromEmail ?? '',
			fromName: em.fromName ?? '',
			needsDeal: [subject, preheader, body].some((x) => x.tags.some((tag) => tag.startsWith('DEAL_')))
		};
		cache.set(em, t);
	}
	return t;
}
