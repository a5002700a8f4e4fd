/** Sending settings and connector state, stored in the workspace's meta table (no secrets). */
import { DEFAULT_POLICY, type SendingSettings } from '../../connectors/channels';
import { EMPTY_STATE, type ConnectorState } from '../../connectors/types';
import type { WorkspaceDb } from '../../db/workspace';

export const SETTINGS_KEY = 'sending.settings';
export const STATE_KEY = 'sending.state';

/** Connector state plus the outbox's own cursors. */
export interface OutboxState extends ConnectorState {
	/** Last unsubscribe request collected from the relay. */
	unsubscribeCursor: number;
}

export function emptySettings(): SendingSettings {
	return { channels: {}, policy: structuredClone(DEFAULT_POLICY) };
}

export function emptyState(): OutboxState {
	return { ...structuredClone(EMPTY_STATE), unsubscribeCursor: 0 };
}

/** Reads settings and state (defaults when absent or from an older shape). */
export async function readSettings(db: WorkspaceDb): Promise<{ settings: SendingSettings; state: OutboxState }> {
	const [s, st] = await Promise.all([db.meta.get(SETTINGS_KEY), db.meta.get(STATE_KEY)]);
	const saved = (s?.value ?? null) as Partial<SendingSettings> | null;
	const settings = emptySettings();
	if (saved?.channels) settings.channels = saved.channels;
	if (saved?.policy)
		settings.policy = {
			...settings.policy,
			...saved.policy,
			quietHours: { ...settings.policy.quietHours, ...saved.policy.quietHours },
			frequencyCap: { ...settings.policy.frequencyCap, ...saved.policy.frequencyCap }
		};
	const state = { ...emptyState(), ...((st?.value ?? {}) as Partial<OutboxState>) };
	return { settings, state };
}

export async function writeSettings(db: WorkspaceDb, settings: SendingSettings): Promise<void> {
	await db.meta.put({ key: SETTINGS_KEY, value: structuredClone(settings) });
}

export async function writeState(db: WorkspaceDb, state: OutboxState): Promise<void> {
	await db.meta.put({ key: STATE_KEY, value: structuredClone(state) });
}
