/**
 * Synthetic populations for simulation workspaces: N contacts with names, unique addresses, time
 * zones, list subscriptions, tags and custom field values drawn from distributions the user sets.
 * Pure and seeded: the same spec and seed give the same people.
 */
import { Rng } from '../../engine/core/random';
import type { ContactDef, FieldDef } from '../../engine/schema/workspace';
import type { FieldValue } from '../../engine/core/values';
import { FIRST_NAMES, LAST_NAMES, PLACES, slug } from '../../templates/names';

/** How one custom field is filled. */
export type FieldDistribution =
	| { field: string; kind: 'categorical'; values: { value: string; weight: number }[] }
	| { field: string; kind: 'number'; min: number; max: number; decimals: number; shape: 'uniform' | 'normal' }
	| { field: string; kind: 'date'; from: string; to: string }
	| { field: string; kind: 'checkbox'; probability: number };

/** What to generate. */
export interface PopulationSpec {
	count: number;
	seed: number;
	/** Domain of the generated addresses (default "example.com"). */
	emailDomain: string;
	/** Contact ids are "<prefix>-<n>". */
	idPrefix: string;
	/** Time zones with weights (empty: the sample places' zones, evenly). */
	zones: { zone: string; weight: number }[];
	/** Each contact is subscribed (active) to the list with this probability. */
	lists: { list: string; probability: number }[];
	tags: { tag: string; probability: number }[];
	fields: FieldDistribution[];
	/** Share of contacts with a phone number (and SMS consent). */
	phoneShare: number;
	/** Share of contacts with site tracking consent. */
	siteTrackingShare: number;
}

/** A spec problem, by path. */
export interface SpecIssue {
	path: string;
	code: 'count' | 'domain' | 'prefix' | 'zone' | 'weights' | 'probability' | 'range' | 'unknown_field' | 'field_type' | 'unknown_list' | 'option';
}

/** The largest population generated in one go. */
export const MAX_POPULATION = 200_000;

/** Defaults for a new spec. */
export function defaultSpec(): PopulationSpec {
	return { count: 1000, seed: 1, emailDomain: 'example.com', idPrefix: 'sim', zones: [], lists: [], tags: [], fields: [], phoneShare: 0.3, siteTrackingShare: 0.5 };
}

/** Checks a spec against the workspace's fields and lists. */
export function checkSpec(s: PopulationSpec, fields: ReadonlyMap<string, FieldDef>, lists: ReadonlySet<string>, isZone: (z: string) => boolean): SpecIssue[] {
	const out: SpecIssue[] = [];
	if (!(Number.isInteger(s.count) && s.count >= 1 && s.count <= MAX_POPULATION)) out.push({ path: 'count', code: 'count' });
	if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(s.emailDomain)) out.push({ path: 'emailDomain', code: 'domain' });
	if (!/^[A-Za-z0-9_-]{1,20}$/.test(s.idPrefix)) out.push({ path: 'idPrefix', code: 'prefix' });
	s.zones.forEach((z, i) => {
		if (!isZone(z.zone)) out.push({ path: `zones.${i}`, code: 'zone' });
		if (!(z.weight >= 0)) out.push({ path: `zones.${i}`, code: 'weights' });
	});
	if (s.zones.length && !s.zones.some((z) => z.weight > 0)) out.push({ path: 'zones', code: 'weights' });
	const prob = (p: number, path: string) => !(p >= 0 && p <= 1) && out.push({ path, code: 'probability' });
	s.lists.forEach((l, i) => {
		if (!lists.has(l.list)) out.push({ path: `lists.${i}`, code: 'unknown_list' });
		prob(l.probability, `lists.${i}`);
	});
	s.tags.forEach((t, i) => prob(t.probability, `tags.${i}`));
	prob(s.phoneShare, 'phoneShare');
	prob(s.siteTrackingShare, 'siteTrackingShare');
	s.fields.forEach((f, i) => {
		const path = `fields.${i}`;
		const def = fields.get(f.field);
		if (!def) return void out.push({ path, code: 'unknown_field' });
		const fits =
			f.kind === 'categorical'
				? ['text', 'textarea', 'dropdown', 'multiselect'].includes(def.type)
				: f.kind === 'number'
					? def.type === 'number'
					: f.kind === 'date'
						? def.type === 'date' || def.type === 'datetime'
						: def.type === 'checkbox';
		if (!fits) return void out.push({ path, code: 'field_type' });
		if (f.kind === 'categorical') {
			if (!f.values.length || !f.values.some((v) => v.weight > 0) || f.values.some((v) => !(v.weight >= 0))) out.push({ path, code: 'weights' });
			if ((def.type === 'dropdown' || def.type === 'multiselect') && f.values.some((v) => !(def.options ?? []).includes(v.value))) out.push({ path, code: 'option' });
		} else if (f.kind === 'number') {
			if (!(f.max >= f.min) || !(f.decimals >= 0 && f.decimals <= 6)) out.push({ path, code: 'range' });
		} else if (f.kind === 'date') {
			if (!(Date.parse(f.from) <= Date.parse(f.to))) out.push({ path, code: 'range' });
		} else prob(f.probability, path);
	});
	return out;
}

