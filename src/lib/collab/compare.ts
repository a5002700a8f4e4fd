/**
 * Whether a draft says something else than the published version: compared by meaning (key
 * order, status, layout nudges and edges written as `null` rather than left out do not count).
 */
import type { AutomationDef } from '../engine/schema/automation';
import { canonicalJson } from '../engine/core/canonical';

function normalize(def: AutomationDef): unknown {
	const strip = (o: Record<string, unknown>) => {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(o)) {
			if (v === null && (k === 'next' || k === 'yes' || k === 'no')) continue;
			out[k] = k === 'paths' && Array.isArray(v) ? v.map((p) => (p && typeof p === 'object' ? strip(p as Record<string, unknown>) : p)) : v;
		}
		return out;
	};
	const { status: _s, layout: _l, ...rest } = def;
	return { ...rest, start: def.start ?? def.steps[0]?.id, steps: def.steps.map((s) => strip(s)), triggers: def.triggers.map((t) => strip(t)) };
}

/** True when the draft differs from `published` in anything that changes how it runs or reads. */
export function draftDiffers(draft: AutomationDef, published: AutomationDef): boolean {
	return canonicalJson(normalize(draft)) !== canonicalJson(normalize(published));
}
