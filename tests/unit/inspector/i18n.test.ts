// Every kind, group and condition family has a title and a summary in English and French;
// the inspector's dictionaries have the same keys in both languages and parse as ICU messages.
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { STEP_KINDS } from '../../../src/lib/engine/steps/registry';
import { TRIGGER_KINDS } from '../../../src/lib/engine/triggers/registry';
import { FAMILIES } from '../../../src/lib/components/conditions/families';
import kindsEn from '../../../src/lib/i18n/kinds/en.json';
import kindsFr from '../../../src/lib/i18n/kinds/fr.json';
import inspEn from '../../../src/lib/i18n/inspector/en.json';
import inspFr from '../../../src/lib/i18n/inspector/fr.json';
import shellEn from '../../../src/lib/i18n/shell/en.json';

function get(o: unknown, key: string): unknown {
	return key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], o);
}
function leaves(o: unknown, p = ''): [string, string][] {
	return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'object' && v ? leaves(v, `${p}${k}.`) : [[`${p}${k}`, String(v)] as [string, string]]));
}

describe('kind dictionaries', () => {
	for (const [lang, dict] of [['en', kindsEn], ['fr', kindsFr]] as const)
		it(`has every kind, group and family in ${lang}`, () => {
			for (const k of STEP_KINDS) for (const part of ['title', 'summary']) expect(get(dict, `kinds.step.${k.kind}.${part}`), `${k.kind}.${part}`).toEqual(expect.any(String));
			for (const k of TRIGGER_KINDS) for (const part of ['title', 'summary']) expect(get(dict, `kinds.trigger.${k.kind}.${part}`), `${k.kind}.${part}`).toEqual(expect.any(String));
			for (const g of new Set(STEP_KINDS.map((k) => k.group))) expect(get(dict, `kinds.group.${g}.title`)).toEqual(expect.any(String));
			for (const g of new Set(TRIGGER_KINDS.map((k) => k.group))) expect(get(dict, `kinds.triggerGroup.${g}.title`)).toEqual(expect.any(String));
			for (const f of FAMILIES) expect(get(dict, `kinds.condition.${f}.summary`)).toEqual(expect.any(String));
		});

	it('uses the source document’s French wording', () => {
		expect(get(kindsFr, 'kinds.step.email.send.title')).toBe('Envoyer un e-mail');
		expect(get(kindsFr, 'kinds.step.if_else.title')).toBe('Si/sinon');
		expect(get(kindsFr, 'kinds.step.goto.title')).toBe('Aller à');
		expect(get(kindsFr, 'kinds.step.goal.title')).toContain('Sauter vers');
		expect(get(kindsFr, 'kinds.step.split.title')).toBe('Séparer');
		expect(get(kindsFr, 'kinds.group.workflow.title')).toBe('Conditions et flux de travail');
	});

	it('the shell no longer carries trigger titles', () => {
		expect((shellEn as Record<string, unknown>).triggers).toBeUndefined();
	});
});

describe('inspector dictionaries', () => {
	it('have the same keys in English and French (French adds diagnostics)', () => {
		const en = new Set(leaves(inspEn).map(([k]) => k));
		const fr = new Set(leaves(inspFr).map(([k]) => k).filter((k) => !k.startsWith('inspector.diag.')));
		expect([...en].filter((k) => !fr.has(k))).toEqual([]);
		expect([...fr].filter((k) => !en.has(k))).toEqual([]);
	});

	it('parse as ICU messages', () => {
		for (const [lang, dict] of [['en', inspEn], ['fr', inspFr], ['en', kindsEn], ['fr', kindsFr]] as const)
			for (const [k, v] of leaves(dict)) expect(() => new IntlMessageFormat(v, lang), `${lang} ${k}`).not.toThrow();
	});
});
