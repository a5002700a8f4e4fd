/** Scenario script events as engine inputs, in the order the runner applies them. */
import type { Engine } from '../engine/engine';
import type { Input } from '../engine/inputs';
import type { ScenarioFile, ScriptEvent } from '../engine/schema/file';
import { parseInstant } from '../engine/core/time';
import { resolveTime } from './time';

/** A script event with its resolved time and its index in the file. */
export interface TimedEvent {
	at: number;
	index: number;
	event: ScriptEvent;
}

/** Script events by time, stable for equal times (file order). Times must already be valid. */
export function orderedScript(sc: ScenarioFile): TimedEvent[] {
	const start = parseInstant(sc.start);
	return sc.script
		.map((event, index) => ({ at: resolveTime(event.at, start), index, event }))
		.sort((a, b) => a.at - b.at || a.index - b.index);
}

/**
 * The engine input for a script event; `contacts: "*"` is expanded to every contact now in the
 * engine (or kept as ["*"] when no engine is given, for the runtime to expand when it applies it).
 */
export function toInput(e: Engine | null, t: TimedEvent): Input {
	const { at } = t;
	const ev = t.event;
	switch (ev.event) {
		case 'contact.upserted':
			return { type: 'contact.upserted', at, contact: ev.data, ...(ev.announce !== undefined ? { announce: ev.announce } : {}) };
		case 'contacts.added': {
			const contacts = ev.contacts !== '*' ? ev.contacts : e ? allContacts(e) : ['*'];
			return { type: 'contacts.added', at, automation: ev.automation, contacts };
		}
		default: {
			// Every other event carries the input's own fields under the same names.
			const { event, at: _at, ...rest } = ev as ScriptEvent & Record<string, unknown>;
			void _at;
			return { ...rest, type: event, at } as Input;
		}
	}
}

/** Ids of every contact not deleted, in creation order. */
export function allContacts(e: Engine): string[] {
	return e.world.contacts.filter((c) => !c.deleted).map((c) => c.id);
}
