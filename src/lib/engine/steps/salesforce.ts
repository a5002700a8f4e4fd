/**
 * Salesforce: create a contact, create a lead, or add the contact to a campaign. Field values are
 * personalization templates mapped onto Salesforce API field names; the connector answers with the
 * record id, which can be saved into a contact field. The contact waits for the answer up to the
 * timeout, then continues or exits as `onFailure` says.
 */
import { z } from 'zod';
import { TraceCode } from '../core/trace';
import { compileTemplate, type Template } from '../personalize';
import { STANDARD_FIELDS } from '../world';
import { defineStep, type StepKind, type ValidateCtx } from './kind';
import { linear, next, stepBase } from './base';
import { renderFor, writeField } from './fields';
import { awaitEffect, awaitFields, awaitHandlers, checkTimeout, type Applied } from './awaiting';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';

/** Salesforce API field name, e.g. "LastName" or "Score__c". */
const SfField = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a Salesforce API field name such as "LastName"');
/** A 15- or 18-character Salesforce record id. */
const SF_ID_RE = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
/** What Salesforce gets for required fields left empty (its own web-to-lead convention). */
export const NOT_PROVIDED = '[not provided]';

/** Default field mappings: Salesforce field → template. */
export const SALESFORCE_DEFAULTS: Record<'Contact' | 'Lead', Record<string, string>> = {
	Contact: { FirstName: '%FIRSTNAME%', LastName: '%LASTNAME%', Email: '%EMAIL%', Phone: '%PHONE%' },
	Lead: { FirstName: '%FIRSTNAME%', LastName: '%LASTNAME%', Email: '%EMAIL%', Phone: '%PHONE%', Company: '%ACCOUNT_NAME%' }
};
const REQUIRED: Record<'Contact' | 'Lead', string[]> = { Contact: ['LastName'], Lead: ['LastName', 'Company'] };

const createFields = {
	...stepBase,
	/** Salesforce field → template; merged over the defaults (an empty template drops a default). */
	mapping: z.record(SfField, z.string()).optional(),
	/** Custom contact field that receives the new record's id. */
	saveIdTo: z.string().min(1).optional(),
	...awaitFields,
	...next
};
const contactSchema = z.object({ ...createFields, kind: z.literal('salesforce.create_contact') }).strict();
const leadSchema = z.object({ ...createFields, kind: z.literal('salesforce.create_lead') }).strict();
type ContactDef = z.infer<typeof contactSchema>;
type LeadDef = z.infer<typeof leadSchema>;
type CreateData = [string, Template][];

function checkIdField(v: ValidateCtx, field: string | undefined, key: string): void {
	if (!field) return;
	if ((STANDARD_FIELDS as readonly string[]).includes(field))
		v.report('salesforce.id_field', `The Salesforce id cannot be kept in the standard field "${field}".`, 'Pick a custom text field for the Salesforce id.', [key]);
	else v.field(field, [key], ['text', 'textarea']);
}

/** Saves the record id into the chosen contact field. */
function saveId(e: Engine, r: number, field: string | undefined, id: string): Applied {
	if (!SF_ID_RE.test(id.trim())) return { ok: false, reason: 'invalid_record_id' };
	if (!field) return { ok: true, detail: { recordId: id.trim() } };
	const res = writeField(e, r, { source: 'contact', field }, id.trim());
	return res.ok ? { ok: true, detail: { recordId: id.trim(), field } } : { ok: false, reason: res.reason };
}

function createStep<D extends ContactDef | LeadDef>(kind: D['kind'], schema: z.ZodType<D>, object: 'Contact' | 'Lead', title: string, summary: string): StepKind<D, CreateData> {
	return defineStep<D, CreateData>({
		kind,
		group: 'salesforce',
		title,
		summary,
		plans: { from: 'enterprise' },
		schema,
		outputs: linear,
		validate(d, v) {
			for (const [k, t] of Object.entries(d.mapping ?? {})) v.template(t, ['mapping', k]);
			const merged = { ...SALESFORCE_DEFAULTS[object], ...d.mapping };
			for (const k of REQUIRED[object])
				if (!merged[k]?.trim())
					v.report('salesforce.required', `Salesforce requires ${k} on a ${object}, but the mapping leaves it out.`, `Map ${k} to a value; empty values are sent as "${NOT_PROVIDED}".`, ['mapping', k]);
			checkIdField(v, d.saveIdTo, 'saveIdTo');
			checkTimeout(d, v);
		},
		compile: (d) =>
			Object.entries({ ...SALESFORCE_DEFAULTS[object], ...d.mapping })
				.filter(([, t]) => t.trim() !== '')
				.map(([k, t]) => [k, compileTemplate(t)]),
		enter(e, r, s) {
			const fields: Record<string, string> = {};
			for (const [k, t] of s.data) fields[k] = renderFor(e, r, t).trim();
			for (const k of REQUIRED[object]) if (!fields[k]) fields[k] = NOT_PROVIDED;
			return awaitEffect(e, r, s, kind, { object, fields });
		},
		...awaitHandlers<D, CreateData>((e, r, s, value) => saveId(e, r, s.def.saveIdTo, value))
	});
}

export const salesforceCreateContact = createStep<ContactDef>(
	'salesforce.create_contact',
	contactSchema,
	'Contact',
	'Salesforce: create contact',
	'Creates the contact in Salesforce as a Contact record.'
);

export const salesforceCreateLead = createStep<LeadDef>(
	'salesforce.create_lead',
	leadSchema,
	'Lead',
	'Salesforce: create lead',
	'Creates the contact in Salesforce as a Lead record.'
);

const campaignSchema = z
	.object({
		...stepBase,
		kind: z.literal('salesforce.add_to_campaign'),
		/** Salesforce campaign id. */
		campaign: z.string().trim().min(1, 'enter the Salesforce campaign id'),
		/** Campaign member status. */
		status: z.string().trim().min(1).default('Sent'),
		/** Contact field holding the Salesforce Contact/Lead id (else the connector matches by email). */
		idField: z.string().min(1).optional(),
		...awaitFields,
		...next
	})
	.strict();
type CampaignDef = z.infer<typeof campaignSchema>;

export const salesforceAddToCampaign = defineStep<CampaignDef>({
	kind: 'salesforce.add_to_campaign',
	group: 'salesforce',
	title: 'Salesforce: add contact to campaign',
	summary: 'Adds the contact (Salesforce contact or lead) to a Salesforce campaign.',
	plans: { from: 'enterprise' },
	schema: campaignSchema,
	outputs: linear,
	validate(d, v) {
		if (!SF_ID_RE.test(d.campaign))
			v.report('salesforce.campaign_id', `"${d.campaign}" does not look like a Salesforce campaign id.`, 'Copy the 15- or 18-character id from the campaign\'s page in Salesforce.', ['campaign'], 'warning');
		checkIdField(v, d.idField, 'idField');
		checkTimeout(d, v);
	},
	enter(e, r, s: CompiledStep<CampaignDef, undefined>) {
		const c = e.contactOf(r);
		const recordId = s.def.idField ? String(e.world.getField(c, s.def.idField) ?? '').trim() : '';
		if (!recordId && !c.email) {
			e.log(r, s, TraceCode.step_skipped, { reason: 'no_salesforce_record' });
			return s.out[0];
		}
		return awaitEffect(e, r, s, 'salesforce.add_to_campaign', {
			campaignId: s.def.campaign,
			status: s.def.status,
			email: c.email,
			recordId: recordId || null
		});
	},
	...awaitHandlers<CampaignDef, undefined>(() => ({ ok: true }))
});
