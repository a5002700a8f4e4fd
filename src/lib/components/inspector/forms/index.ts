/**
 * Hand-made forms, by kind, where marketers need better controls than the generic schema form;
 * every other kind is edited by SchemaForm.
 */
import type { Component } from 'svelte';
import EmailSendForm from './EmailSendForm.svelte';
import TransactionalForm from './TransactionalForm.svelte';
import WaitForm from './WaitForm.svelte';
import SplitForm from './SplitForm.svelte';
import ContactUpdateForm from './ContactUpdateForm.svelte';
import OneToOneForm from './OneToOneForm.svelte';
import NotificationForm from './NotificationForm.svelte';
import SmsForm from './SmsForm.svelte';
import FacebookForm from './FacebookForm.svelte';
import ConversionForm from './ConversionForm.svelte';
import MathForm from './MathForm.svelte';
import DealAddForm from './DealAddForm.svelte';
import AccountContactForm from './AccountContactForm.svelte';
import SalesforceCreateForm from './SalesforceCreateForm.svelte';
import AppActionForm from './AppActionForm.svelte';
import EventTriggerForm from './EventTriggerForm.svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Form = Component<any>;

/** Step kinds with their own form. */
export const STEP_FORMS: Record<string, Form> = {
	'email.send': EmailSendForm,
	'email.transactional': TransactionalForm,
	'wait': WaitForm,
	'split': SplitForm,
	'contact.update': ContactUpdateForm,
	'email.one_to_one': OneToOneForm,
	'notification.internal': NotificationForm,
	'sms.send': SmsForm,
	'facebook.audience_add': FacebookForm,
	'facebook.audience_remove': FacebookForm,
	'conversion.record': ConversionForm,
	'format.math': MathForm,
	'deal.add': DealAddForm,
	'account.add_contact': AccountContactForm,
	'salesforce.create_contact': SalesforceCreateForm,
	'salesforce.create_lead': SalesforceCreateForm,
	'app.action': AppActionForm
};

/** Trigger kinds with their own form. */
export const TRIGGER_FORMS: Record<string, Form> = {
	'event.recorded': EventTriggerForm
};
