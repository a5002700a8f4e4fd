/**
 * Behaviour models of simulated contacts: how likely, and how long after, a contact opens, clicks,
 * replies to or forwards an email, visits the site, buys, unsubscribes, bounces or complains, and
 * answers an SMS. `reactionsTo` turns one delivered message into the inputs that follow it; it is
 * a pure function of the message, the model and the workspace seed (every draw is a hash of them),
 * so a simulation replays identically and reactions can be recomputed after a reload.
 */
import { draw } from '../../engine/core/random';
import type { Input } from '../../engine/inputs';
import type { MessageRecord } from '../../db/records';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** A delay distribution, in hours. Every sampled delay is at least one minute. */
export type Delay =
	| { kind: 'exponential'; meanHours: number }
	| { kind: 'uniform'; minHours: number; maxHours: number }
	| { kind: 'lognormal'; medianHours: number; spread: number };

/** How contacts react to one email (probabilities in 0…1). */
export interface EmailBehaviour {
	/** Opens the email, after `delay` from delivery. */
	open: { probability: number; delay: Delay };
	/** Of those who open: clicks a link of the email, after `delay` from the open. */
	click: { probability: number; delay: Delay };
	/** Of those who open: replies. */
	reply: { probability: number; delay: Delay };
	/** Of those who open: forwards it. */
	forward: { probability: number; delay: Delay };
	/** Of those who open: visits `url` on the site (page visit rate); empty: the home page of the email's links. */
	visit: { probability: number; url: string; delay: Delay };
	/** Of those who click: buys ("purchase" event with the amount, and the conversion if set). */
	purchase: { probability: number; minValue: number; maxValue: number; conversion: string; delay: Delay };
	/** Of those who open: unsubscribes from the model's list. */
	unsubscribe: { probability: number };
	/** Of all deliveries: hard bounce / spam complaint, shortly after delivery. */
	bounce: { probability: number };
	complaint: { probability: number };
}

/** The behaviour model of a simulation workspace. */
export interface BehaviourModel {
	enabled: boolean;
	/** Mixed with the workspace seed: another seed gives another, equally likely, outcome. */
	seed: number;
	defaults: EmailBehaviour;
	/** Per-email models (email id → behaviour), replacing the defaults for that email. */
	emails: Record<string, EmailBehaviour>;
	/** A click on a link also records a visit of that page (site tracking). */
	visitOnClick: boolean;
	/** List an unsubscribe removes the contact from. */
	unsubscribeList: string;
	/** Answers to SMS: a reply (with `replyText`) or STOP. */
	sms: { replyProbability: number; stopProbability: number; replyText: string; delay: Delay };
}

/** A reasonable newsletter audience: 35 % opens within hours, 20 % of openers click… */
export function defaultBehaviour(firstList = ''): BehaviourModel {
	return {
		enabled: true,
		seed: 1,
		defaults: defaultEmailBehaviour(),
		emails: {},
		visitOnClick: true,
		unsubscribeList: firstList,
		sms: { replyProbability: 0.1, stopProbability: 0.02, replyText: 'YES', delay: { kind: 'exponential', meanHours: 1 } }
	};
}

/** Default per-email behaviour. */
export function defaultEmailBehaviour(): EmailBehaviour {
	return {
		open: { probability: 0.35, delay: { kind: 'lognormal', medianHours: 4, spread: 1.2 } },
		click: { probability: 0.2, delay: { kind: 'exponential', meanHours: 0.1 } },
		reply: { probability: 0.02, delay: { kind: 'exponential', meanHours: 2 } },
		forward: { probability: 0.01, delay: { kind: 'exponential', meanHours: 3 } },
		visit: { probability: 0.1, url: '', delay: { kind: 'exponential', meanHours: 12 } },
		purchase: { probability: 0.15, minValue: 20, maxValue: 80, conversion: '', delay: { kind: 'exponential', meanHours: 0.5 } },
		unsubscribe: { probability: 0.005 },
		bounce: { probability: 0.005 },
		complaint: { probability: 0.0005 }
	};
}