/**
 * Generates the contacts. `taken` holds ids and normalised emails already in the workspace so
 * that new people never collide with existing ones; `now` is their creation time.
 */
export function generatePopulation(s: PopulationSpec, fields: ReadonlyMap<string, FieldDef>, taken: { ids: ReadonlySet<string>; emails: ReadonlySet<string> }): ContactDef[] {
	const rng = new Rng(s.seed);
	const zones = s.zones.length ? s.zones : PLACES.map((p) => ({ zone: p.zone, weight: 1 }));
	const pickZone = weighted(zones.map((z) => z.weight));
	const out: ContactDef[] = [];
	const emails = new Set<string>();
	let n = 0;
	let next = 1;
	while (out.length < s.count) {
		let id: string;
		do id = `${s.idPrefix}-${next++}`;
		while (taken.ids.has(id));
		const first = rng.pick(FIRST_NAMES);
		const last = rng.pick(LAST_NAMES);
		let email: string;
		do email = `${slug(first)}.${slug(last)}${++n}@${s.emailDomain}`.toLowerCase();
		while (taken.emails.has(email) || emails.has(email));
		emails.add(email);
		const zone = zones[pickZone(rng.next())].zone;
		const c: ContactDef = { id, email, firstName: first, lastName: last, timeZone: zone };
		if (rng.next() < s.phoneShare) {
			c.phone = phoneFor(rng);
			c.smsConsent = true;
		}
		if (rng.next() < s.siteTrackingShare) c.siteTracking = true;
		const lists: Record<string, 'active'> = {};
		for (const l of s.lists) if (rng.next() < l.probability) lists[l.list] = 'active';
		if (Object.keys(lists).length) c.lists = lists;
		const tags = s.tags.filter((t) => rng.next() < t.probability).map((t) => t.tag);
		if (tags.length) c.tags = tags;
		const values: Record<string, FieldValue> = {};
		for (const f of s.fields) {
			const v = sampleField(f, fields.get(f.field)!, rng);
			if (v !== null) values[f.field] = v;
		}
		if (Object.keys(values).length) c.fields = values;
		out.push(c);
	}
	return out;
}

function sampleField(f: FieldDistribution, def: FieldDef, rng: Rng): FieldValue {
	switch (f.kind) {
		case 'categorical': {
			const i = weighted(f.values.map((v) => v.weight))(rng.next());
			const v = f.values[i].value;
			return def.type === 'multiselect' ? [v] : v;
		}
		case 'number': {
			let x: number;
			if (f.shape === 'normal') {
				// Centred between min and max, 99.7 % inside, clamped.
				const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
				x = Math.min(f.max, Math.max(f.min, (f.min + f.max) / 2 + (z * (f.max - f.min)) / 6));
			} else x = f.min + rng.next() * (f.max - f.min);
			const k = 10 ** f.decimals;
			return Math.round(x * k) / k;
		}
		case 'date': {
			const from = Date.parse(f.from);
			const to = Date.parse(f.to);
			const t = from + Math.floor(rng.next() * (to - from + 86_400_000));
			const iso = new Date(Math.min(t, to + 86_399_999)).toISOString();
			return def.type === 'date' ? iso.slice(0, 10) : iso;
		}
		case 'checkbox':
			return rng.next() < f.probability;
	}
}

/** A picker over weights: maps a uniform draw to an index. */
function weighted(weights: number[]): (u: number) => number {
	const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
	return (u) => {
		let x = u * total;
		for (let i = 0; i < weights.length; i++) {
			x -= Math.max(0, weights[i]);
			if (x < 0) return i;
		}
		return weights.length - 1;
	};
}

/** A plausible fictional French mobile number (06 / 07, E.164). */
function phoneFor(rng: Rng): string {
	let digits = '';
	for (let i = 0; i < 8; i++) digits += String(rng.int(10));
	return `+33${rng.next() < 0.5 ? 6 : 7}${digits}`;
}
