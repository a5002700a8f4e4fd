/** Our Engine as a contestant: the workspace loaded through `loadWorkspace`, inputs through `apply`. */
import { Engine } from '../../src/lib/engine/engine';
import { loadWorkspace } from '../../src/lib/engine/load';
import { WorkspaceFile } from '../../src/lib/engine/schema/file';
import { RunStatus } from '../../src/lib/engine/core/runs';
import { TraceCode } from '../../src/lib/engine/core/trace';
import type { ApplyResult } from '../../src/lib/engine/engine';
import type { Input } from '../../src/lib/engine/inputs';
import type { Contestant, Instance } from './contestant';
import type { EmailEffect, Outcome } from './outcome';
import { EMAILS, JOURNEY, LISTS, type Scenario } from './scenario';

/** Parsed once: catalogues and the automation (contacts are added as already-valid records). */
const BASE = WorkspaceFile.parse({ format: 'journey-studio/workspace', version: 1, name: 'bench', lists: LISTS, emails: EMAILS, automations: [JOURNEY] });

export const engineContestant: Contestant = {
	name: 'engine',
	prepare(s: Scenario, trace: boolean): Instance {
		const e = new Engine({ seed: 1, start: s.start, trace });
		// Zod-parsing 100k contacts would only slow the untimed setup; they already match ContactDef.
		const diags = loadWorkspace(e, { ...BASE, contacts: s.contacts }).filter((d) => d.severity === 'error');
		if (diags.length) throw new Error('bench workspace: ' + JSON.stringify(diags));
		const added: Input = { type: 'contacts.added', at: s.start, automation: 'j', contacts: s.ids };
		const opens = s.opens as Input[];
		return {
			enter: () => must(e.apply(added)),
			deliver() {
				for (let i = 0; i < opens.length; i++) must(e.apply(opens[i]));
			},
			finish: () => must(e.apply({ type: 'clock.advanced', at: s.until })),
			outcome: () => outcomeOf(e)
		};
	}
};

function must(r: ApplyResult): void {
	if (!r.ok) throw new Error('engine refused an input: ' + JSON.stringify(r.diagnostics));
}

function outcomeOf(e: Engine): Outcome {
	let completed = 0;
	for (let r = 0; r < e.runs.size; r++) if (e.runs.status[r] === RunStatus.Completed) completed++;
	const t = e.trace;
	return {
		runs: e.runs.size,
		completed,
		effects: e.takeEffects() as EmailEffect[],
		contacts: e.world.contacts,
		trace: t.enabled
			? {
					size: t.size,
					row(i) {
						const x = t.entry(i);
						return { at: x.at, contact: x.contact, run: x.run, step: x.step, code: TraceCode[x.code], value: x.value ?? NaN, detail: x.detail };
					}
				}
			: null
	};
}
