/**
 * Which contacts an action applies to: a selection of ids, everything matching the table's
 * current search and filter, or a saved segment.
 */
import type { WorkspaceRuntime } from '../runtime';
import type { ContactListQuery } from './query';
import { matchingIds } from './query';

export type ContactTarget = { ids: string[] } | { query: ContactListQuery } | { segment: string };

/** The live contact ids of a target, in table order (ids of a selection in their given order). */
export async function resolveTarget(rt: WorkspaceRuntime, t: ContactTarget): Promise<string[]> {
	const e = rt.engine;
	if ('ids' in t) {
		const live = (id: string) => {
			const c = e.world.contact(id);
			return !!c && !c.deleted;
		};
		return [...new Set(t.ids)].filter(live);
	}
	if ('query' in t) return matchingIds(e, t.query);
	const seg = await rt.db.segments.get(t.segment);
	if (!seg) throw new Error(`The segment "${t.segment}" does not exist any more.`);
	return matchingIds(e, { segment: seg.condition });
}
