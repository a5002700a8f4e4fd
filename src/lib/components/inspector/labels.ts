/**
 * Dictionary lookups of the inspector: kind titles, setting labels (per kind when the generic
 * word does not fit), option labels, and localized issue texts. Takes svelte-i18n's `$_` and
 * `$json` so it stays a plain module.
 */
import type { FieldIssue } from './validation';

/** Interpolation values of a message. */
export type Values = Record<string, string | number | boolean | Date | null | undefined>;
export type T = (key: string, opts?: { values?: Values; default?: string }) => string;
export type Json = (key: string) => unknown;

/** "email.send" → "email_send" (flat dictionary keys). */
export const kindKey = (kind: string) => kind.replaceAll('.', '_');

/** Title of a step or trigger kind. */
export function kindTitle(t: T, type: 'step' | 'trigger', kind: string, fallback = kind): string {
	return t(`kinds.${type}.${kind}.title`, { default: fallback });
}

/** One-sentence summary of a kind. */
export function kindSummary(t: T, type: 'step' | 'trigger', kind: string, fallback = ''): string {
	return t(`kinds.${type}.${kind}.summary`, { default: fallback });
}

/** First dictionary entry that exists among keys (strings only). */
function first(json: Json, keys: string[]): string | undefined {
	for (const k of keys) {
		const v = json(k);
		if (typeof v === 'string') return k;
	}
	return undefined;
}

/** Label of a setting: "inspector.fieldFor.<kind>.<key>", else "inspector.field.<key>", else the key. */
export function settingLabel(t: T, json: Json, kind: string, key: string): string {
	const k = first(json, [`inspector.fieldFor.${kindKey(kind)}.${key}`, `inspector.field.${key}`]);
	return k ? t(k) : key;
}

/** Help under a setting, when the dictionary has one. */
export function settingHelp(t: T, json: Json, kind: string, key: string): string {
	const k = first(json, [`inspector.helpFor.${kindKey(kind)}.${key}`, `inspector.help.${key}`]);
	return k ? t(k) : '';
}

/** Label of an option value of a setting. */
export function optionLabel(t: T, json: Json, kind: string, key: string, value: string): string {
	const k = first(json, [`inspector.optionFor.${kindKey(kind)}.${key}.${value}`, `inspector.option.${key}.${value}`, `inspector.option.any.${value}`]);
	return k ? t(k) : value;
}

/** Help of an option value, when the dictionary has one. */
export function optionHelp(t: T, json: Json, kind: string, key: string, value: string): string {
	const k = first(json, [`inspector.optionHelpFor.${kindKey(kind)}.${key}.${value}`, `inspector.optionHelp.${key}.${value}`]);
	return k ? t(k) : '';
}

/** The text of an issue in the current language: schema problems are always localized; engine
 * diagnostics use the dictionary's sentence for their code outside English, else the engine's. */
export function issueText(t: T, json: Json, locale: string, i: FieldIssue): { message: string; help: string } {
	if (i.code.startsWith('schema.')) {
		const values: Values = { ...(i.params ?? {}) };
		if (typeof values.format === 'string') values.format = t(`inspector.format.${values.format}`);
		return { message: t(`inspector.issue.${i.code.slice(7)}`, { values }), help: '' };
	}
	if (!locale.startsWith('en')) {
		const m = json(`inspector.diag.${i.code}.message`);
		const h = json(`inspector.diag.${i.code}.help`);
		if (typeof m === 'string') return { message: m, help: typeof h === 'string' ? h : (i.help ?? '') };
	}
	return { message: i.message, help: i.help ?? '' };
}
