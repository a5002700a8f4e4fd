/** Small valid files for the format tests, as objects to tweak and as text. */

/** A valid workspace object (one list, two emails, two contacts, one automation). */
export function workspace(over: Record<string, unknown> = {}): Record<string, any> {
	return {
		format: 'journey-studio/workspace',
		version: 1,
		name: 'Test shop',
		lists: [{ id: 'news', name: 'Newsletter' }],
		fields: [{ key: 'plan', label: 'Plan', type: 'text' }],
		emails: [
			{ id: 'hello', name: 'Hello', subject: 'Hello %FIRSTNAME%', body: '<p>Hi</p>' },
			{ id: 'bye', name: 'Bye', subject: 'Bye', body: '<p>Bye</p>' }
		],
		contacts: [
			{ id: 'c1', email: 'c1@example.com', firstName: 'Ada', lists: { news: 'active' } },
			{ id: 'c2', email: 'c2@example.com', firstName: 'Bob', lists: { news: 'active' } }
		],
		automations: [
			{
				id: 'flow',
				name: 'Flow',
				status: 'active',
				triggers: [{ id: 'manual', kind: 'manual', runs: 'every' }],
				steps: [
					{ id: 'send', kind: 'email.send', email: 'hello', next: 'tag' },
					{ id: 'tag', kind: 'tag.add', tag: 'greeted', next: 'wait' },
					{ id: 'wait', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'bye' },
					{ id: 'bye', kind: 'email.send', email: 'bye' }
				]
			}
		],
		...over
	};
}

/** A valid scenario object around `workspace()`. */
export function scenario(over: Record<string, unknown> = {}): Record<string, any> {
	return {
		format: 'journey-studio/scenario',
		version: 1,
		name: 'Test scenario',
		start: '2026-03-02T09:00:00Z',
		seed: 5,
		workspace: workspace(),
		script: [{ at: '+0h', event: 'contacts.added', automation: 'flow', contacts: '*' }],
		until: '+2d',
		expect: [{ contact: 'c1', hasTag: 'greeted' }],
		...over
	};
}

/** Pretty JSON text, as a person would write it (2-space indent, one key per line). */
export const text = (v: unknown) => JSON.stringify(v, null, 2);
