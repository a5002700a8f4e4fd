/** Reading bad files: every problem is a diagnostic with a path (and position), never a throw. */
import { describe, expect, it } from 'vitest';
import { parseScenario, parseWorkspace } from '../../../src/lib/format/parse';
import { formatDiagnostic, type FileDiagnostic } from '../../../src/lib/format/diagnostics';
import { pathText } from '../../../src/lib/engine/schema/issues';
import { scenario, text, workspace } from './samples';

const errors = (ds: FileDiagnostic[]) => ds.filter((d) => d.severity === 'error');
const at = (ds: FileDiagnostic[]) => errors(ds).map((d) => pathText(d.path ?? []));

function failing(r: ReturnType<typeof parseWorkspace>): FileDiagnostic[] {
	if (r.ok) throw new Error('expected the file to be refused');
	return r.diagnostics;
}

describe('valid files', () => {
	it('reads a workspace from text and from an object', () => {
		const a = parseWorkspace(text(workspace()));
		const b = parseWorkspace(workspace());
		expect(a.ok && b.ok).toBe(true);
		if (a.ok) expect(a.value.automations[0].steps).toHaveLength(4);
	});

	it('ignores a byte-order mark', () => {
		expect(parseWorkspace('\uFEFF' + text(workspace())).ok).toBe(true);
	});

	it('warns about drafts without refusing them', () => {
		const ws = workspace();
		ws.automations[0].status = 'draft';
		ws.automations[0].steps[0].email = 'missing';
		const r = parseWorkspace(ws);
		expect(r.ok).toBe(true);
		const codes = r.diagnostics.map((d) => `${d.severity}:${d.code}`);
		expect(codes).toContain('warning:automation.draft');
		expect(codes).toContain('warning:ref.email');
	});
});

describe('malformed JSON', () => {
	it('reports the line and column of a missing comma', () => {
		const src = '{\n  "format": "journey-studio/workspace",\n  "version": 1\n  "name": "x"\n}';
		const [d] = failing(parseWorkspace(src));
		expect(d.code).toBe('json.syntax');
		expect([d.line, d.column]).toEqual([4, 3]);
		expect(d.message).toBe('expected "," or "}" after a property value but found """');
		expect(formatDiagnostic(d)).toMatch(/^line 4, column 3: expected "," or "}" after a property value/);
	});

	it.each([
		['{"a": 1,}', 1, 9, 'trailing comma before "}"'],
		['{"a": [1, 2,]}', 1, 13, 'trailing comma before "]"'],
		['{\n  // note\n  "a": 1\n}', 2, 3, 'comments are not allowed in JSON'],
		["{'a': 1}", 1, 2, 'property names must use double quotes'],
		['{"a": "unclosed\n}', 1, 16, 'line break inside a string'],
		['{"a": tru}', 1, 7, 'expected a value'],
		['{"a": 01}', 1, 7, 'invalid number'],
		['{"a": 1} {"b": 2}', 1, 10, 'unexpected "{" after the end of the data'],
		['{"a": [1, 2', 1, 12, 'unexpected end of the file'],
		['', 1, 1, 'the file is empty'],
		['   \n  ', 1, 1, 'the file is empty']
	])('%j → line %i, column %i', (src, line, column, message) => {
		const [d] = failing(parseWorkspace(src));
		expect(d.code).toBe('json.syntax');
		expect({ line: d.line, column: d.column }).toEqual({ line, column });
		expect(d.message).toContain(message);
		expect(d.help.length).toBeGreaterThan(10);
	});

	it('refuses JSON that is not an object', () => {
		for (const v of ['[]', '42', 'null', '"text"']) expect(failing(parseWorkspace(v))[0].code).toBe('file.not_object');
		for (const v of [null, 42, [], undefined]) expect(failing(parseWorkspace(v))[0].code).toBe('file.not_object');
	});

	it('never throws, even on deep nesting', () => {
		const deep = '['.repeat(5000) + ']'.repeat(5000);
		expect(() => parseWorkspace(deep)).not.toThrow();
		expect(() => parseScenario('{"format": ' + '['.repeat(100000))).not.toThrow();
	});
});

