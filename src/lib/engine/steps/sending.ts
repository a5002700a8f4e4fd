/** Rules shared by sending steps: who may receive marketing email, SMS and transactional mail. */
import { normalizePhone, toE164 } from '../core/phone';
import { normalizeEmail, type Contact, type World } from '../world';

/** Why marketing email may not go to this contact now, or null when it may. */
export function marketingEmailBlock(w: World, c: Contact): string | null {
	if (!c.email) return 'no_email';
	const s = w.suppressed(normalizeEmail(c.email));
	if (s) return `suppressed_${s}`;
	for (const l in c.lists) if (c.lists[l] === 'active') return null;
	return 'no_active_subscription';
}

/** Lists the contact is actively subscribed to. */
export function activeLists(c: Contact): string[] {
	const out: string[] = [];
	for (const l in c.lists) if (c.lists[l] === 'active') out.push(l);
	return out;
}

/** Why a transactional or 1:1 email may not go to this contact, or null (only hard failures block). */
export function directEmailBlock(w: World, c: Contact): string | null {
	if (!c.email) return 'no_email';
	const s = w.suppressed(normalizeEmail(c.email));
	if (s === 'bounced' || s === 'complained') return `suppressed_${s}`;
	return null;
}

/** Why an SMS may not go to this contact, or null. Returns the E.164 number through `out`. */
export function smsBlock(w: World, c: Contact, out: { to: string }): string | null {
	if (!c.phone) return 'no_phone';
	const to = toE164(c.phone);
	if (!to) return 'invalid_phone';
	if (!c.smsConsent) return 'no_sms_consent';
	const s = w.suppressed(normalizePhone(c.phone));
	if (s) return `suppressed_${s}`;
	out.to = to;
	return null;
}

/** Plain-text version of simple HTML (for multipart emails and SMS previews). */
export function htmlToText(html: string): string {
	return html
		.replace(/<\s*br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n')
		.replace(/<li[^>]*>/gi, '- ')
		.replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
		.replace(/<[^>]+>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
