/**
 * Account actions: update an account field, add an account note, change the account owner, and
 * add the contact to an account (found by id or by name, optionally created). The account in
 * context is the contact's account, else the account of the deal in context.
 */
import { z } from 'zod';
import { FieldValue, Id } from '../schema/common';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';
import type { Account } from '../world';
import { accountField } from '../conditions/crm';
import { defineStep } from './kind';
import { linear, next, stepBase } from './base';
import { COERCE_REASONS, coerceValue } from './coerce';
import { accountOf, checkFieldRef, compileValue, fieldSpec, renderFor, renderValue, writeField, type ValueTemplate } from './fields';
import { checkUser, CRM_PLANS } from './crm';

/** Runs `fn` with the account in context; without one logs step_skipped "no_account". */
function withAccount(e: Engine, r: number, s: CompiledStep<any, any>, fn: (a: Account) => void): number {
	const a = accountOf(e, r);
	if (!a) e.log(r, s, TraceCode.step_skipped, { reason: 'no_account' });
	else fn(a);
	return s.out[0];
}

const fieldSchema = z
	.object({
		...stepBase,
		kind: z.literal('account.update_field'),
		/** "name" or a custom account field key. */
		field: z.string().min(1, 'choose an account field'),
		/** Text values are personalization templates; null clears the field. */
		value: FieldValue,
		...next
	})
	.strict();

export const updateAccountField = defineStep<z.infer<typeof fieldSchema>, ValueTemplate>({
	kind: 'account.update_field',
	group: 'crm',
	title: 'Update an account field',
	summary: 'Sets the value of the account\'s name or of a custom account field.',
	plans: CRM_PLANS,
	schema: fieldSchema,
	outputs: linear,
	validate(d, v) {
		if (d.field === 'owner')
			v.report('account.field_owner', 'The account owner is changed with the "Update account owner" action.', 'Use "Update account owner", or pick another field.', ['field']);
		else checkFieldRef(v, { source: 'account', field: d.field }, []);
		if (typeof d.value === 'string') v.template(d.value, ['value']);
		const spec = fieldSpec(v.catalog, 'account', d.field);
		if (spec && d.field !== 'owner' && compileValue(d.value).tpl === null) {
			const co = coerceValue(spec, d.value, 'UTC');
			if (!co.ok) v.report('account.field_value', `The value for account field "${d.field}" ${COERCE_REASONS[co.reason] ?? 'does not fit the field'}.`, 'Enter a value of the field\'s type.', ['value']);
		}
	},
	compile: (d) => compileValue(d.value),
	enter: (e, r, s) =>
		withAccount(e, r, s, (a) => {
			const raw = renderValue(e, r, s.data);
			const from = accountField(a, s.def.field);
			const res = writeField(e, r, { source: 'account', field: s.def.field }, raw);
			if (!res.ok) e.log(r, s, TraceCode.step_skipped, { reason: res.reason, account: a.id, value: raw });
			else if (!res.changed) e.log(r, s, TraceCode.step_skipped, { reason: 'unchanged', account: a.id });
			else e.log(r, s, TraceCode.step_done, { account: a.id, field: s.def.field, from, to: res.value });
		})
});

const noteSchema = z
	.object({ ...stepBase, kind: z.literal('account.note_add'), text: z.string().trim().min(1, 'write the note'), ...next })
	.strict();

export const addAccountNote = defineStep<z.infer<typeof noteSchema>, Template>({
	kind: 'account.note_add',
	group: 'crm',
	title: 'Add an account note',
	summary: 'Adds a note to the account (contact, deal and account personalization allowed).',
	plans: CRM_PLANS,
	schema: noteSchema,
	outputs: linear,
	validate: (d, v) => v.template(d.text, ['text']),
	compile: (d) => compileTemplate(d.text),
	enter: (e, r, s) =>
		withAccount(e, r, s, (a) => {
			const text = renderFor(e, r, s.data).trim();
			if (!text) e.log(r, s, TraceCode.step_skipped, { reason: 'empty_note', account: a.id });
			else {
				e.world.addAccountNote(a, { at: e.now, text, by: `automation:${s.automation.id}` });
				e.log(r, s, TraceCode.step_done, { account: a.id });
			}
		})
});

const ownerSchema = z.object({ ...stepBase, kind: z.literal('account.update_owner'), owner: Id, ...next }).strict();

export const updateAccountOwner = defineStep<z.infer<typeof ownerSchema>>({
	kind: 'account.update_owner',
	group: 'crm',
	title: 'Update account owner',
	summary: 'Changes the owner of the account the contact belongs to.',
	plans: CRM_PLANS,
	schema: ownerSchema,
	outputs: linear,
	validate: (d, v) => checkUser(v, d.owner, ['owner']),
	enter: (e, r, s) =>
		withAccount(e, r, s, (a) => {
			const from = a.owner;
			if (!e.world.catalog.users.has(s.def.owner)) e.log(r, s, TraceCode.step_skipped, { reason: 'unknown_user', owner: s.def.owner });
			else if (!e.world.setAccountField(a, 'owner', s.def.owner)) e.log(r, s, TraceCode.step_skipped, { reason: 'unchanged', account: a.id });
			else e.log(r, s, TraceCode.step_done, { account: a.id, from, to: s.def.owner });
		})
});

const AccountPick = z.union([
	z.object({ id: Id }).strict(),
	z.object({ name: z.string().trim().min(1, 'name the account'), create: z.boolean().default(false) }).strict()
]);
const addContactSchema = z.object({ ...stepBase, kind: z.literal('account.add_contact'), account: AccountPick, ...next }).strict();
type AddContactDef = z.infer<typeof addContactSchema>;

/** The account named `name` (ignoring case and surrounding spaces), if any. */
export function findAccountByName(accounts: Iterable<Account>, name: string): Account | undefined {
	const want = name.trim().toLowerCase();
	for (const a of accounts) if (a.name.trim().toLowerCase() === want) return a;
	return undefined;
}

export const addContactToAccount = defineStep<AddContactDef, Template | null>({
	kind: 'account.add_contact',
	group: 'crm',
	title: 'Add contact to account',
	summary: 'Links the contact to an account, found by name (personalization allowed) and created when allowed.',
	plans: CRM_PLANS,
	schema: addContactSchema,
	outputs: linear,
	validate(d, v) {
		if ('name' in d.account) v.template(d.account.name, ['account', 'name']);
	},
	compile: (d) => ('name' in d.account ? compileTemplate(d.account.name) : null),
	enter(e, r, s) {
		const w = e.world;
		const c = e.contactOf(r);
		const pick = s.def.account;
		let a: Account | undefined;
		let created = false;
		if ('id' in pick) a = w.accounts.get(pick.id);
		else {
			const name = renderFor(e, r, s.data!).trim();
			if (!name) {
				e.log(r, s, TraceCode.step_skipped, { reason: 'empty_account_name' });
				return s.out[0];
			}
			a = findAccountByName(w.accounts.values(), name);
			if (!a && pick.create) {
				a = { id: w.nextAccountId(), name, owner: null, fields: {}, notes: [] };
				w.insertAccount(a);
				created = true;
			}
		}
		if (!a) e.log(r, s, TraceCode.step_skipped, { reason: 'account_not_found' });
		else if (!w.setAccount(c, a.id)) e.log(r, s, TraceCode.step_skipped, { reason: 'already_in_account', account: a.id });
		else e.log(r, s, TraceCode.step_done, { account: a.id, created });
		return s.out[0];
	}
});