describe('schema violations name the path', () => {
	it('a negative wait duration', () => {
		const ws = workspace();
		ws.automations[0].steps[2].wait.for = { days: -1 };
		const src = text(ws);
		const ds = failing(parseWorkspace(src));
		expect(at(ds)).toEqual(['automations[0].steps[2].wait.for.days']);
		expect(ds[0].message).toBe('must be at least 0 (got -1)');
		// The position is that of the "days" key in the text.
		const lines = src.split('\n');
		expect(lines[ds[0].line! - 1].slice(ds[0].column! - 1)).toMatch(/^"days": -1/);
		expect(formatDiagnostic(ds[0])).toMatch(/^automations\[0\]\.steps\[2\]\.wait\.for\.days: must be at least 0 \(got -1\) \(.+\) \[line \d+, column \d+\]$/);
	});

	it('an unknown key, with the closest known key', () => {
		const ws = workspace();
		ws.automations[0].steps[2].wait.for = { dayz: 1 };
		const [d] = failing(parseWorkspace(ws));
		expect(pathText(d.path!)).toBe('automations[0].steps[2].wait.for.dayz');
		expect(d.message).toBe('unknown key "dayz"');
		expect(d.help).toBe('Did you mean "days"?');
	});

	it('a missing required value', () => {
		const ws = workspace();
		delete ws.lists[0].name;
		const [d] = failing(parseWorkspace(ws));
		expect(pathText(d.path!)).toBe('lists[0].name');
		expect(d.message).toBe('is required (string)');
	});

	it('a value of the wrong type', () => {
		const ws = workspace({ name: 42 });
		const [d] = failing(parseWorkspace(ws));
		expect(pathText(d.path!)).toBe('name');
		expect(d.message).toBe('must be a string, not number 42');
	});

	it('a wrong enum value suggests the closest', () => {
		const ws = workspace();
		ws.automations[0].status = 'actve';
		const [d] = failing(parseWorkspace(ws));
		expect(pathText(d.path!)).toBe('automations[0].status');
		expect(d.message).toContain('must be one of draft, active, inactive (got "actve")');
		expect(d.help).toBe('Did you mean "active"?');
	});

	it('a scenario given as a workspace, and a future version', () => {
		expect(failing(parseWorkspace(scenario()))[0].message).toBe('this is a scenario file, not a workspace file');
		const [d] = failing(parseWorkspace(workspace({ version: 2 })));
		expect(d.code).toBe('file.version');
		expect(d.help).toContain('update the app');
	});

	it('paths inside a scenario start with "workspace"', () => {
		const sc = scenario();
		sc.workspace.automations[0].steps[0].kind = 'email.sen';
		const r = parseScenario(text(sc));
		if (r.ok) throw new Error('expected a refusal');
		expect(at(r.diagnostics)).toEqual(['workspace.automations[0].steps[0].kind']);
		expect(r.diagnostics[0].line).toBeGreaterThan(1);
	});
});

describe('unknown kinds list the valid ones', () => {
	it('an unknown step kind, with a suggestion', () => {
		const ws = workspace();
		ws.automations[0].steps[1].kind = 'tag.ad';
		const [d] = failing(parseWorkspace(text(ws)));
		expect(d.code).toBe('schema.unknown_kind');
		expect(pathText(d.path!)).toBe('automations[0].steps[1].kind');
		expect(d.message).toBe('unknown step kind "tag.ad"');
		expect(d.help).toMatch(/^Did you mean "tag.add"\? Valid step kinds: email.send, wait, /);
		expect(d.help).toContain('automation.end_this');
	});

	it('an unknown trigger kind', () => {
		const ws = workspace();
		ws.automations[0].triggers[0] = { id: 't', kind: 'tag_added', tag: 'x' };
		const [d] = failing(parseWorkspace(ws));
		expect(d.message).toBe('unknown trigger kind "tag_added"');
		expect(d.help).toMatch(/^Did you mean "tag.added"\? Valid trigger kinds: list.subscribed, /);
	});

	it('an unknown condition kind inside a group', () => {
		const ws = workspace();
		ws.automations[0].steps.splice(1, 0, { id: 'check', kind: 'if_else', conditions: { all: [{ kind: 'tags', op: 'has', tag: 'x' }] }, yes: 'tag', no: 'tag' });
		ws.automations[0].steps[0].next = 'check';
		const [d] = failing(parseWorkspace(ws));
		expect(pathText(d.path!)).toBe('automations[0].steps[1].conditions.all[0].kind');
		expect(d.message).toBe('unknown condition kind "tags"');
		expect(d.help).toContain('Did you mean "tag"?');
	});

	it('an unknown wait mode and an unknown script event', () => {
		const ws = workspace();
		ws.automations[0].steps[2].wait = { mode: 'for', for: { days: 1 } };
		expect(failing(parseWorkspace(ws))[0].message).toBe('unknown wait mode "for"');
		const sc = scenario({ script: [{ at: '+1h', event: 'tag.add', contact: 'c1', tag: 'x' }] });
		const r = parseScenario(sc);
		if (r.ok) throw new Error('expected a refusal');
		expect(r.diagnostics[0].message).toBe('unknown script event "tag.add"');
		expect(r.diagnostics[0].help).toContain('Did you mean "tag.added"?');
	});

	it('a missing kind', () => {
		const ws = workspace();
		delete ws.automations[0].steps[1].kind;
		const [d] = failing(parseWorkspace(ws));
		expect(d.message).toBe('"kind" is required');
		expect(d.help).toMatch(/^Choose the step kind: email.send, wait/);
	});
});

