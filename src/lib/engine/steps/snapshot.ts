/** Plain-JSON snapshots of records for outbound payloads (webhooks), with stable keys. */
import type { FieldValue } from '../core/values';
import type { Contact, Deal, World } from '../world';

/** A contact as sent to webhooks. */
export interface ContactSnapshot {
	id: string;
	email: string;
	phone: string;
	firstName: string;
	lastName: string;
	timeZone: string;
	fields: Record<string, FieldValue>;
	tags: string[];
	lists: Record<string, string>;
	scores: Record<string, number>;
	account: { id: string; name: string } | null;
}

/** A deal as sent to webhooks. */
export interface DealSnapshot {
	id: string;
	title: string;
	value: number;
	currency: string;
	pipeline: string;
	stage: string;
	status: string;
	owner: string | null;
	score: number;
	fields: Record<string, FieldValue>;
}

function copyFields(f: Record<string, FieldValue>): Record<string, FieldValue> {
	const out: Record<string, FieldValue> = {};
	for (const k in f) {
		const v = f[k];
		out[k] = Array.isArray(v) ? v.slice() : v;
	}
	return out;
}

/** A copy of the contact's data (later changes do not alter it). */
export function contactSnapshot(w: World, c: Contact): ContactSnapshot {
	const a = c.account ? w.accounts.get(c.account) : undefined;
	return {
		id: c.id,
		email: c.email,
		phone: c.phone,
		firstName: c.firstName,
		lastName: c.lastName,
		timeZone: c.timeZone,
		fields: copyFields(c.fields),
		tags: c.tags.slice(),
		lists: { ...c.lists },
		scores: { ...c.scores },
		account: a ? { id: a.id, name: a.name } : null
	};
}

/** A copy of the deal's data. */
export function dealSnapshot(d: Deal): DealSnapshot {
	return {
		id: d.id,
		title: d.title,
		value: d.value,
		currency: d.currency,
		pipeline: d.pipeline,
		stage: d.stage,
		status: d.status,
		owner: d.owner,
		score: d.score,
		fields: copyFields(d.fields)
	};
}
