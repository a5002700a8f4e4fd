/** What every connector receives and returns. */
import type { EffectKind } from '../engine/effects';
import type { HttpOptions } from './http';
import type { SettingsOf, ChannelId } from './channels';

/** The part of an outbox message a connector needs. */
export interface OutMessage {
	/** Workspace-scoped idempotency key (also the webhook-id, and the source of the Message-ID). */
	idempotencyKey: string;
	kind: EffectKind;
	contact: string;
	payload: Record<string, unknown>;
	marketing: boolean;
}

/** The mail relay used by relay modes (the mail channel's URL and token). */
export interface RelayTarget {
	url: string;
	token: string;
}

/** Connector state that survives reloads (stored with the workspace, never secret). */
export interface ConnectorState {
	/** Facebook audiences created by name → id. */
	audiences: Record<string, string>;
	/** Webhook origins that refused a direct (CORS) call: sent through the relay in "auto" mode. */
	corsBlocked: string[];
}

export const EMPTY_STATE: ConnectorState = { audiences: {}, corsBlocked: [] };

/** Everything a delivery needs. */
export interface DeliverCtx<K extends ChannelId = ChannelId> {
	settings: SettingsOf[K];
	/** Decrypted secrets of the channel, by name. */
	secrets: Record<string, string>;
	relay: RelayTarget | null;
	http: HttpOptions & { wallNow: () => number };
	state: ConnectorState;
	/** Persist `state` after a change. */
	saveState(): void;
	/** List-Unsubscribe targets of a marketing email to `contact` at `email`. */
	unsubscribe?(contact: string, email: string): Promise<{ url: string | null; mailto: string | null }>;
}

/** A successful delivery. */
export interface Delivered {
	/** Result value fed back to the engine (AI answer, Salesforce record id) for awaited effects. */
	value?: string;
	/** Provider's id of the message or record. */
	providerId?: string;
	/** The HTTP status that confirmed it. */
	status?: number;
}
