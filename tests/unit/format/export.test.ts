/** Export: a workspace file that loads back to the same workspace (parse → load → export is stable). */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/lib/engine/engine';
import { loadWorkspace } from '../../../src/lib/engine/load';
import { parseInstant } from '../../../src/lib/engine/core/time';
import { WorkspaceFile } from '../../../src/lib/engine/schema/file';
import { exportWorkspace } from '../../../src/lib/format/export';
import { parseWorkspace, parseScenario } from '../../../src/lib/format/parse';
import { runScenario } from '../../../src/lib/format/run';
import { formatDiagnostic } from '../../../src/lib/format/diagnostics';
import { fs, readText, ROOT } from './node';
import { workspace } from './samples';

const START = parseInstant('2026-03-02T09:00:00Z');

/** parse → load → export, failing loudly on any error. */
function cycle(input: unknown, name: string): WorkspaceFile {
	const parsed = parseWorkspace(input);
	if (!parsed.ok) throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
	const e = new Engine({ seed: 1, start: START });
	const errs = loadWorkspace(e, parsed.value).filter((d) => d.severity === 'error');
	if (errs.length) throw new Error(JSON.stringify(errs));
	return exportWorkspace(e, { name });
}

/** A workspace using every section: CRM records, notes, tasks, plan, drafts, inactive automations. */
function richWorkspace() {
	return workspace({
		timeZone: 'Europe/Paris',
		plan: { tier: 'professional', addons: ['pipelines'] },
		fields: [
			{ key: 'plan', label: 'Plan', type: 'dropdown', options: ['free', 'pro'] },
			{ key: 'birthday', label: 'Birthday', type: 'date' },
			{ key: 'interests', label: 'Interests', type: 'multiselect', options: ['tea', 'coffee'] }
		],
		dealFields: [{ key: 'source', label: 'Source', type: 'text' }],
		accountFields: [{ key: 'industry', label: 'Industry', type: 'text' }],
		tags: ['known-tag'],
		scoring: [
			{ id: 'engagement', name: 'Engagement' },
			{ id: 'deal-heat', name: 'Deal heat', target: 'deal' }
		],
		users: [{ id: 'sam', name: 'Sam', email: 'sam@example.com' }],
		pipelines: [{ id: 'sales', name: 'Sales', stages: [{ id: 'new', name: 'New' }, { id: 'won', name: 'Won' }] }],
		accounts: [{ id: 'acme', name: 'Acme', owner: 'sam', fields: { industry: 'Retail' }, notes: [{ at: '2026-01-05T10:00:00Z', text: 'Met at a fair', by: 'sam' }] }],
		contacts: [
			{
				id: 'c1',
				email: 'c1@example.com',
				phone: '+33612345678',
				firstName: 'Ada',
				lastName: 'Lovelace',
				timeZone: 'Europe/London',
				smsConsent: true,
				siteTracking: true,
				fields: { plan: 'pro', birthday: '1990-12-10', interests: ['tea', 'coffee'] },
				tags: ['vip', 'known-tag'],
				lists: { news: 'active' },
				scores: { engagement: 12 },
				account: 'acme',
				createdAt: '2025-11-01T08:00:00Z'
			},
			{ id: 'c2', email: 'c2@example.com', lists: { news: 'unsubscribed' } }
		],
		deals: [
			{
				id: 'd1',
				contact: 'c1',
				account: 'acme',
				pipeline: 'sales',
				stage: 'new',
				title: 'Acme renewal',
				value: 1200.5,
				currency: 'EUR',
				owner: 'sam',
				score: 3,
				fields: { source: 'fair' },
				tasks: [
					{ id: 't1', type: 'call', title: 'Call Ada', due: '2026-03-05T09:00:00Z', assignee: 'sam' },
					{ id: 't2', title: 'Send quote', done: true, doneAt: '2026-03-01T09:00:00Z' }
				],
				notes: [{ at: '2026-02-01T09:00:00Z', text: 'Budget approved' }],
				createdAt: '2026-01-10T09:00:00Z'
			}
		],
		conversions: [{ id: 'order', name: 'Order', value: 30 }],
		forms: [{ id: 'signup', name: 'Signup' }],
		automations: [
			...workspace().automations,
			{ id: 'later', name: 'Later', description: 'Not finished', triggers: [], steps: [{ id: 'x', kind: 'tag.add', tag: 'x' }] },
			{
				id: 'paused',
				name: 'Paused',
				status: 'inactive',
				entry: 'once',
				triggers: [{ id: 'bday', kind: 'date.based', field: 'birthday', time: '08:30', filter: { kind: 'tag', op: 'has', tag: 'vip' } }],
				steps: [{ id: 'hi', kind: 'email.send', email: 'hello' }],
				layout: { hi: { x: 10, y: 20 } }
			}
		]
	});
}

