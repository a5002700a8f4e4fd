/**
 * Send-time rules, checked when a message leaves (not only when the step queued it): suppression
 * by normalised address and phone (unsubscribed, bounced, complained, STOP), marketing email only
 * to contacts with an active list subscription, SMS only with consent; and the workspace's quiet
 * hours (in the contact's time zone) and frequency cap, which postpone a message, never drop it.
 */
import type { Engine } from '../engine/engine';
import { normalizeEmail } from '../engine/world';
import { normalizePhone } from '../engine/core/phone';
import { localParts, nextLocalTime } from '../engine/core/zones';
import { DAY, WEEK } from '../engine/core/time';
import type { EffectKind } from '../engine/effects';
import type { SendingPolicy } from './channels';

/** The part of a message the rules read. */
export interface RuledMessage {
	kind: EffectKind;
	contact: string;
	payload: Record<string, unknown>;
	marketing: boolean;
}

/**
 * Why this message may not leave now, as a stable reason code (suppressed_unsubscribed,
 * suppressed_bounced, suppressed_complained, suppressed_stop, no_active_subscription,
 * no_sms_consent, contact_deleted), or null when it may.
 */
export function sendBlock(e: Engine, m: RuledMessage): string | null {
	const w = e.world;
	const c = w.contact(m.contact);
	const p = m.payload;
	switch (m.kind) {
		case 'email.send': {
			if (!c || c.deleted) return 'contact_deleted';
			const s = w.suppressed(normalizeEmail(String(p.to ?? '')));
			if (s) return `suppressed_${s}`;
			if (m.marketing) {
				for (const l in c.lists) if (c.lists[l] === 'active') return null;
				return 'no_active_subscription';
			}
			return null;
		}
		case 'email.transactional':
		case 'email.one_to_one': {
			const s = w.suppressed(normalizeEmail(String(p.To ?? p.to ?? '')));
			return s === 'bounced' || s === 'complained' ? `suppressed_${s}` : null;
		}
		case 'sms.send': {
			if (!c || c.deleted) return 'contact_deleted';
			const s = w.suppressed(normalizePhone(String(p.to ?? '')));
			if (s) return `suppressed_${s}`;
			return c.smsConsent ? null : 'no_sms_consent';
		}
		case 'app.call': {
			if (p.app !== 'twilio') return null;
			const to = String((p.fields as Record<string, string> | undefined)?.to ?? '');
			const s = w.suppressed(normalizePhone(to));
			return s === 'stop' ? 'suppressed_stop' : null;
		}
		default:
			return null;
	}
}

/** Kinds that quiet hours and the frequency cap apply to (what a contact receives as marketing). */
export function isPaced(kind: EffectKind): 'email' | 'sms' | null {
	return kind === 'email.send' ? 'email' : kind === 'sms.send' ? 'sms' : null;
}

/** Minutes since local midnight of "HH:MM". */
function minutes(hhmm: string): number {
	const [h, m] = hhmm.split(':').map(Number);
	return h * 60 + m;
}

/** Whether local time `hhmm` falls in the quiet window [start, end) (which may span midnight). */
export function inQuietWindow(hhmm: string, start: string, end: string): boolean {
	const t = minutes(hhmm);
	const a = minutes(start);
	const b = minutes(end);
	if (a === b) return false;
	return a < b ? t >= a && t < b : t >= a || t < b;
}

/** A postponement: until when, and why. */
export interface Postponement {
	until: number;
	reason: 'quiet_hours' | 'frequency_cap';
}

/**
 * When a paced message may leave if not at `t`: the end of the contact's quiet hours, or the
 * moment the frequency cap frees a slot. `sent` are the contact's earlier paced sends (sorted
 * virtual times). Null when it may leave at `t`.
 */
export function postponement(e: Engine, m: RuledMessage, policy: SendingPolicy, sent: readonly number[], t: number): Postponement | null {
	const paced = isPaced(m.kind);
	if (!paced) return null;
	const c = e.world.contact(m.contact);
	const zone = c?.timeZone || e.defaultZone || 'UTC';
	const q = policy.quietHours;
	const quiet = q.enabled && q[paced];
	const cap = policy.frequencyCap;
	const windowMs = cap.per === 'day' ? DAY : WEEK;
	let at = t;
	let reason: Postponement['reason'] | null = null;
	// Each rule may push the time past the other's window: settle both (a few rounds suffice).
	for (let round = 0; round < 8; round++) {
		let moved = false;
		if (cap.enabled && cap.max > 0) {
			let n = 0;
			for (let i = sent.length - 1; i >= 0 && sent[i] > at - windowMs; i--) if (sent[i] <= at) n++;
			if (n >= cap.max) {
				// The slot frees when the oldest of the last `max` sends leaves the window.
				const recent = sent.filter((s) => s <= at && s > at - windowMs);
				const freeAt = recent[recent.length - cap.max] + windowMs;
				if (freeAt > at) {
					at = freeAt;
					reason ??= 'frequency_cap';
					moved = true;
				}
			}
		}
		if (quiet && inQuietWindow(localParts(at, zone).time, q.start, q.end)) {
			const end = nextLocalTime(at, q.end, zone);
			if (Number.isFinite(end) && end > at) {
				at = end;
				reason ??= 'quiet_hours';
				moved = true;
			}
		}
		if (!moved) break;
	}
	return at > t && reason ? { until: at, reason } : null;
}
