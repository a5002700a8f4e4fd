/**
 * Bulk actions on contacts, as engine inputs (so the automations listening for tags, lists and
 * manual entries react as for one contact): tag / untag, subscribe / unsubscribe, add to an
 * automation, delete.
 */
import type { Engine } from '../../engine/engine';
import type { Diagnostic } from '../../engine/diagnostics';
import type { Command } from '../handlers/core';

export type BulkAction =
	| { kind: 'tag.add' | 'tag.remove'; tag: string }
	| { kind: 'list.subscribe' | 'list.unsubscribe'; list: string }
	| { kind: 'automation.add'; automation: string }
	| { kind: 'delete' };

/** A refusal before anything is applied. */
export function bulkProblem(e: Engine, a: BulkAction): Diagnostic | null {
	const d = (code: string, message: string, help: string): Diagnostic => ({ code, severity: 'error', message, help });
	switch (a.kind) {
		case 'tag.add':
		case 'tag.remove':
			return a.tag.trim() ? null : d('bulk.tag_empty', 'Type the tag to add or remove.', 'Tags are free text, e.g. "vip".');
		case 'list.subscribe':
		case 'list.unsubscribe':
			return e.world.catalog.lists.has(a.list) ? null : d('bulk.unknown_list', `List "${a.list}" does not exist.`, 'Pick an existing list.');
		case 'automation.add': {
			const s = e.slots.get(a.automation);
			if (!s) return d('bulk.unknown_automation', `Automation "${a.automation}" does not exist.`, 'Pick an existing automation.');
			if (s.status !== 'active') return d('bulk.automation_inactive', `Automation "${s.def.name}" is not active.`, 'Activate it first: inactive automations take no contacts.');
			return null;
		}
		case 'delete':
			return null;
	}
}

/** The engine commands of a bulk action over contact ids (only those that change something). */
export function bulkCommands(e: Engine, ids: string[], a: BulkAction): Command[] {
	const w = e.world;
	switch (a.kind) {
		case 'tag.add':
		case 'tag.remove': {
			const tag = a.tag.trim();
			const low = tag.toLowerCase();
			const has = (id: string) => w.contact(id)!.tags.some((t) => t.toLowerCase() === low);
			return ids.filter((id) => (a.kind === 'tag.add') !== has(id)).map((contact) => ({ type: a.kind === 'tag.add' ? 'tag.added' : 'tag.removed', contact, tag }));
		}
		case 'list.subscribe':
			return ids.filter((id) => w.contact(id)!.lists[a.list] !== 'active').map((contact) => ({ type: 'list.subscribed', contact, list: a.list }));
		case 'list.unsubscribe':
			return ids.filter((id) => w.contact(id)!.lists[a.list] === 'active').map((contact) => ({ type: 'list.unsubscribed', contact, list: a.list }));
		case 'automation.add':
			return ids.length ? [{ type: 'contacts.added', automation: a.automation, contacts: ids }] : [];
		case 'delete':
			return ids.map((contact) => ({ type: 'contact.deleted', contact }));
	}
}