describe('exportWorkspace', () => {
	it('round-trips a workspace using every section', () => {
		const first = cycle(richWorkspace(), 'Rich');
		const second = cycle(JSON.parse(JSON.stringify(first)), 'Rich');
		expect(JSON.stringify(second)).toBe(JSON.stringify(first));
		expect(WorkspaceFile.safeParse(first).success).toBe(true);
		// Nothing was lost on the way.
		expect(first.plan).toEqual({ tier: 'professional', addons: ['pipelines'] });
		expect(first.contacts[0]).toEqual({ ...richWorkspace().contacts[0], createdAt: '2025-11-01T08:00:00.000Z' });
		expect(first.deals[0].tasks).toEqual([
			{ id: 't1', type: 'call', title: 'Call Ada', done: false, due: '2026-03-05T09:00:00.000Z', assignee: 'sam' },
			{ id: 't2', type: 'todo', title: 'Send quote', done: true, doneAt: '2026-03-01T09:00:00.000Z' }
		]);
		expect(first.accounts[0].notes).toEqual([{ at: '2026-01-05T10:00:00.000Z', text: 'Met at a fair', by: 'sam' }]);
		expect(first.automations.map((a) => [a.id, a.status])).toEqual([
			['flow', 'active'],
			['later', 'draft'],
			['paused', 'inactive']
		]);
		expect(first.automations[2].layout).toEqual({ hi: { x: 10, y: 20 } });
		expect(first.tags).toEqual(['known-tag', 'vip']);
	});

	it('omits the plan when everything is enabled', () => {
		expect(cycle(workspace(), 'Plain').plan).toBeUndefined();
	});

	it.each(fs.readdirSync(`${ROOT}/tests/fixtures/scenarios`).filter((f) => f.endsWith('.json')))('round-trips the workspace of %s', (file) => {
		const ws = JSON.parse(readText(`tests/fixtures/scenarios/${file}`)).workspace;
		const first = cycle(ws, ws.name);
		const second = cycle(first, ws.name);
		expect(JSON.stringify(second)).toBe(JSON.stringify(first));
	});

	it('exports the state after a run, and that export loads again', () => {
		const parsed = parseScenario(readText('tests/fixtures/scenarios/lead-scoring-to-deal.json'));
		if (!parsed.ok) throw new Error('fixture does not parse');
		const run = runScenario(parsed.value);
		if (!run.ok) throw new Error('fixture does not run');
		const out = exportWorkspace(run.engine, { name: 'After the run' });
		const ivy = out.contacts.find((c) => c.id === 'ivy')!;
		expect(ivy.scores).toEqual({ engagement: 50 });
		expect(ivy.tags).toContain('customer');
		expect(out.deals.map((d) => [d.id, d.contact, d.stage, d.status, d.value])).toEqual([
			['deal-1', 'ivy', 'proposal', 'won', 18000],
			['deal-2', 'grace', 'new', 'open', 12000]
		]);
		const again = cycle(out, 'After the run');
		expect(JSON.stringify(cycle(again, 'After the run'))).toBe(JSON.stringify(again));
	});

	it('never writes secrets: only keys of the format', () => {
		const first = cycle(richWorkspace(), 'Rich');
		expect(JSON.stringify(first)).not.toMatch(/secret|password|token|apiKey/i);
	});
});
