/**
 * Canonical JSON: object keys sorted, `undefined` members dropped. Two definitions that say the
 * same thing compare equal whatever order their keys were written in (a draft rebuilt from a
 * collaborative document does not keep the author's key order).
 */

/** Stable JSON text of a JSON-shaped value. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
	if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : sortKeys(x)));
	if (v && typeof v === 'object') {
		const out: Record<string, unknown> = {};
		for (const k of Object.keys(v).sort()) {
			const x = (v as Record<string, unknown>)[k];
			if (x !== undefined) out[k] = sortKeys(x);
		}
		return out;
	}
	return v;
}

/**
 * The settings of a step without its identity, label and outgoing edges: what decides how the step
 * treats a contact held at it. Moving a wait in the graph or renaming it changes nothing for
 * contacts waiting there.
 */
export function stepSettingsKey(def: Record<string, unknown>): string {
	const { id: _id, label: _label, next: _next, yes: _yes, no: _no, ...rest } = def;
	if (Array.isArray(rest.paths)) rest.paths = rest.paths.map((p) => (p && typeof p === 'object' ? { ...(p as object), next: undefined } : p));
	return canonicalJson(rest);
}
