/**
 * The benchmark journey and its script, shared by every contestant (the same as the workspace in
 * tests/unit/engine/journey.test.ts): tag.add "started" → wait 2 days → if opened "news1" →
 * yes: tag.add "engaged", wait 1 day, email.send "offer" | no: email.send "reminder", wait 3 days.
 * Script: all N contacts added by hand at T0; one third open "news1" at T0 + 1 h + i ms; the clock
 * then runs to T0 + 10 days.
 */
import { DAY, HOUR, parseInstant } from '../../src/lib/engine/core/time';

export const T0 = parseInstant('2026-03-02T09:00:00Z');
export { DAY, HOUR };

/** The automation, in the portable format. */
export const JOURNEY = {
	id: 'j',
	name: 'Journey',
	status: 'active',
	triggers: [{ id: 't', kind: 'manual', runs: 'every' }],
	steps: [
		{ id: 'tag', kind: 'tag.add', tag: 'started', next: 'w2' },
		{ id: 'w2', kind: 'wait', wait: { mode: 'period', for: { days: 2 } }, next: 'if' },
		{ id: 'if', kind: 'if_else', conditions: { kind: 'action', action: 'opened', op: 'has', email: 'news1' }, yes: 'tagY', no: 'remind' },
		{ id: 'tagY', kind: 'tag.add', tag: 'engaged', next: 'w1' },
		{ id: 'w1', kind: 'wait', wait: { mode: 'period', for: { days: 1 } }, next: 'send' },
		{ id: 'send', kind: 'email.send', email: 'offer' },
		{ id: 'remind', kind: 'email.send', email: 'reminder', next: 'w3' },
		{ id: 'w3', kind: 'wait', wait: { mode: 'period', for: { days: 3 } } }
	]
};

/** Step indices in definition order: the engine's global step numbers (the only automation). */
export const STEP = { tag: 0, w2: 1, if: 2, tagY: 3, w1: 4, send: 5, remind: 6, w3: 7 } as const;

export const LISTS = [{ id: 'news', name: 'Newsletter' }];

export const EMAILS = [
	{ id: 'news1', name: 'News 1', subject: 'News', body: '<p>Hi</p>' },
	{ id: 'offer', name: 'Offer', subject: 'An offer for %FIRSTNAME%', body: '<p>Hello %FIRSTNAME%</p>' },
	{ id: 'reminder', name: 'Reminder', subject: 'Did you see?', body: '<p>Reminder</p>' }
];

/** A contact as the workspace file has it. */
export interface ContactSeed {
	id: string;
	email: string;
	firstName: string;
	lists: Record<string, 'active'>;
}

/** An open of "news1" as the engine receives it. */
export interface OpenInput {
	type: 'email.opened';
	at: number;
	contact: string;
	email: string;
}

/** The script for N contacts. Built once per N (untimed) and only read by contestants. */
export interface Scenario {
	n: number;
	start: number;
	until: number;
	contacts: ContactSeed[];
	/** Ids in the order they are added to the automation. */
	ids: string[];
	/** The opens, in time order. */
	opens: OpenInput[];
	/** Whether contact k opens "news1". */
	opener(k: number): boolean;
}

/** Builds the scenario: contact k is "c{k+1}"; every third contact (k = 3i) opens at T0 + 1 h + i ms. */
export function scenario(n: number): Scenario {
	const contacts: ContactSeed[] = [];
	for (let k = 0; k < n; k++) contacts.push({ id: `c${k + 1}`, email: `c${k + 1}@example.com`, firstName: `Name${k + 1}`, lists: { news: 'active' } });
	const openers = Math.floor(n / 3);
	const opens: OpenInput[] = [];
	for (let i = 0; i < openers; i++) opens.push({ type: 'email.opened', at: T0 + HOUR + i, contact: contacts[3 * i].id, email: 'news1' });
	return {
		n,
		start: T0,
		until: T0 + 10 * DAY,
		contacts,
		ids: contacts.map((c) => c.id),
		opens,
		opener: (k) => k % 3 === 0 && k / 3 < openers
	};
}
