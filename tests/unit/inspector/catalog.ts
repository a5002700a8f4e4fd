// A catalogue view of the demo workspace, for the inspector's pure modules.
import { Engine } from '../../../src/lib/engine/engine';
import { loadWorkspace } from '../../../src/lib/engine/load';
import { demoTemplate } from '../../../src/lib/templates/demo';
import { catalogOf } from '../../../src/lib/worker/handlers/catalog';
import type { CatalogView } from '../../../src/lib/worker/handlers/catalog';
import type { InspectorContext } from '../../../src/lib/components/inspector/context';

const START = Date.UTC(2026, 2, 2, 9);

/** The demo workspace's catalogue (lists, fields, emails, automations…). */
export function demoCatalog(): CatalogView {
	const e = new Engine({ seed: 1, start: START });
	const { file } = demoTemplate.build(START, 1);
	loadWorkspace(e, file);
	return catalogOf(e);
}

/** An inspector context over the demo catalogue for a pretend automation. */
export function demoContext(steps: InspectorContext['steps'] = [], triggers: InspectorContext['triggers'] = []): InspectorContext {
	const catalog = demoCatalog();
	return { catalog, automationId: 'draft', steps, triggers, plan: catalog.plan };
}
