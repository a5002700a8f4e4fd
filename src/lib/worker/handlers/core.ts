/** Core workspace methods: summary, clock, commands, automations, contacts, messages, files. */
import type { ApplyResult } from '../../engine/engine';
import type { Input } from '../../engine/inputs';
import type { AutomationDef } from '../../engine/schema/automation';
import type { Diagnostic } from '../../engine/diagnostics';
import { snapshot } from '../../engine/state';
import { exportWorkspace } from '../../format/export';
import { automationsOf, contactDetailOf, contactsOf, messagesOf, stepCountsOf, summaryOf, type ContactQuery, type MessageQuery } from '../views';
import type { DistributiveOmit, WorkspaceRuntime } from '../runtime';
import { backupToJson, BACKUP_FORMAT, BACKUP_VERSION, type Backup } from '../backup';
import type { HandlerCtx } from './context';
import { checkExpectations } from '../../format/expect';
import type { Expectation } from '../../engine/schema/file';

/** An input without its time: the backend stamps it with the current virtual time. */
export type Command = DistributiveOmit<Input, 'at'>;

/** A backup of the running workspace (committed first). */
export async function backupFromRuntime(rt: WorkspaceRuntime, createdAt: number): Promise<Backup> {
	await rt.commit(true);
	return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, entry: rt.entry, clock: rt.clock, engine: snapshot(rt.engine), messages: rt.messages, inputs: [...rt.pendingInputs()] };
}

export const coreHandlers = {
	summary({ rt }: HandlerCtx) {
		const pend = rt.pendingInputs();
		return summaryOf(rt.engine, rt.entry, rt.clock, rt.messages, pend.length, pend[0]?.at ?? null, rt.storageError);
	},
	clock: ({ rt }: HandlerCtx) => rt.clock,
	play: ({ rt }: HandlerCtx, speed: number, until: number | null = null) => rt.play(speed, until),
	pause: ({ rt }: HandlerCtx) => rt.pause(),
	stepNext: ({ rt }: HandlerCtx) => rt.stepNext(),
	advanceBy: ({ rt }: HandlerCtx, ms: number) => rt.advanceBy(ms),
	jumpTo: ({ rt }: HandlerCtx, t: number) => rt.jumpTo(t),
	apply: ({ rt }: HandlerCtx, command: Command): Promise<ApplyResult> => rt.apply(command),
	applyMany: ({ rt }: HandlerCtx, commands: Command[]): Promise<ApplyResult[]> => rt.applyMany(commands),
	/** Schedules commands at later virtual times (durable). */
	schedule: ({ rt }: HandlerCtx, items: { at: number; command: Command }[]) =>
		rt.schedule(items.map((i) => ({ at: i.at, input: { ...i.command, at: i.at } as Input, source: 'user' }))),
	publish: ({ rt }: HandlerCtx, def: AutomationDef): Promise<ApplyResult> => rt.apply({ type: 'automation.published', automation: def }),
	validate: ({ rt }: HandlerCtx, def: AutomationDef): Diagnostic[] => rt.engine.validate(def),
	automations: ({ rt }: HandlerCtx) => automationsOf(rt.engine),
	automation({ rt }: HandlerCtx, id: string) {
		const s = rt.engine.slots.get(id);
		return s ? { def: s.def, status: s.status, version: s.version >= 0 ? rt.engine.autos[s.version].version : 0 } : null;
	},
	stepCounts: ({ rt }: HandlerCtx, id: string) => stepCountsOf(rt.engine, id),
	contacts: ({ rt }: HandlerCtx, q: ContactQuery) => contactsOf(rt.engine, q),
	contact: ({ rt }: HandlerCtx, id: string) => contactDetailOf(rt.engine, id, rt.messages),
	messages: ({ rt }: HandlerCtx, q: MessageQuery) => messagesOf(rt.messages, q),
	/** A participant opens or clicks a message in the simulation inbox. */
	async interact({ rt }: HandlerCtx, seq: number, action: 'open' | 'click', link?: string): Promise<ApplyResult> {
		const m = rt.messages[seq];
		if (!m) return { ok: false, diagnostics: [{ code: 'message.unknown', severity: 'error', message: `Message ${seq} does not exist.`, help: 'Refresh the inbox.' }] };
		const email = String((m.payload as { email?: string }).email ?? '');
		const variant = (m.payload as { variant?: string }).variant;
		const res =
			action === 'open'
				? await rt.apply({ type: 'email.opened', contact: m.contact, email, ...(variant ? { variant } : {}) })
				: await rt.apply({ type: 'email.clicked', contact: m.contact, email, link: link ?? '', ...(variant ? { variant } : {}) });
		if (res.ok) {
			if (m.openedAt === null) m.openedAt = rt.engine.now;
			if (action === 'click') m.clickedAt = rt.engine.now;
			rt.touchMessage(m);
			await rt.commit(true);
		}
		return res;
	},
	exportWorkspace: ({ rt }: HandlerCtx) => exportWorkspace(rt.engine, { name: rt.entry.name }),
	/** The scenario this simulation runs (if any) and, once the clock reached its end, its expectation results. */
	scenario({ rt }: HandlerCtx) {
		const sc = rt.scenario;
		if (!sc) return null;
		const done = rt.clock.now >= sc.until;
		const results = done ? checkExpectations(sc.expect as Expectation[], rt.engine, rt.messages.map((m) => ({ effect: m }))) : null;
		return { name: sc.name, description: sc.description ?? '', until: sc.until, done, results };
	},
	backup: async ({ rt, wallNow }: HandlerCtx) => backupToJson(await backupFromRuntime(rt, wallNow()))
};
