/**
 * Where a workspace's behaviour model lives: the `settings` store (key "behaviour") of its
 * database, mirrored in memory for the reactor, which must answer synchronously.
 */
import type { WorkspaceRuntime } from '../runtime';
import type { BehaviourModel } from './behaviour';

const KEY = 'behaviour';
const models = new WeakMap<WorkspaceRuntime, BehaviourModel | null>();

/** The model in memory (null: none set; the reactor then does nothing). */
export function behaviourOf(rt: WorkspaceRuntime): BehaviourModel | null {
	return models.get(rt) ?? null;
}

/** Reads the stored model into memory. */
export async function loadBehaviour(rt: WorkspaceRuntime): Promise<void> {
	// A database opened at a version before the settings store (older builds, upgrade tests) has no model.
	const row = rt.db.tables.some((t) => t.name === 'settings') ? await rt.db.settings.get(KEY) : undefined;
	models.set(rt, (row?.value as BehaviourModel | undefined) ?? null);
}

/** Stores a model (null removes it) and re-arms the reactions it drives. */
export async function saveBehaviour(rt: WorkspaceRuntime, model: BehaviourModel | null): Promise<void> {
	if (model) await rt.db.settings.put({ key: KEY, value: model });
	else await rt.db.settings.delete(KEY);
	models.set(rt, model);
	rt.rearmReactor('behaviour');
}
