/** One automation as a portable file: export, parse, analyse against another workspace, map, import. */
import { describe, expect, it } from 'vitest';
import { analyzeImport, collectRefs, exportFragment, importKey, mapRefs, resolveImport } from '../../../src/lib/templates/fragment';
import { parseWorkspace } from '../../../src/lib/format/parse';
import { demoTemplate } from '../../../src/lib/templates/demo';
import { Engine } from '../../../src/lib/engine/engine';
import { loadWorkspace } from '../../../src/lib/engine/load';
import { canonicalJson } from '../../../src/lib/engine/core/canonical';
import type { AutomationDef } from '../../../src/lib/engine/schema/automation';
import { engineWith, must, T0 } from '../engine/helpers';

function demo(): Engine {
	const e = new Engine({ seed: 1, start: T0 });
	loadWorkspace(e, demoTemplate.build(T0, 1).file);
	return e;
}

describe('automation fragments', () => {
	it('collects every kind of reference, including nested conditions and format fields', () => {
		const def: AutomationDef = {
			id: 'x',
			name: 'X',
			status: 'draft',
			entry: 'multiple',
			triggers: [{ id: 't', kind: 'list.subscribed', list: 'l1', runs: 'once', filter: { all: [{ kind: 'tag', op: 'has', tag: 'vip' }, { any: [{ kind: 'field', field: 'city', op: 'eq', value: 'Paris' }, { kind: 'field', field: 'email', op: 'empty' }] }] } }],
			steps: [
				{ id: 's1', kind: 'email.send', email: 'e1', abTest: { variants: ['e2'], winnerBy: 'opens', decideAfter: { days: 1 } }, next: 's2' },
				{ id: 's2', kind: 'wait', wait: { mode: 'until_conditions', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'e3' } }, next: 's3' },
				{ id: 's3', kind: 'format.copy', from: { source: 'contact', field: 'city' }, to: { source: 'contact', field: 'town' }, next: 's4' },
				{ id: 's4', kind: 'contact.update', updates: [{ field: 'firstName', value: 'A' }, { field: 'plan', value: 'pro' }], next: 's5' },
				{ id: 's5', kind: 'score.adjust', model: 'm1', op: 'add', value: 5 }
			]
		};
		expect(collectRefs(def)).toEqual({ list: ['l1'], tag: ['vip'], field: ['city', 'plan', 'town'], email: ['e1', 'e2', 'e3'], form: [], conversion: [], scoring: ['m1'], pipeline: [], user: [] });
		const renamed = mapRefs(def, (k, id) => `${k}:${id}`);
		expect(collectRefs(renamed).email).toEqual(['email:e1', 'email:e2', 'email:e3']);
		expect(renamed.steps[3]).toMatchObject({ updates: [{ field: 'firstName' }, { field: 'field:plan' }] });
	});

	it('exports the demo welcome series with what it uses, and the file reads back unchanged', () => {
		const e = demo();
		const welcome = e.slots.get('welcome')!.def;
		const file = exportFragment(welcome, e.world.catalog);
		expect(file.lists.map((l) => l.id)).toEqual(['newsletter']);
		expect(file.emails.map((m) => m.id).sort()).toEqual(['welcome-1', 'welcome-2', 'welcome-offer', 'welcome-reminder']);
		expect(file.conversions.map((c) => c.id)).toEqual(['first-order']);
		expect(file.contacts).toEqual([]);
		const parsed = parseWorkspace(JSON.stringify(file, null, 2));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(canonicalJson(parsed.value.automations[0])).toBe(canonicalJson({ ...welcome, status: 'draft' }));
	});

	it('into a workspace that has everything: nothing to map, nothing created', () => {
		const e = demo();
		const file = exportFragment(e.slots.get('welcome')!.def, e.world.catalog);
		const refs = analyzeImport(file, demo().world.catalog);
		expect(refs.every((r) => r.exists)).toBe(true);
		expect(resolveImport(file, demo().world.catalog, {}).additions).toEqual({});
	});

	it('into another workspace: maps the list to an existing one, creates the emails and the conversion', () => {
		const src = demo();
		const file = exportFragment(src.slots.get('welcome')!.def, src.world.catalog);
		const dst = engineWith({ lists: [{ id: 'subs', name: 'Subscribers' }], emails: [{ id: 'hello', name: 'Hello', subject: 'Hi', body: 'x' }] });
		const refs = analyzeImport(file, dst.world.catalog);
		const list = refs.find((r) => r.kind === 'list')!;
		expect(list).toMatchObject({ id: 'newsletter', label: 'Newsletter', exists: false, candidates: [{ id: 'subs', label: 'Subscribers' }] });
		const { def, additions } = resolveImport(file, dst.world.catalog, { [importKey('list', 'newsletter')]: { to: 'existing', id: 'subs' } });
		expect(def.triggers[0]).toMatchObject({ list: 'subs' });
		expect(additions.lists).toBeUndefined();
		expect(additions.emails!.map((m) => m.id).sort()).toEqual(['welcome-1', 'welcome-2', 'welcome-offer', 'welcome-reminder']);
		expect(additions.conversions!.map((c) => c.id)).toEqual(['first-order']);
		must(dst, { type: 'catalog.upserted', at: T0, ...additions });
		expect(dst.validate(def).filter((d) => d.severity === 'error')).toEqual([]);
	});

	it('a field whose key exists here with another type is created under a free key', () => {
		const def: AutomationDef = { id: 'x', name: 'X', status: 'draft', entry: 'multiple', triggers: [{ id: 't', kind: 'date.based', field: 'renewal', runs: 'every' }], steps: [] };
		const src = engineWith({ fields: [{ key: 'renewal', label: 'Renewal', type: 'date' }] });
		const file = exportFragment(def, src.world.catalog);
		const dst = engineWith({ fields: [{ key: 'renewal', label: 'Renewal plan', type: 'text' }, { key: 'renews_on', label: 'Renews on', type: 'date' }] });
		const [ref] = analyzeImport(file, dst.world.catalog);
		expect(ref).toMatchObject({ kind: 'field', exists: false, type: 'date', candidates: [{ id: 'renews_on', label: 'Renews on' }] });
		const created = resolveImport(file, dst.world.catalog, {});
		expect(created.additions.fields).toEqual([{ key: 'renewal_2', label: 'Renewal', type: 'date' }]);
		expect(created.def.triggers[0]).toMatchObject({ field: 'renewal_2' });
		const mapped = resolveImport(file, dst.world.catalog, { [importKey('field', 'renewal')]: { to: 'existing', id: 'renews_on' } });
		expect(mapped.def.triggers[0]).toMatchObject({ field: 'renews_on' });
		expect(mapped.additions).toEqual({});
	});
});
