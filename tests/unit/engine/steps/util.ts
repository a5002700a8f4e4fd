/** Helpers for step-kind tests: one automation around the steps under test, its trace and effects. */
import { expect } from 'vitest';
import type { Engine } from '../../../../src/lib/engine/engine';
import type { Diagnostic } from '../../../../src/lib/engine/diagnostics';
import type { AutomationDef } from '../../../../src/lib/engine/schema/automation';
import { engineWith, must, T0 } from '../helpers';

export { T0, must };

/** The contact most tests use. */
export const ANNA = { id: 'c1', email: 'anna@example.com', firstName: 'Anna', lastName: 'Smith', phone: '+33 6 12 34 56 78', lists: { news: 'active' } };

/** An automation "a" (manual trigger unless given) with these steps. */
export function automation(steps: unknown[], triggers: unknown[] = [{ id: 't', kind: 'manual', runs: 'every' }], id = 'a'): AutomationDef {
	return { id, name: id.toUpperCase(), status: 'active', entry: 'multiple', triggers, steps } as unknown as AutomationDef;
}

/** A workspace with the contact(s), lists and `ws`, plus automation "a" (and `others`). */
export function setup(steps: unknown[], ws: Record<string, unknown> = {}, opts: { triggers?: unknown[]; others?: unknown[]; start?: number } = {}): Engine {
	return engineWith(
		{
			lists: [{ id: 'news', name: 'News' }],
			contacts: [ANNA],
			...ws,
			automations: [automation(steps, opts.triggers), ...(opts.others ?? [])]
		},
		{ start: opts.start }
	);
}

/** `setup`, then adds contact(s) to automation "a" at T0. */
export function run(steps: unknown[], ws: Record<string, unknown> = {}, opts: { triggers?: unknown[]; others?: unknown[]; contacts?: string[] } = {}): Engine {
	const e = setup(steps, ws, opts);
	must(e, { type: 'contacts.added', at: T0, automation: 'a', contacts: opts.contacts ?? ['c1'] });
	return e;
}

/**
 * Diagnostics of automation "a" with these steps in a workspace without automations. Every finding
 * must be well formed: a stable code, a message naming the thing, one sentence of help, the step.
 */
export function diagnose(steps: unknown[], ws: Record<string, unknown> = {}, triggers?: unknown[]): Diagnostic[] {
	const e = engineWith({ lists: [{ id: 'news', name: 'News' }], contacts: [ANNA], ...ws });
	const ds = e.validate(automation(steps, triggers));
	for (const d of ds) {
		expect(d.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
		expect(d.message.length, d.code).toBeGreaterThan(10);
		expect(/^["%A-Z]/.test(d.help) && /[.!?]$/.test(d.help) && !/[.!?]\s+[A-Z]/.test(d.help.slice(0, -1)), `help of ${d.code}: "${d.help}"`).toBe(true);
		if (!d.code.startsWith('plan.starter')) expect(d.step, d.code).toBeDefined();
		expect(Array.isArray(d.path)).toBe(true);
	}
	return ds;
}

/** Codes of the diagnostics, "code@severity". */
export function codes(ds: Diagnostic[]): string[] {
	return ds.map((d) => `${d.code}@${d.severity}`);
}

/** A contact's trace as { code, step id, detail }. */
export function logs(e: Engine, contact = 'c1'): { code: string; step: string | null; detail?: Record<string, unknown> }[] {
	const c = e.world.contact(contact)!;
	return e.trace.indicesOfContact(c.idx).map((i) => {
		const t = e.trace.entry(i);
		return { code: t.code, step: t.step >= 0 ? e.steps[t.step].id : null, detail: t.detail };
	});
}

/** The trace entries of one step (code and detail), without the run's "completed" entry. */
export function stepLogs(e: Engine, step: string, contact = 'c1'): { code: string; detail?: Record<string, unknown> }[] {
	return logs(e, contact)
		.filter((l) => l.step === step && l.code !== 'completed')
		.map(({ code, detail }) => (detail ? { code, detail } : { code }));
}

/** Where the contact's latest run in an automation is, as "status@step". */
export function where(e: Engine, contact = 'c1', auto = 'a'): string {
	const c = e.world.contact(contact)!;
	for (let r = c.firstRun; r >= 0; r = e.runs.nextOfContact[r]) {
		const a = e.autos[e.runs.auto[r]];
		if (a.id !== auto) continue;
		const st = ['active', 'waiting', 'completed', 'exited'][e.runs.status[r]];
		return `${st}@${e.runs.step[r] >= 0 ? a.steps[e.runs.step[r]].id : '-'}`;
	}
	return 'never';
}

/** Asserts a payload survives a JSON round trip unchanged (plain data, no undefined). */
export function expectPlainJson(x: unknown): void {
	expect(JSON.parse(JSON.stringify(x))).toEqual(x);
	const walk = (v: unknown): void => {
		expect(v).not.toBeUndefined();
		if (Array.isArray(v)) v.forEach(walk);
		else if (v && typeof v === 'object') {
			expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
			Object.values(v).forEach(walk);
		}
	};
	walk(x);
}

/** Common CRM catalogue: users, a pipeline, deal and account fields. */
export const CRM = {
	users: [
		{ id: 'u1', name: 'Ursula Owner', email: 'ursula@team.example' },
		{ id: 'u2', name: 'Victor Rep', email: 'victor@team.example' }
	],
	pipelines: [
		{ id: 'sales', name: 'Sales', stages: [{ id: 'lead', name: 'Lead' }, { id: 'qualified', name: 'Qualified' }, { id: 'won', name: 'Closed' }] },
		{ id: 'renewals', name: 'Renewals', stages: [{ id: 'due', name: 'Due' }] }
	],
	dealFields: [
		{ key: 'source', label: 'Source', type: 'text' },
		{ key: 'seats', label: 'Seats', type: 'number' },
		{ key: 'close_date', label: 'Close date', type: 'date' },
		{ key: 'tier', label: 'Tier', type: 'dropdown', options: ['Bronze', 'Silver', 'Gold'] }
	],
	accountFields: [
		{ key: 'industry', label: 'Industry', type: 'text' },
		{ key: 'employees', label: 'Employees', type: 'number' }
	],
	accounts: [{ id: 'acme', name: 'Acme Corp', owner: 'u2' }]
};

/** A deal of contact c1 in the Sales pipeline. */
export const DEAL = { id: 'd1', contact: 'c1', pipeline: 'sales', stage: 'lead', title: 'Acme renewal', value: 1000, currency: 'EUR', owner: 'u1' };
