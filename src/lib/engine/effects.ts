/** Effects: what the engine asks the host to do, as plain data. The engine never sends. */

/** Channels of outbound effects. */
export type EffectKind =
	| 'email.send'
	| 'email.one_to_one'
	| 'email.transactional'
	| 'email.internal'
	| 'sms.send'
	| 'webhook.post'
	| 'ai.prompt'
	| 'salesforce.create_contact'
	| 'salesforce.create_lead'
	| 'salesforce.add_to_campaign'
	| 'facebook.audience_add'
	| 'facebook.audience_remove'
	| 'app.call';

/** One outbound effect. `key` is stable across replays and doubles as the idempotency key. */
export interface Effect {
	key: string;
	kind: EffectKind;
	/** Virtual time the step ran. */
	at: number;
	contact: string;
	automation: string;
	step: string;
	run: number;
	payload: Record<string, unknown>;
	/** Marketing messages are checked against suppression and subscriptions again at send time. */
	marketing: boolean;
	/** When the run waits for the result (AI prompt, connector record ids): the deadline; else null. */
	awaitUntil: number | null;
}

/** The host's answer to an awaited effect, fed back as an `effect.resolved` input. */
export interface EffectResult {
	key: string;
	ok: boolean;
	/** Result value (AI text, record id…) when ok. */
	value?: string;
	/** Error text when not ok. */
	error?: string;
}
