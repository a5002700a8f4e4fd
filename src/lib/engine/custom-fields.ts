/**
 * Defining and removing custom contact fields (the `field.defined` / `field.removed` inputs).
 * A definition is checked like the portable format checks it; a new type converts the values
 * contacts already hold when they all convert, and is refused otherwise; options still in use
 * cannot be dropped; a field that a published automation reads cannot be removed or retyped.
 * Schema changes never fire triggers: only the values' owners change, silently.
 */
import type { ApplyResult, Engine } from './engine';
import { FieldDef } from './schema/workspace';
import { zodIssues } from './schema/issues';
import { validateAutomation } from './validate';
import { convertValue, fitsType } from './field-values';
import type { FieldValue } from './core/values';
import { STANDARD_TAGS } from './personalize';
import { STANDARD_FIELDS } from './world';

function err(code: string, message: string, help: string): ApplyResult {
	return { ok: false, diagnostics: [{ code, severity: 'error', message, help }] };
}

/** Keys a custom field may not take (standard fields and their personalization tags). */
const RESERVED = new Set([...STANDARD_FIELDS.map((f) => f.toLowerCase()), ...STANDARD_TAGS.map((t) => t.toLowerCase()), 'account', 'id', 'tags', 'lists', 'scores', 'notes']);

/** Creates or changes a custom contact field. */
export function defineField(e: Engine, input: unknown): ApplyResult {
	const parsed = FieldDef.safeParse(input);
	if (!parsed.success) {
		const first = zodIssues(parsed.error)[0];
		return err('field.invalid', `The field definition is invalid: ${first.path.join('.') || 'field'} ${first.message}.`, 'Give the field a lower_snake_case key, a label and one of the field types.');
	}
	const def: FieldDef = { ...parsed.data, label: parsed.data.label.trim() };
	if (!def.label) return err('field.invalid', 'The field needs a label.', 'Type the name people will see.');
	if (RESERVED.has(def.key)) return err('field.reserved', `"${def.key}" is a standard contact field.`, 'Choose another key for the custom field.');
	if (def.type === 'dropdown' || def.type === 'multiselect') {
		const opts = (def.options ?? []).map((o) => o.trim()).filter(Boolean);
		if (!opts.length) return err('field.no_options', `Field "${def.label}" needs at least one option.`, 'Add the values people can pick from.');
		const seen = new Set<string>();
		for (const o of opts) {
			if (seen.has(o.toLowerCase())) return err('field.duplicate_option', `Option "${o}" is listed twice.`, 'Keep each option once.');
			seen.add(o.toLowerCase());
		}
		def.options = opts;
	} else delete def.options;

	const w = e.world;
	const old = w.catalog.fields.get(def.key);
	const converted = new Map<number, FieldValue>();
	if (old) {
		let misfits = 0;
		let example: FieldValue = null;
		for (const c of w.contacts) {
			if (c.deleted) continue;
			const v = c.fields[def.key];
			if (v === undefined || fitsType(def, v)) continue;
			const conv = convertValue(def, v);
			if (conv.ok) converted.set(c.idx, conv.value);
			else if (misfits++ === 0) example = v;
		}
		if (misfits)
			return err(
				old.type === def.type ? 'field.option_in_use' : 'field.type_in_use',
				old.type === def.type
					? `${misfits} contact${misfits > 1 ? 's hold' : ' holds'} a value that is no longer an option (e.g. ${JSON.stringify(example)}).`
					: `${misfits} contact${misfits > 1 ? 's hold' : ' holds'} a value that is not a valid ${def.type} (e.g. ${JSON.stringify(example)}).`,
				old.type === def.type ? 'Keep the options in use, or change those contacts first.' : 'Clear or fix those values first, or create a new field of the new type.'
			);
		const broken = brokenAutomations(e, def.key, def);
		if (broken.length)
			return err('field.in_use', `Automation${broken.length > 1 ? 's' : ''} ${broken.map((n) => `"${n}"`).join(', ')} need${broken.length > 1 ? '' : 's'} this field as a ${old.type} field.`, 'Change those automations first, or create a new field.');
	}
	w.defineField(def);
	for (const [idx, v] of converted) w.rewriteField(w.contacts[idx], def.key, v);
	return { ok: true };
}

/** Removes a custom contact field and every value of it. */
export function removeField(e: Engine, key: string): ApplyResult {
	const w = e.world;
	if (!w.catalog.fields.has(key)) return err('input.unknown_field', `Contact field "${key}" does not exist.`, 'Check the field key.');
	const broken = brokenAutomations(e, key, null);
	if (broken.length)
		return err('field.in_use', `Automation${broken.length > 1 ? 's' : ''} ${broken.map((n) => `"${n}"`).join(', ')} use${broken.length > 1 ? '' : 's'} this field.`, 'Remove the field from those automations first.');
	w.removeFieldDef(key);
	return { ok: true };
}

/**
 * Names of automations that validate today but would get a field reference error if the field
 * became `next` (null: removed).
 */
function brokenAutomations(e: Engine, key: string, next: FieldDef | null): string[] {
	const fields = e.world.catalog.fields;
	const entries = [...fields];
	const before = new Map<string, number>();
	const refErrors = (def: import('./schema/automation').AutomationDef) =>
		validateAutomation(def, e.view()).filter((d) => d.severity === 'error' && (d.code === 'ref.field' || d.code === 'ref.field_type')).length;
	const slots = [...e.slots.values()];
	for (const s of slots) before.set(s.id, refErrors(s.def));
	if (next) fields.set(key, next);
	else fields.delete(key);
	try {
		return slots.filter((s) => refErrors(s.def) > before.get(s.id)!).map((s) => s.def.name);
	} finally {
		// Restore the catalogue exactly, order included.
		fields.clear();
		for (const [k, v] of entries) fields.set(k, v);
	}
}
