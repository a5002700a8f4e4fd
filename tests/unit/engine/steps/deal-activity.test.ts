import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../../src/lib/engine/core/time';
import { codes, CRM, DEAL, diagnose, run, stepLogs, T0, where } from './util';

const contacts = [{ id: 'c1', email: 'anna@example.com', firstName: 'Anna', account: 'acme' }];

describe('deal.task_add', () => {
	it('creates tasks with due dates and assignees by role', () => {
		const e = run(
			[
				{ id: 'call', kind: 'deal.task_add', type: 'call', title: 'Call %FIRSTNAME%', due: { days: 2 }, next: 'acct' },
				{ id: 'acct', kind: 'deal.task_add', type: 'email', title: 'Intro', assignee: 'account_owner', next: 'user' },
				{ id: 'user', kind: 'deal.task_add', title: 'Review', assignee: 'u2', due: { hours: 4 } }
			],
			{ ...CRM, contacts, deals: [DEAL] }
		);
		expect(e.world.deals.get('d1')!.tasks).toEqual([
			{ id: 'task-1', type: 'call', title: 'Call Anna', due: T0 + 2 * DAY, assignee: 'u1', done: false, doneAt: null },
			{ id: 'task-2', type: 'email', title: 'Intro', due: null, assignee: 'u2', done: false, doneAt: null },
			{ id: 'task-3', type: 'todo', title: 'Review', due: T0 + 4 * HOUR, assignee: 'u2', done: false, doneAt: null }
		]);
		expect(stepLogs(e, 'call')).toEqual([{ code: 'step_done', detail: { deal: 'd1', task: 'task-1', assignee: 'u1' } }]);
	});

	it('leaves the task unassigned when the role has nobody', () => {
		const e = run([{ id: 'acct', kind: 'deal.task_add', title: 'Intro', assignee: 'account_owner' }], { ...CRM, deals: [DEAL] });
		expect(e.world.deals.get('d1')!.tasks[0].assignee).toBeNull();
		expect(stepLogs(e, 'acct')[0].detail).toMatchObject({ assignee: null, unassigned: 'account_owner' });
	});

	it('validates the assignee', () => {
		expect(codes(diagnose([{ id: 't', kind: 'deal.task_add', title: 'T', assignee: 'ghost' }], CRM))).toEqual(['ref.user@error']);
	});
});

describe('deal.task_complete', () => {
	const deal = {
		...DEAL,
		tasks: [
			{ id: 'k1', type: 'call', title: 'Call back Anna' },
			{ id: 'k2', type: 'email', title: 'Send the quote' },
			{ id: 'k3', type: 'call', title: 'Follow-up call', done: true, doneAt: '2026-03-01T00:00:00Z' }
		]
	};

	it('completes matching open tasks and fires task-completed triggers', () => {
		const watcher = {
			id: 'w',
			name: 'W',
			status: 'active',
			triggers: [{ id: 'tc', kind: 'deal.task_completed', runs: 'every' }],
			steps: [{ id: 'tag', kind: 'tag.add', tag: 'called' }]
		};
		const e = run([{ id: 'done', kind: 'deal.task_complete', type: 'CALL', title: 'anna' }], { ...CRM, deals: [deal] }, { others: [watcher] });
		const tasks = e.world.deals.get('d1')!.tasks;
		expect(tasks.map((t) => [t.id, t.done, t.doneAt])).toEqual([
			['k1', true, T0],
			['k2', false, null],
			['k3', true, Date.parse('2026-03-01T00:00:00Z')]
		]);
		expect(stepLogs(e, 'done')).toEqual([{ code: 'step_done', detail: { deal: 'd1', tasks: ['k1'] } }]);
		expect(where(e, 'c1', 'w')).toBe('completed@tag');
	});

	it('skips when no open task matches, and warns when it would complete every task', () => {
		const e = run([{ id: 'done', kind: 'deal.task_complete', title: 'contract' }], { ...CRM, deals: [deal] });
		expect(stepLogs(e, 'done')).toEqual([{ code: 'step_skipped', detail: { reason: 'no_matching_task', deal: 'd1' } }]);
		expect(codes(diagnose([{ id: 'done', kind: 'deal.task_complete' }], CRM))).toEqual(['deal.task_any@warning']);
	});
});

describe('deal.note_add', () => {
	it('adds a personalized note to the deal', () => {
		const e = run([{ id: 'n', kind: 'deal.note_add', text: '%FIRSTNAME% asked about %DEAL_TITLE%' }], { ...CRM, contacts, deals: [DEAL] });
		expect(e.world.deals.get('d1')!.notes).toEqual([{ at: T0, text: 'Anna asked about Acme renewal', by: 'automation:a' }]);
	});
});
