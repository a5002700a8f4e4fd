/**
 * CSV export of contacts: standard properties, tags, list statuses, scores and custom fields, with
 * headers the importer maps back. Every cell is neutralised against formula injection.
 */
import type { Engine } from '../../engine/engine';
import type { FieldValue } from '../../engine/core/values';
import { toCsv } from '../import/csv';

/** The CSV text of the given contacts (in the given order). */
export function contactsCsv(e: Engine, ids: string[]): string {
	const cat = e.world.catalog;
	const fields = [...cat.fields.values()];
	const lists = [...cat.lists.values()];
	const models = [...cat.scoring.values()].filter((m) => m.target !== 'deal');
	const headers = [
		'email',
		'first_name',
		'last_name',
		'phone',
		'time_zone',
		'tags',
		...lists.map((l) => `list:${l.id}`),
		...models.map((m) => `score:${m.id}`),
		...fields.map((f) => f.key),
		'created_at',
		'id'
	];
	const rows: string[][] = [];
	for (const id of ids) {
		const c = e.world.contact(id);
		if (!c || c.deleted) continue;
		rows.push([
			c.email,
			c.firstName,
			c.lastName,
			c.phone,
			c.timeZone,
			c.tags.join('; '),
			...lists.map((l) => c.lists[l.id] ?? ''),
			...models.map((m) => (c.scores[m.id] === undefined ? '' : String(c.scores[m.id]))),
			...fields.map((f) => cellOf(c.fields[f.key])),
			new Date(c.createdAt).toISOString(),
			c.id
		]);
	}
	return toCsv(headers, rows);
}

function cellOf(v: FieldValue | undefined): string {
	if (v === undefined || v === null) return '';
	if (Array.isArray(v)) return v.join('; ');
	if (typeof v === 'boolean') return v ? 'yes' : 'no';
	return String(v);
}
