/** Every step kind, by kind name. Adding a kind: import it and list it here. */
import type { StepKind } from './kind';
import { wait } from './wait';
import { ifElse } from './if-else';
import { goto } from './goto';
import { goal } from './goal';
import { split } from './split';
import { endOtherAutomation, endThisAutomation, startAutomation } from './automation';
import { addTag, removeTag } from './tags';
import { subscribe, unsubscribe } from './lists';
import { sendEmail } from './email-send';
import { sendOneToOne } from './email-direct';
import { sendTransactional } from './email-transactional';
import { internalNotification } from './notification';
import { sendSms } from './sms';
import { showSiteMessage } from './site-message';
import { webhook } from './webhook';
import { aiPrompt } from './ai-prompt';
import { updateContact } from './contact-update';
import { addNote } from './note';
import { adjustContactScore } from './score';
import { facebookAudienceAdd, facebookAudienceRemove } from './facebook';
import { recordConversion } from './conversion';
import { formatCapitalize, formatCopy, formatExtract } from './format-text';
import { formatDateShift, formatMath } from './format-calc';
import { addDeal } from './deal-add';
import { adjustDealScore, updateDealField, updateDealOwner, updateDealStage, updateDealStatus, updateDealTitle, updateDealValue } from './deal-update';
import { addDealNote, addDealTask, completeDealTask } from './deal-activity';
import { addAccountNote, addContactToAccount, updateAccountField, updateAccountOwner } from './account';
import { salesforceAddToCampaign, salesforceCreateContact, salesforceCreateLead } from './salesforce';
import { appAction } from './app';

/** All step kinds in palette order. */
export const STEP_KINDS = [
	sendEmail,
	wait,
	subscribe,
	unsubscribe,
	addTag,
	removeTag,
	ifElse,
	goto,
	goal,
	split,
	startAutomation,
	endOtherAutomation,
	endThisAutomation,
	sendOneToOne,
	sendTransactional,
	internalNotification,
	sendSms,
	showSiteMessage,
	webhook,
	aiPrompt,
	updateContact,
	addNote,
	adjustContactScore,
	facebookAudienceAdd,
	facebookAudienceRemove,
	recordConversion,
	formatCopy,
	formatExtract,
	formatCapitalize,
	formatDateShift,
	formatMath,
	addDeal,
	updateDealTitle,
	updateDealStatus,
	updateDealOwner,
	updateDealValue,
	updateDealStage,
	updateDealField,
	addDealTask,
	completeDealTask,
	addDealNote,
	adjustDealScore,
	updateAccountField,
	addAccountNote,
	updateAccountOwner,
	addContactToAccount,
	salesforceCreateContact,
	salesforceCreateLead,
	salesforceAddToCampaign,
	appAction
] as const satisfies readonly StepKind<any, any>[];

/** Step kinds by name. */
export const stepKinds: ReadonlyMap<string, StepKind<any, any>> = new Map(STEP_KINDS.map((k) => [k.kind, k as StepKind<any, any>]));
