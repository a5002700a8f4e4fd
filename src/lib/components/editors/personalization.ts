/**
 * Personalization tags in template fields: which tags exist in the workspace, spotting a "%"
 * being typed at the caret, inserting the chosen tag there, and flagging unknown tags. Pure.
 */
import { ACCOUNT_TAGS, DEAL_TAGS, STANDARD_TAGS, compileTemplate } from '$lib/engine/personalize';
import type { CatalogView } from '$lib/worker/handlers/catalog';

/** A tag the picker offers. `tag` is the name without the percent signs. */
export interface TagOption {
	tag: string;
	/** A human label: a custom field's label, or a dictionary key suffix for standard tags. */
	label: string;
	group: 'contact' | 'custom' | 'deal' | 'account';
	/** True when `label` is a dictionary key (standard tags), false when it is the field's own label. */
	standard: boolean;
}

/** Every tag of the workspace: standard contact tags, custom fields, deal and account tags. */
export function tagOptions(cat: CatalogView): TagOption[] {
	const std = (tags: readonly string[], group: TagOption['group']) => tags.map((tag) => ({ tag, label: tag, group, standard: true }));
	return [
		...std(STANDARD_TAGS, 'contact'),
		...cat.fields.contact.filter((f) => !f.standard).map((f) => ({ tag: f.key.toUpperCase(), label: f.label, group: 'custom' as const, standard: false })),
		...std(DEAL_TAGS, 'deal'),
		...cat.fields.deal.filter((f) => !f.standard).map((f) => ({ tag: `DEAL_${f.key.toUpperCase()}`, label: f.label, group: 'deal' as const, standard: false })),
		...std(ACCOUNT_TAGS, 'account'),
		...cat.fields.account.filter((f) => !f.standard).map((f) => ({ tag: `ACCOUNT_${f.key.toUpperCase()}`, label: f.label, group: 'account' as const, standard: false }))
	];
}

/** Known tag names (upper case). */
export function knownTags(cat: CatalogView): Set<string> {
	return new Set(tagOptions(cat).map((o) => o.tag));
}

/** Tags used in `text` that the workspace does not know (in order, once each). */
export function unknownTags(text: string, known: Set<string>): string[] {
	return [...new Set(compileTemplate(text).tags.filter((t) => !known.has(t)))];
}

const COMPLETE_TAG = /%[A-Za-z][A-Za-z0-9_]*%/g;

/**
 * A tag being typed at the caret: the "%" that opens it and what follows. A "%" that closes a
 * complete tag (as in "%FIRSTNAME%|") does not open the picker.
 */
export function tagQueryAt(text: string, caret: number): { start: number; query: string } | null {
	const before = text.slice(0, caret);
	const m = /%([A-Za-z0-9_]*)$/.exec(before);
	if (!m) return null;
	const start = m.index;
	for (const t of before.matchAll(COMPLETE_TAG)) {
		const from = t.index!;
		const to = from + t[0].length;
		if (start >= from && start < to) return null;
	}
	return { start, query: m[1] };
}

/** The text with `%TAG%` replacing text[start, end) (the "%" and the query), and the caret after it. */
export function insertTag(text: string, start: number, end: number, tag: string): { text: string; caret: number } {
	const ins = `%${tag}%`;
	return { text: text.slice(0, start) + ins + text.slice(end), caret: start + ins.length };
}

/** Options matching a query (tag name or label, ignoring case); prefix matches first. */
export function filterTags(options: TagOption[], query: string, labelOf: (o: TagOption) => string = (o) => o.label): TagOption[] {
	const q = query.trim().toLowerCase();
	if (!q) return options;
	const scored: [number, TagOption][] = [];
	for (const o of options) {
		const tag = o.tag.toLowerCase();
		const label = labelOf(o).toLowerCase();
		const score = tag.startsWith(q) ? 0 : label.startsWith(q) ? 1 : tag.includes(q) || label.includes(q) ? 2 : -1;
		if (score >= 0) scored.push([score, o]);
	}
	return scored.sort((a, b) => a[0] - b[0]).map(([, o]) => o);
}
