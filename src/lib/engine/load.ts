/** Loads a parsed workspace file into an engine (catalogues, records, then automations). */
import type { Engine } from './engine';
import type { Diagnostic } from './diagnostics';
import type { WorkspaceFile } from './schema/file';
import { parseInstant } from './core/time';
import { createDeal, upsertContact } from './apply';

/** Fills the engine's world from `ws` and publishes its automations. Returns every problem found. */
export function loadWorkspace(e: Engine, ws: WorkspaceFile): Diagnostic[] {
	const out: Diagnostic[] = [];
	const w = e.world;
	const cat = w.catalog;
	e.defaultZone = ws.timeZone;
	if (ws.plan) e.plan = ws.plan;
	const dup = (what: string, id: string, path: (string | number)[]) =>
		out.push({ code: 'file.duplicate_id', severity: 'error', message: `Two ${what} have the id "${id}".`, help: `Give every ${what.replace(/s$/, '')} its own id.`, path });
	const fill = <T extends { id?: string; key?: string }>(list: T[], map: Map<string, T>, what: string, section: string) =>
		list.forEach((x, i) => {
			const id = (x.id ?? x.key)!;
			if (map.has(id)) dup(what, id, [section, i]);
			map.set(id, x);
		});
	fill(ws.fields, cat.fields, 'fields', 'fields');
	fill(ws.dealFields, cat.dealFields, 'deal fields', 'dealFields');
	fill(ws.accountFields, cat.accountFields, 'account fields', 'accountFields');
	fill(ws.lists, cat.lists, 'lists', 'lists');
	fill(ws.scoring, cat.scoring, 'scoring models', 'scoring');
	fill(ws.users, cat.users, 'users', 'users');
	fill(ws.pipelines, cat.pipelines, 'pipelines', 'pipelines');
	fill(ws.emails, cat.emails, 'emails', 'emails');
	fill(ws.conversions, cat.conversions, 'conversions', 'conversions');
	fill(ws.forms, cat.forms, 'forms', 'forms');
	for (const t of ws.tags) cat.tags.add(t);
	for (const s of ws.suppressions) w.suppressions.set(s.address, s.reason);
	for (const [i, a] of ws.accounts.entries()) {
		if (w.accounts.has(a.id)) dup('accounts', a.id, ['accounts', i]);
		w.accounts.set(a.id, { id: a.id, name: a.name, owner: a.owner ?? null, fields: { ...(a.fields ?? {}) }, notes: (a.notes ?? []).map((n) => ({ at: parseInstant(n.at), text: n.text, by: n.by })) });
		w.dirtyAccounts.add(a.id);
	}
	for (const [i, c] of ws.contacts.entries()) {
		if (w.contactIndex.has(c.id)) {
			dup('contacts', c.id, ['contacts', i]);
			continue;
		}
		if (c.account && !w.accounts.has(c.account))
			out.push({ code: 'ref.account', severity: 'error', message: `Contact "${c.id}" belongs to account "${c.account}", which does not exist.`, help: 'Add the account or remove the reference.', path: ['contacts', i, 'account'] });
		const res = upsertContact(e, c, false);
		if (!res.ok) for (const d of res.diagnostics) out.push({ ...d, path: ['contacts', i] });
	}
	for (const [i, d] of ws.deals.entries()) {
		const res = createDeal(e, d, false);
		if (!res.ok) for (const x of res.diagnostics) out.push({ ...x, path: ['deals', i] });
	}
	// Drafts first so that references between automations resolve whatever the order.
	for (const a of ws.automations) e.publish({ ...a, status: 'draft' });
	for (const [i, a] of ws.automations.entries()) {
		if (a.status === 'draft') continue;
		const res = e.publish(a);
		if (!res.ok) for (const d of res.diagnostics) out.push({ ...d, path: ['automations', i, ...(d.path ?? [])] });
	}
	return out;
}
