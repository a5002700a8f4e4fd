/**
 * Send an SMS to the contact's phone (E.164), with consent and not opted out (STOP). The payload
 * carries the segment count and encoding the gateway will bill: GSM-7 (160 characters, 153 per
 * part when split; extension-table characters count twice) or UCS-2 (70, 67 per part).
 */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { smsBlock } from './sending';
import { renderFor } from './fields';

const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

/** Segment maths of an SMS text. */
export interface SmsSegments {
	encoding: 'GSM-7' | 'UCS-2';
	/** Parts the message is sent in (0 for an empty text). */
	segments: number;
	/** Septets (GSM-7) or UTF-16 code units (UCS-2) used. */
	units: number;
	/** Capacity of one part for this message: 160/153 (GSM-7) or 70/67 (UCS-2). */
	perSegment: number;
}

/**
 * Encoding and segment count of `text`: GSM-7 when every character is in the GSM 03.38 basic or
 * extension table (extension characters take 2 septets and are never split across parts), else
 * UCS-2 (surrogate pairs are never split). A single part holds 160 septets or 70 code units; split
 * messages hold 153 or 67 per part (the rest is the concatenation header).
 */
export function smsSegments(text: string): SmsSegments {
	let gsm = true;
	for (const ch of text)
		if (!BASIC.has(ch) && !EXTENSION.has(ch)) {
			gsm = false;
			break;
		}
	const single = gsm ? 160 : 70;
	const multi = gsm ? 153 : 67;
	const sizes: number[] = [];
	for (const ch of text) sizes.push(gsm ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
	const units = sizes.reduce((n, x) => n + x, 0);
	const encoding = gsm ? 'GSM-7' : 'UCS-2';
	if (units === 0) return { encoding, segments: 0, units, perSegment: single };
	if (units <= single) return { encoding, segments: 1, units, perSegment: single };
	let segments = 1;
	let used = 0;
	for (const n of sizes) {
		if (used + n > multi) {
			segments++;
			used = 0;
		}
		used += n;
	}
	return { encoding, segments, units, perSegment: multi };
}

const schema = z
	.object({ ...stepBase, kind: z.literal('sms.send'), message: z.string().trim().min(1, 'write the message'), ...next })
	.strict();
type Def = z.infer<typeof schema>;

/** Segments above which a message gets a cost warning. */
const LONG_SMS = 4;

export const sendSms = defineStep<Def, Template>({
	kind: 'sms.send',
	group: 'sending',
	title: 'Send an SMS',
	summary: 'Texts the contact\'s phone (needs SMS consent).',
	plans: { addons: ['sms'] },
	schema,
	outputs: linear,
	validate(d, v) {
		v.template(d.message, ['message']);
		const n = smsSegments(d.message).segments;
		if (n > LONG_SMS)
			v.report('sms.long', `This SMS is sent in ${n} parts before personalization.`, 'Shorten the message; every part is billed as one SMS.', ['message'], 'warning');
	},
	compile: (d) => compileTemplate(d.message),
	enter(e, r, s) {
		const c = e.contactOf(r);
		const out = { to: '' };
		const block = smsBlock(e.world, c, out);
		if (block) {
			e.log(r, s, TraceCode.step_skipped, { reason: block });
			return s.out[0];
		}
		const body = renderFor(e, r, s.data).trim();
		if (!body) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'empty_message' });
			return s.out[0];
		}
		const seg = smsSegments(body);
		const eff = e.emit(r, s, 'sms.send', { to: out.to, body, segments: seg.segments, encoding: seg.encoding });
		e.log(r, s, TraceCode.step_done, { key: eff.key, segments: seg.segments });
		return s.out[0];
	}
});
