/** Every trigger kind, by kind name. */
import type { TriggerKind } from './kind';
import { fieldChanged, formSubmitted, listSubscribed, listUnsubscribed, scoreChanged, tagAdded, tagRemoved } from './contact';
import { conversionMade, emailClicked, emailForwarded, emailOpened, emailReplied, eventRecorded, pageVisited, smsReplied } from './engagement';
import { dealEnteredPipeline, dealStageChanged, dealStatusChanged, dealTaskCompleted } from './crm';
import { addedManually, goalAchieved, goalSkipped, startedByAutomation } from './automation';
import { dateBased } from './date';

/** All trigger kinds in palette order. */
export const TRIGGER_KINDS = [
	listSubscribed,
	listUnsubscribed,
	formSubmitted,
	emailOpened,
	emailClicked,
	emailReplied,
	emailForwarded,
	tagAdded,
	tagRemoved,
	fieldChanged,
	dateBased,
	pageVisited,
	eventRecorded,
	scoreChanged,
	goalAchieved,
	goalSkipped,
	dealEnteredPipeline,
	dealStageChanged,
	dealStatusChanged,
	dealTaskCompleted,
	conversionMade,
	smsReplied,
	startedByAutomation,
	addedManually
] as const satisfies readonly TriggerKind<any>[];

/** Trigger kinds by name. */
export const triggerKinds: ReadonlyMap<string, TriggerKind<any>> = new Map(TRIGGER_KINDS.map((k) => [k.kind, k as TriggerKind<any>]));
