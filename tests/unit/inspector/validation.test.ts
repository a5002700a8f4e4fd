// Zod issues and engine checks mapped to the fields of the inspector.
import { describe, expect, it } from 'vitest';
import { stepKinds } from '../../../src/lib/engine/steps/registry';
import { diagnosticIssues, IssueIndex, itemIssues, mergeIssues, pathKey, schemaIssues } from '../../../src/lib/components/inspector/validation';
import { demoContext } from './catalog';

const schema = (kind: string) => stepKinds.get(kind)!.schema;
const paths = (xs: { path: (string | number)[]; code: string }[]) => xs.map((x) => [pathKey(x.path), x.code]);

describe('schema issues → fields', () => {
	it('names the missing setting of a wait mode, picking the union branch of the chosen mode', () => {
		expect(paths(schemaIssues(schema('wait'), { id: 'w', kind: 'wait', wait: { mode: 'period' } }))).toEqual([['wait.for', 'schema.required']]);
		expect(paths(schemaIssues(schema('wait'), { id: 'w', kind: 'wait', wait: { mode: 'until_time', time: '25:00' } }))).toEqual([['wait.time', 'schema.format']]);
		const fmt = schemaIssues(schema('wait'), { id: 'w', kind: 'wait', wait: { mode: 'until_time', time: '9am' } })[0];
		expect(fmt.params).toEqual({ format: 'time' });
	});

	it('reaches into lists and nested condition trees', () => {
		const split = { id: 's', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 150 }, { label: '' }] };
		expect(paths(schemaIssues(schema('split'), split))).toEqual([
			['paths.0.percent', 'schema.max'],
			['paths.1.label', 'schema.required']
		]);
		const cond = { id: 'i', kind: 'if_else', conditions: { all: [{ kind: 'tag', op: 'has', tag: 'vip' }, { any: [{ kind: 'score', model: 'engagement', op: 'gte' }] }] } };
		expect(paths(schemaIssues(schema('if_else'), cond))).toEqual([['conditions.all.1.any.0.value', 'schema.required']]);
	});

	it('reports too many A/B variants and unknown settings', () => {
		const ab = { id: 'e', kind: 'email.send', email: 'a', abTest: { variants: ['b', 'c', 'd', 'e', 'f'], decideAfter: { days: 1 } }, colour: 'red' };
		const got = schemaIssues(schema('email.send'), ab);
		expect(paths(got)).toEqual(expect.arrayContaining([['abTest.variants', 'schema.maxItems'], ['', 'schema.unknownKey']]));
		expect(got.find((i) => i.code === 'schema.maxItems')!.params).toEqual({ max: 4 });
	});
});

describe('item issues: schema first, then the kind’s own checks on the catalogue', () => {
	const ctx = demoContext([{ id: 'a', kind: 'tag.add' }], [{ id: 't', kind: 'list.subscribed' }]);

	it('split percentages that do not add up to 100', () => {
		const def = { id: 's', kind: 'split', mode: 'percent', paths: [{ label: 'A', percent: 50 }, { label: 'B', percent: 40 }] };
		expect(paths(itemIssues({ type: 'step', def }, ctx))).toEqual([['paths', 'split.percent_sum']]);
		def.paths[1].percent = 50;
		expect(itemIssues({ type: 'step', def }, ctx)).toEqual([]);
	});

	it('references to things the workspace does not have, and unknown personalization tags', () => {
		expect(paths(itemIssues({ type: 'step', def: { id: 'l', kind: 'list.subscribe', list: 'nope' } }, ctx))).toEqual([['list', 'ref.list']]);
		expect(paths(itemIssues({ type: 'step', def: { id: 'n', kind: 'note.add', text: 'Hi %FIRSTNAME% %SHOE_SIZE%' } }, ctx))).toEqual([['text', 'template.unknown_tag']]);
		expect(paths(itemIssues({ type: 'step', def: { id: 'g', kind: 'goto', target: 'gone' } }, ctx))).toEqual([['target', 'goto.dangling']]);
		const wait = { id: 'w', kind: 'wait', wait: { mode: 'until_date_field', field: 'city' } };
		expect(paths(itemIssues({ type: 'step', def: wait }, ctx))).toEqual([['wait.field', 'ref.field_type']]);
	});

	it('a trigger’s segment filter is checked too', () => {
		const def = { id: 't', kind: 'tag.added', tag: 'vip', runs: 'once' as const, filter: { all: [{ kind: 'list' as const, op: 'is' as const, list: 'ghost', status: 'active' as const }] } };
		expect(paths(itemIssues({ type: 'trigger', def }, ctx))).toEqual([['filter.all.0.list', 'ref.list']]);
	});

	it('the automation’s settings need a name', () => {
		const def = { id: 'a', name: ' ', status: 'draft' as const, entry: 'multiple' as const, triggers: [], steps: [] };
		expect(paths(itemIssues({ type: 'automation', def }, ctx))).toEqual([['name', 'schema.required']]);
	});
});

describe('engine diagnostics and the issue index', () => {
	it('makes diagnostic paths relative to the item and removes duplicates', () => {
		const ds = diagnosticIssues([
			{ code: 'ref.email', severity: 'error', message: 'm', help: 'h', step: 's', path: ['steps', 3, 'email'] },
			{ code: 'trigger.invalid', severity: 'error', message: 'm', help: 'h', trigger: 't', path: ['triggers', 0, 'tag'] },
			{ code: 'plan.unavailable', severity: 'error', message: 'p', help: 'h', step: 's', path: ['steps', 3, 'kind'] }
		]);
		expect(ds.map((d) => pathKey(d.path))).toEqual(['email', 'tag', 'kind']);
		const merged = mergeIssues(ds, [{ path: ['email'], code: 'ref.email', severity: 'error', message: 'm' }]);
		expect(merged).toHaveLength(3);
	});

	it('finds issues at a field, under a field, and relative to a nested editor', () => {
		const idx = new IssueIndex([
			{ path: ['wait', 'for'], code: 'a', severity: 'error', message: '' },
			{ path: ['wait', 'conditions', 'all', 0, 'tag'], code: 'b', severity: 'error', message: '' },
			{ path: ['label'], code: 'c', severity: 'warning', message: '' }
		]);
		expect(idx.at(['wait']).map((i) => i.code)).toEqual([]);
		expect(idx.at(['wait'], true).map((i) => i.code)).toEqual(['a', 'b']);
		expect(idx.under(['wait', 'conditions']).at(['all', 0, 'tag']).map((i) => i.code)).toEqual(['b']);
		expect(idx.errors).toBe(2);
	});
});