/** A problem in a model, named by its path ("defaults.open.probability"). */
export interface ModelIssue {
	path: string;
	code: 'probability' | 'delay' | 'value_range' | 'url' | 'list';
}

/** Checks probabilities (0…1), delays (positive, ordered), value ranges and references. */
export function checkBehaviour(m: BehaviourModel, lists: ReadonlySet<string>): ModelIssue[] {
	const out: ModelIssue[] = [];
	const prob = (p: number, path: string) => {
		if (!(typeof p === 'number' && p >= 0 && p <= 1)) out.push({ path, code: 'probability' });
	};
	const delay = (d: Delay, path: string) => {
		const ok =
			d.kind === 'exponential' ? d.meanHours > 0 : d.kind === 'uniform' ? d.minHours >= 0 && d.maxHours >= d.minHours : d.kind === 'lognormal' ? d.medianHours > 0 && d.spread >= 0 && d.spread <= 5 : false;
		if (!ok) out.push({ path, code: 'delay' });
	};
	const email = (b: EmailBehaviour, base: string) => {
		for (const k of ['open', 'click', 'reply', 'forward', 'visit', 'purchase'] as const) {
			prob(b[k].probability, `${base}.${k}.probability`);
			delay(b[k].delay, `${base}.${k}.delay`);
		}
		for (const k of ['unsubscribe', 'bounce', 'complaint'] as const) prob(b[k].probability, `${base}.${k}.probability`);
		if (!(b.purchase.minValue >= 0 && b.purchase.maxValue >= b.purchase.minValue)) out.push({ path: `${base}.purchase`, code: 'value_range' });
		if (b.visit.url.trim() && !/^https?:\/\/\S+$/i.test(b.visit.url.trim())) out.push({ path: `${base}.visit.url`, code: 'url' });
	};
	email(m.defaults, 'defaults');
	for (const [id, b] of Object.entries(m.emails)) email(b, `emails.${id}`);
	if (m.unsubscribeList && !lists.has(m.unsubscribeList)) out.push({ path: 'unsubscribeList', code: 'list' });
	if (!m.unsubscribeList && [m.defaults, ...Object.values(m.emails)].some((b) => b.unsubscribe.probability > 0)) out.push({ path: 'unsubscribeList', code: 'list' });
	prob(m.sms.replyProbability, 'sms.replyProbability');
	prob(m.sms.stopProbability, 'sms.stopProbability');
	delay(m.sms.delay, 'sms.delay');
	return out;
}

/** Samples a delay (ms, at least one minute) from two uniform draws. */
export function sampleDelay(d: Delay, u1: number, u2: number): number {
	let hours: number;
	switch (d.kind) {
		case 'exponential':
			hours = -Math.log(1 - u1) * d.meanHours;
			break;
		case 'uniform':
			hours = d.minHours + u1 * (d.maxHours - d.minHours);
			break;
		case 'lognormal': {
			// Box–Muller: a standard normal from two uniforms.
			const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
			hours = d.medianHours * Math.exp(d.spread * z);
			break;
		}
	}
	return Math.max(MINUTE, Math.round(hours * HOUR));
}

/** Links a contact can click in an email's HTML (unsubscribe and mailto links excluded). */
export function clickableLinks(html: string): string[] {
	const out: string[] = [];
	for (const m of html.matchAll(/href\s*=\s*"([^"]+)"|href\s*=\s*'([^']+)'/gi)) {
		const url = (m[1] ?? m[2]).trim();
		if (!/^https?:\/\//i.test(url) || /unsub|optout|opt-out|desinscri|désinscri/i.test(url)) continue;
		if (!out.includes(url)) out.push(url);
	}
	return out;
}