describe('references come from the engine', () => {
	it('a missing list', () => {
		const ws = workspace();
		ws.automations[0].steps[1] = { id: 'tag', kind: 'list.subscribe', list: 'vip', next: 'wait' };
		const src = text(ws);
		const ds = failing(parseWorkspace(src));
		const d = errors(ds)[0];
		expect(d.code).toBe('ref.list');
		expect(pathText(d.path!)).toBe('automations[0].steps[1].list');
		expect(d.message).toBe('List "vip" does not exist.');
		expect(src.split('\n')[d.line! - 1]).toContain('"list": "vip"');
	});

	it('a missing field in a condition', () => {
		const ws = workspace();
		ws.automations[0].steps[1] = { id: 'tag', kind: 'if_else', conditions: { any: [{ kind: 'field', field: 'country', op: 'eq', value: 'FR' }] }, yes: 'wait' };
		const d = errors(failing(parseWorkspace(ws)))[0];
		expect(d.code).toBe('ref.field');
		expect(pathText(d.path!)).toBe('automations[0].steps[1].conditions.any[0].field');
	});

	it('a missing email, automation and go-to target', () => {
		const ws = workspace();
		ws.automations[0].steps[0].email = 'nope';
		ws.automations[0].steps[3] = { id: 'bye', kind: 'automation.start', automation: 'ghost', next: 'loop' };
		ws.automations[0].steps.push({ id: 'loop', kind: 'goto', target: 'nowhere' });
		const ds = errors(failing(parseWorkspace(ws)));
		expect(ds.map((d) => `${d.code} ${pathText(d.path!)}`)).toEqual([
			'ref.email automations[0].steps[0].email',
			'ref.automation automations[0].steps[3].automation',
			'goto.dangling automations[0].steps[4].target'
		]);
	});

	it('a dangling next and a contact on an unknown list', () => {
		const ws = workspace();
		ws.automations[0].steps[1].next = 'wiat';
		ws.contacts[1].lists = { vip: 'active' };
		const ds = errors(failing(parseWorkspace(ws)));
		expect(ds.map((d) => `${d.code} ${pathText(d.path!)}`)).toEqual(['input.unknown_list contacts[1]', 'edge.dangling automations[0].steps[1].next']);
	});

	it('duplicate ids', () => {
		const ws = workspace();
		ws.lists.push({ id: 'news', name: 'Again' });
		const d = errors(failing(parseWorkspace(ws)))[0];
		expect(d.code).toBe('file.duplicate_id');
		expect(pathText(d.path!)).toBe('lists[1]');
	});
});

describe('scenario checks', () => {
	const refused = (sc: Record<string, unknown>) => {
		const r = parseScenario(sc);
		if (r.ok) throw new Error('expected a refusal');
		return errors(r.diagnostics).map((d) => `${pathText(d.path!)}: ${d.message}`);
	};

	it('times that are not times, or before the start', () => {
		expect(
			refused(
				scenario({
					script: [
						{ at: 'tomorrow', event: 'tag.added', contact: 'c1', tag: 'x' },
						{ at: '2026-03-01T00:00:00Z', event: 'tag.added', contact: 'c1', tag: 'x' }
					],
					until: '+2 days'
				})
			)
		).toEqual([
			'script[0].at: "tomorrow" is not a time',
			'script[1].at: "2026-03-01T00:00:00Z" is before the scenario start (2026-03-02T09:00:00Z)',
			'until: "+2 days" is not a time'
		]);
	});

	it('an instant "until" before the last event', () => {
		expect(refused(scenario({ script: [{ at: '+2d', event: 'tag.added', contact: 'c1', tag: 'x' }], until: '2026-03-03T00:00:00Z' }))).toEqual([
			'until: "until" (2026-03-03T00:00:00Z) is before the last scripted event'
		]);
	});

	it('unknown contacts, automations, lists and fields in the script', () => {
		expect(
			refused(
				scenario({
					script: [
						{ at: '+1h', event: 'tag.added', contact: 'zoe', tag: 'x' },
						{ at: '+1h', event: 'contacts.added', automation: 'flow2', contacts: ['c1', 'zed'] },
						{ at: '+1h', event: 'list.subscribed', contact: 'c1', list: 'vip' },
						{ at: '+1h', event: 'field.changed', contact: 'c1', field: 'country', value: 'FR' },
						{ at: '+2h', event: 'contact.upserted', data: { id: 'zoe', email: 'zoe@example.com' } }
					]
				})
			)
		).toEqual([
			'script[1].automation: Automation "flow2" does not exist.',
			'script[1].contacts[1]: Contact "zed" does not exist.',
			'script[2].list: List "vip" does not exist.',
			'script[3].field: Contact field "country" does not exist.'
		]);
	});

	it('expectations on steps and contacts that do not exist', () => {
		expect(
			refused(
				scenario({
					expect: [
						{ step: 'flow/wiat', entered: 1 },
						{ contact: 'c9', hasTag: 'x' },
						{ contact: 'c1', waitingAt: { automation: 'flow', step: 'nope' } }
					]
				})
			)
		).toEqual([
			'expect[0].step: Automation "flow" has no step "wiat".',
			'expect[1].contact: Contact "c9" does not exist.',
			'expect[2].waitingAt.step: Automation "flow" has no step "nope".'
		]);
	});

	it('a malformed expectation names its path', () => {
		const r = parseScenario(scenario({ expect: [{ step: 'flow-send', entered: 1 }] }));
		if (r.ok) throw new Error('expected a refusal');
		expect(at(r.diagnostics)).toEqual(['expect[0].step']);
		expect(r.diagnostics[0].message).toBe('must be "automation/step"');
	});
});
