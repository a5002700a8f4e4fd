/**
 * Sharing a workspace as a room (issue 7): what the owner's index lists (automations and the
 * catalogue entries they reference, never contacts, messages, channel settings or secrets), and
 * applying a room's index on a guest (catalogue through `catalog.upserted`, missing automations
 * created as drafts). Drafts are edited in the room; the engine only runs published versions, so
 * nothing here touches contacts in flight.
 */
import type { ApplyResult, Engine } from '../../engine/engine';
import type { CatalogAdditions } from '../../engine/inputs';
import type { AutomationDef } from '../../engine/schema/automation';
import { canonicalJson } from '../../engine/core/canonical';
import { collectRefs, REF_KINDS, type RefKind } from '../../templates/fragment';
import { CATALOG_KINDS, INDEX_FORMAT, type RoomIndex } from '../../collab/room';
import type { HandlerCtx } from './context';

/** What applying a room's index changed. */
export interface ApplyIndexResult {
	/** Automations created as drafts. */
	created: string[];
	/** Catalogue entries created or replaced. */
	upserted: number;
	/** Problems (e.g. a field of another type exists here; an automation the engine refused). */
	problems: string[];
}

/** The room index of a workspace: its automations and the catalogue entries they reference. */
export function roomIndexOf(e: Engine, workspace: string): RoomIndex {
	const automations = [...e.slots.values()]
		.map((s) => ({ id: s.id, name: s.def.name, def: { ...structuredClone(s.def), status: 'draft' } as AutomationDef }))
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const refs = Object.fromEntries(REF_KINDS.map((k) => [k, new Set<string>()])) as Record<RefKind, Set<string>>;
	for (const a of automations) {
		const r = collectRefs(a.def);
		for (const k of REF_KINDS) for (const id of r[k]) refs[k].add(id);
	}
	const c = e.world.catalog;
	const pick = <T>(map: Map<string, T>, ids: Set<string>): T[] =>
		[...ids]
			.sort()
			.map((id) => map.get(id))
			.filter((x): x is T => x !== undefined)
			.map((x) => structuredClone(x));
	const catalog: CatalogAdditions = {
		lists: pick(c.lists, refs.list),
		// Every contact field definition (no values): emails' personalization tags name them too.
		fields: [...c.fields.values()].map((f) => structuredClone(f)).sort((a, b) => (a.key < b.key ? -1 : 1)),
		emails: pick(c.emails, refs.email),
		tags: [...refs.tag].sort(),
		forms: pick(c.forms, refs.form),
		conversions: pick(c.conversions, refs.conversion),
		scoring: pick(c.scoring, refs.scoring),
		pipelines: pick(c.pipelines, refs.pipeline),
		users: pick(c.users, refs.user)
	};
	return { format: INDEX_FORMAT, workspace, automations, catalog };
}

/** The entries of a room's catalogue that this workspace lacks or holds differently. */
export function catalogChanges(e: Engine, shared: CatalogAdditions): { additions: CatalogAdditions; count: number; problems: string[] } {
	const c = e.world.catalog;
	const additions: CatalogAdditions = {};
	const problems: string[] = [];
	let count = 0;
	const differs = <T>(map: Map<string, T>, key: string, x: T) => {
		const cur = map.get(key);
		return !cur || canonicalJson(cur) !== canonicalJson(x);
	};
	const take = <T>(kind: Exclude<(typeof CATALOG_KINDS)[number], 'tags'>, map: Map<string, T>, list: T[] | undefined, keyOf: (x: T) => string) => {
		const changed = (list ?? []).filter((x) => differs(map, keyOf(x), x));
		if (changed.length) {
			(additions as Record<string, unknown>)[kind] = changed;
			count += changed.length;
		}
	};
	take('lists', c.lists, shared.lists, (x) => x.id);
	// A field keeps its type: one of another type here is reported instead of failing everything.
	const fields = (shared.fields ?? []).filter((f) => {
		const cur = c.fields.get(f.key);
		if (cur && cur.type !== f.type) {
			problems.push(`Field "${f.key}" is a ${cur.type} field here and a ${f.type} field in the room; kept this workspace's.`);
			return false;
		}
		return true;
	});
	take('fields', c.fields, fields, (x) => x.key);
	take('emails', c.emails, shared.emails, (x) => x.id);
	take('forms', c.forms, shared.forms, (x) => x.id);
	take('conversions', c.conversions, shared.conversions, (x) => x.id);
	take('scoring', c.scoring, shared.scoring, (x) => x.id);
	take('pipelines', c.pipelines, shared.pipelines, (x) => x.id);
	take('users', c.users, shared.users, (x) => x.id);
	const tags = (shared.tags ?? []).filter((t) => !c.tags.has(t));
	if (tags.length) {
		additions.tags = tags;
		count += tags.length;
	}
	return { additions, count, problems };
}

export const shareHandlers = {
	/** What the room index of the open workspace lists now (the owner writes it to the room). */
	roomIndex: ({ rt }: HandlerCtx): RoomIndex => roomIndexOf(rt.engine, rt.entry.name),

	/**
	 * Applies a room's index to the open workspace (a guest's): catalogue entries it lacks or holds
	 * differently, then the automations it lacks, created as drafts under the room's ids. Existing
	 * automations are left alone: their drafts are edited in the room.
	 */
	async applyRoomIndex({ rt }: HandlerCtx, index: RoomIndex): Promise<ApplyIndexResult> {
		const { additions, count, problems } = catalogChanges(rt.engine, index.catalog);
		if (count) {
			const res = await rt.apply({ type: 'catalog.upserted', ...additions });
			if (!res.ok) return { created: [], upserted: 0, problems: [...problems, ...res.diagnostics.map((d) => d.message)] };
		}
		const created: string[] = [];
		for (const a of index.automations) {
			if (rt.engine.slots.has(a.id) || a.def?.id !== a.id) continue;
			const res: ApplyResult = await rt.apply({ type: 'automation.published', automation: { ...a.def, status: 'draft' } });
			if (res.ok) created.push(a.id);
			else problems.push(`${a.name}: ${res.diagnostics.map((d) => d.message).join(' ')}`);
		}
		return { created, upserted: count, problems };
	}
};