/** The home page of a link's site ("https://shop.example/spring" → "https://shop.example/"), or "". */
function siteOf(link: string | undefined): string {
	if (!link) return '';
	const m = /^(https?:\/\/[^/?#]+)/i.exec(link);
	return m ? `${m[1]}/` : '';
}

/**
 * The inputs that follow the delivery of `m` under `model` (none for other kinds of messages).
 * Deterministic: every decision is `draw(seed, model seed, message key, decision)`.
 */
export function reactionsTo(m: MessageRecord, model: BehaviourModel, seed: number): { at: number; input: Input }[] {
	if (!model.enabled) return [];
	const u = (what: string) => draw(seed, model.seed, m.key, what);
	const out: { at: number; input: Input }[] = [];
	const add = (at: number, input: Record<string, unknown>) => out.push({ at, input: { ...input, at } as Input });
	const contact = m.contact;
	if (m.kind === 'sms.send') {
		const s = model.sms;
		const r = u('sms');
		const at = m.at + sampleDelay(s.delay, u('sms.delay'), u('sms.delay2'));
		if (r < s.stopProbability) add(at, { type: 'sms.replied', contact, text: 'STOP' });
		else if (r < s.stopProbability + s.replyProbability) add(at, { type: 'sms.replied', contact, text: s.replyText || 'YES' });
		return out;
	}
	if (m.kind !== 'email.send' || m.status === 'suppressed') return [];
	const p = m.payload as { email?: string; variant?: string; html?: string };
	const email = String(p.email ?? '');
	const variant = p.variant ? { variant: p.variant } : {};
	const b = model.emails[email] ?? model.defaults;
	const delay = (what: string, d: Delay) => sampleDelay(d, u(`${what}.delay`), u(`${what}.delay2`));

	if (u('bounce') < b.bounce.probability) {
		add(m.at + MINUTE, { type: 'email.bounced', contact });
		return out;
	}
	if (u('open') >= b.open.probability) return out;
	const openAt = m.at + delay('open', b.open.delay);
	add(openAt, { type: 'email.opened', contact, email, ...variant });
	if (u('complaint') < b.complaint.probability) add(openAt + MINUTE, { type: 'email.complained', contact });
	if (u('reply') < b.reply.probability) add(openAt + delay('reply', b.reply.delay), { type: 'email.replied', contact, email, ...variant });
	if (u('forward') < b.forward.probability) add(openAt + delay('forward', b.forward.delay), { type: 'email.forwarded', contact, email, ...variant });
	const links = clickableLinks(String(p.html ?? ''));
	const site = b.visit.url.trim() || siteOf(links[0]);
	if (b.visit.probability > 0 && site && u('visit') < b.visit.probability) add(openAt + delay('visit', b.visit.delay), { type: 'page.visited', contact, url: site });
	if (u('click') < b.click.probability) {
		const link = links.length ? links[Math.floor(u('link') * links.length)] : '';
		const clickAt = openAt + delay('click', b.click.delay);
		add(clickAt, { type: 'email.clicked', contact, email, link, ...variant });
		if (model.visitOnClick && link) add(clickAt + MINUTE, { type: 'page.visited', contact, url: link });
		if (u('purchase') < b.purchase.probability) {
			const buyAt = clickAt + delay('purchase', b.purchase.delay);
			const value = Math.round((b.purchase.minValue + u('purchase.value') * (b.purchase.maxValue - b.purchase.minValue)) * 100) / 100;
			add(buyAt, { type: 'event.recorded', contact, name: 'purchase', value });
			if (b.purchase.conversion) add(buyAt, { type: 'conversion.made', contact, conversion: b.purchase.conversion, value });
		}
	}
	if (model.unsubscribeList && u('unsubscribe') < b.unsubscribe.probability)
		add(openAt + delay('unsubscribe', { kind: 'exponential', meanHours: 0.05 }), { type: 'list.unsubscribed', contact, list: model.unsubscribeList });
	return out.sort((a, b2) => a.at - b2.at);
}
