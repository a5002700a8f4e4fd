/** What the contacts pages pick from: fields, lists, tags, models, emails (with their links), forms, conversions, automations. */
import type { Engine } from '../../engine/engine';
import type { FieldDef } from '../../engine/schema/workspace';
import { clickableLinks } from '../population/behaviour';

export interface ContactsCatalog {
	kind: 'live' | 'simulation';
	now: number;
	timeZone: string;
	contacts: number;
	fields: FieldDef[];
	lists: { id: string; name: string }[];
	tags: string[];
	scoring: { id: string; name: string }[];
	emails: { id: string; name: string; subject: string; links: string[] }[];
	forms: { id: string; name: string }[];
	conversions: { id: string; name: string }[];
	automations: { id: string; name: string; status: 'draft' | 'active' | 'inactive' }[];
}

/** The catalogue of the open workspace. */
export function contactsCatalog(e: Engine, kind: 'live' | 'simulation'): ContactsCatalog {
	const cat = e.world.catalog;
	let live = 0;
	for (const c of e.world.contacts) if (!c.deleted) live++;
	return {
		kind,
		now: e.now,
		timeZone: e.defaultZone,
		contacts: live,
		fields: [...cat.fields.values()].map((f) => ({ ...f, ...(f.options ? { options: [...f.options] } : {}) })),
		lists: [...cat.lists.values()].map((l) => ({ id: l.id, name: l.name })),
		tags: [...cat.tags].sort((a, b) => a.localeCompare(b)),
		scoring: [...cat.scoring.values()].filter((m) => m.target !== 'deal').map((m) => ({ id: m.id, name: m.name })),
		emails: [...cat.emails.values()].map((m) => ({ id: m.id, name: m.name, subject: m.subject, links: clickableLinks(m.body) })),
		forms: [...cat.forms.values()].map((f) => ({ id: f.id, name: f.name })),
		conversions: [...cat.conversions.values()].map((c) => ({ id: c.id, name: c.name })),
		automations: [...e.slots.values()].map((s) => ({ id: s.id, name: s.def.name, status: s.status }))
	};
}

/** How many live contacts hold a value of each custom field. */
export function fieldUsage(e: Engine): Record<string, number> {
	const out: Record<string, number> = {};
	for (const k of e.world.catalog.fields.keys()) out[k] = 0;
	for (const c of e.world.contacts) {
		if (c.deleted) continue;
		for (const k in c.fields) if (k in out) out[k]++;
	}
	return out;
}
