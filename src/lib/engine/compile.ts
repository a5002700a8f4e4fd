/** Compiles a validated definition into an immutable, indexed version the engine runs. */
import type { CompiledAutomation, CompiledStep, CompiledTrigger } from './compiled';
import { compileCondition } from './conditions/compile';
import { depths, downstream, startOf } from './graph';
import type { AutomationDef } from './schema/automation';
import { stepKinds } from './steps/registry';
import { triggerKinds } from './triggers/registry';
import type { Engine } from './engine';

/**
 * Builds and registers a compiled version of `def`. The definition must have passed validation.
 * `publishedAt` defaults to the engine's clock (restores pass the recorded time).
 */
export function compileAutomation(e: Engine, def: AutomationDef, version: number, publishedAt = e.now): CompiledAutomation {
	const stepIndex = new Map<string, number>();
	def.steps.forEach((s, i) => stepIndex.set(s.id, i));
	const start = startOf(def);
	const a: CompiledAutomation = {
		idx: e.autos.length,
		id: def.id,
		version,
		publishedAt,
		def,
		steps: [],
		stepIndex,
		start: start ? (stepIndex.get(start) ?? -1) : -1,
		triggers: [],
		reactive: false
	};
	const local = (id: string | null | undefined) => (id ? (stepIndex.get(id) ?? -1) : -1);
	const below = downstream(def);
	const depth = depths(def);
	let g = e.steps.length;
	for (const [i, sd] of def.steps.entries()) {
		const kind = stepKinds.get(sd.kind)!;
		const outputs = kind.outputs(sd);
		const stats = e.statsFor(def.id, sd.id);
		while (stats.paths.length < outputs.length) stats.paths.push(0);
		const step: CompiledStep = {
			g: g++,
			i,
			id: sd.id,
			def: sd,
			kind,
			out: outputs.map((o) => local(o.target)),
			data: undefined,
			automation: a,
			stats,
			goalsBelow: [],
			depth: depth.get(sd.id) ?? 0
		};
		a.steps.push(step);
	}
	const cx = { automation: a, local };
	for (const s of a.steps) {
		if (s.kind.compile) s.data = s.kind.compile(s.def, cx);
		if (s.def.kind === 'goal' || (s.kind.reacts ? s.kind.reacts(s.def) : !!s.kind.recheck)) a.reactive = true;
	}
	const goals = a.steps.filter((s) => s.def.kind === 'goal').sort((x, y) => y.depth - x.depth || x.i - y.i);
	for (const s of a.steps) {
		const down = below.get(s.id);
		if (down) s.goalsBelow = goals.filter((gs) => down.has(gs.id)).map((gs) => gs.i);
	}
	a.triggers = def.triggers.map(
		(td, i): CompiledTrigger => ({
			i,
			id: td.id,
			def: td,
			kind: triggerKinds.get(td.kind)!,
			filter: td.filter ? compileCondition(td.filter) : null,
			automation: a
		})
	);
	e.registerVersion(a);
	return a;
}
