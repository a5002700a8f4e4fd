import { describe, expect, it } from 'vitest';
import { smsSegments } from '../../../../src/lib/engine/steps/sms';
import { codes, diagnose, expectPlainJson, must, run, stepLogs, T0 } from './util';

describe('smsSegments', () => {
	it('counts GSM-7 septets: 160 in one part, 153 per part when split', () => {
		expect(smsSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, units: 0, perSegment: 160 });
		expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, perSegment: 160 });
		expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161, perSegment: 153 });
		expect(smsSegments('a'.repeat(306)).segments).toBe(2);
		expect(smsSegments('a'.repeat(307)).segments).toBe(3);
		expect(smsSegments('Prix: 5€ à Paris, {ok} ~ [1]').encoding).toBe('GSM-7');
	});

	it('counts extension characters twice and never splits them', () => {
		expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160, perSegment: 160 });
		expect(smsSegments('€'.repeat(81)).segments).toBe(2);
		// 152 septets then an extension character: it moves whole to the next part.
		expect(smsSegments('a'.repeat(152) + '€' + 'a'.repeat(150)).segments).toBe(2);
		expect(smsSegments('a'.repeat(152) + '€' + 'a'.repeat(152)).segments).toBe(3);
	});

	it('falls back to UCS-2: 70 in one part, 67 per part, surrogate pairs kept whole', () => {
		expect(smsSegments('ç'.repeat(70)).encoding).toBe('UCS-2');
		expect(smsSegments('Привет'.padEnd(70, 'ж'))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70, perSegment: 70 });
		expect(smsSegments('ж'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71, perSegment: 67 });
		expect(smsSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70, perSegment: 70 });
		expect(smsSegments('a'.repeat(66) + '😀' + 'a')).toEqual({ encoding: 'UCS-2', segments: 1, units: 69, perSegment: 70 });
		expect(smsSegments('a'.repeat(65) + '😀' + 'a'.repeat(67)).segments).toBe(2);
		expect(smsSegments('a'.repeat(66) + '😀' + 'a'.repeat(66)).segments).toBe(3);
	});
});

describe('sms.send', () => {
	const ws = { contacts: [{ id: 'c1', firstName: 'Anna', phone: '+33 6 12 34 56 78', smsConsent: true }] };

	it('texts the contact\'s phone in E.164 with the segment count', () => {
		const e = run([{ id: 's', kind: 'sms.send', message: 'Hi %FIRSTNAME%, your code is ready' }], ws);
		const [fx] = e.takeEffects();
		expect(fx.kind).toBe('sms.send');
		expect(fx.payload).toEqual({ to: '+33612345678', body: 'Hi Anna, your code is ready', segments: 1, encoding: 'GSM-7' });
		expectPlainJson(fx.payload);
	});

	it('needs a valid phone and consent, and respects STOP', () => {
		const e = run([{ id: 's', kind: 'sms.send', message: 'Hi' }], {
			contacts: [
				{ id: 'c1', phone: '+33 6 12 34 56 78' },
				{ id: 'c2', phone: '12', smsConsent: true },
				{ id: 'c3', phone: '+33 6 98 76 54 32', smsConsent: true }
			]
		}, { contacts: ['c1', 'c2'] });
		expect(stepLogs(e, 's', 'c1')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_sms_consent' } }]);
		expect(stepLogs(e, 's', 'c2')).toEqual([{ code: 'step_skipped', detail: { reason: 'invalid_phone' } }]);
		must(e, { type: 'sms.replied', at: T0 + 1, contact: 'c3', text: 'STOP' });
		must(e, { type: 'contacts.added', at: T0 + 2, automation: 'a', contacts: ['c3'] });
		expect(stepLogs(e, 's', 'c3')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_sms_consent' } }]);
		expect(e.takeEffects()).toEqual([]);
	});

	it('warns about long messages and needs the SMS add-on', () => {
		expect(codes(diagnose([{ id: 's', kind: 'sms.send', message: 'x'.repeat(800) }]))).toEqual(['sms.long@warning']);
		expect(codes(diagnose([{ id: 's', kind: 'sms.send', message: 'x' }], { plan: { tier: 'enterprise', addons: ['pipelines'] } }))).toEqual(['plan.unavailable@error']);
	});
});
