/**
 * Reading workspace and scenario files: JSON syntax (with line and column), the schema (with the
 * exact path in the file), then the engine's own validation of references (lists, fields, emails,
 * automations, steps…). Never throws for bad input: problems come back as diagnostics.
 */
import { Engine } from '../engine/engine';
import { loadWorkspace } from '../engine/load';
import { STANDARD_FIELDS } from '../engine/world';
import { ScenarioFile, WorkspaceFile } from '../engine/schema/file';
import type { z } from 'zod';
import { errorsOf, type FileDiagnostic, type FileResult } from './diagnostics';
import { schemaDiagnostics } from './issues';
import { locate, readJson, stripBom } from './json';
import { resolveDelay, resolveTime, TIME_HELP } from './time';
import { parseInstant } from '../engine/core/time';

type Path = (string | number)[];

/** Reads a workspace file (JSON text or an already-parsed object). */
export function parseWorkspace(input: string | unknown): FileResult<WorkspaceFile> {
	return guarded(input, (data) => {
		const parsed = validate(WorkspaceFile, data);
		if (!parsed.ok) return parsed;
		const diags = checkWorkspace(parsed.value, []);
		return finish(parsed.value, diags);
	});
}

/** Reads a scenario file (JSON text or an already-parsed object). */
export function parseScenario(input: string | unknown): FileResult<ScenarioFile> {
	return guarded(input, (data) => {
		const parsed = validate(ScenarioFile, data);
		if (!parsed.ok) return parsed;
		const sc = parsed.value;
		const diags = [...checkWorkspace(sc.workspace, ['workspace']), ...checkScenario(sc)];
		return finish(sc, diags);
	});
}

/** JSON reading, positions and the last-resort guard shared by both readers. */
function guarded<T>(input: string | unknown, body: (data: unknown) => FileResult<T>): FileResult<T> {
	const text = typeof input === 'string' ? stripBom(input) : null;
	try {
		let data: unknown = input;
		if (text !== null) {
			const json = readJson(text);
			if (!json.ok) {
				const { line, column, message, help } = json.error;
				return { ok: false, diagnostics: [{ code: 'json.syntax', severity: 'error', message, help, path: [], line, column }] };
			}
			data = json.value;
		}
		if (data === null || typeof data !== 'object' || Array.isArray(data))
			return { ok: false, diagnostics: [{ code: 'file.not_object', severity: 'error', message: 'the file must contain one JSON object', help: 'Start the file with "{" and a "format" key.', path: [] }] };
		const res = body(data);
		if (text !== null) for (const d of res.diagnostics) if (d.path && d.line === undefined) Object.assign(d, locate(text, d.path));
		return res;
	} catch (err) {
		return { ok: false, diagnostics: [{ code: 'internal', severity: 'error', message: `while reading the file: ${(err as Error)?.message ?? String(err)}`, help: 'This is a bug; please report it with the file.', path: [] }] };
	}
}

function validate<S extends z.ZodType>(schema: S, data: unknown): FileResult<z.output<S>> {
	const r = schema.safeParse(data);
	if (r.success) return { ok: true, value: r.data, diagnostics: [] };
	return { ok: false, diagnostics: schemaDiagnostics(r.error, data, schema) };
}

function finish<T>(value: T, diags: FileDiagnostic[]): FileResult<T> {
	return errorsOf(diags).length ? { ok: false, diagnostics: diags } : { ok: true, value, diagnostics: diags };
}

/** The engine's findings when loading the workspace (duplicate ids, references, graphs, plans). */
export function checkWorkspace(ws: WorkspaceFile, base: Path): FileDiagnostic[] {
	const e = new Engine({ seed: 1, start: 0, trace: false });
	const out: FileDiagnostic[] = loadWorkspace(e, ws).map((d) => ({ ...d, path: [...base, ...(d.path ?? [])] }));
	// Drafts are not validated when loaded; say what would stop them from running.
	for (const [i, a] of ws.automations.entries()) {
		if (a.status !== 'draft') continue;
		out.push({
			code: 'automation.draft',
			severity: 'warning',
			message: `Automation "${a.name}" is a draft: it will not run.`,
			help: 'Set "status": "active" to run it.',
			path: [...base, 'automations', i, 'status']
		});
		for (const d of e.validate(a))
			if (d.severity === 'error') out.push({ ...d, severity: 'warning', message: `(draft) ${d.message}`, path: [...base, 'automations', i, ...(d.path ?? [])] });
	}
	return out;
}

/** Checks of the scenario's own parts: times, references in script events and expectations. */
function checkScenario(sc: ScenarioFile): FileDiagnostic[] {
	const out: FileDiagnostic[] = [];
	const err = (code: string, message: string, help: string, path: Path, severity: 'error' | 'warning' = 'error') => out.push({ code, severity, message, help, path });
	const ws = sc.workspace;
	const start = parseInstant(sc.start);
	const contacts = new Set(ws.contacts.map((c) => c.id));
	for (const ev of sc.script) if (ev.event === 'contact.upserted') contacts.add(ev.data.id);
	const automations = new Map(ws.automations.map((a) => [a.id, a]));
	const lists = new Set(ws.lists.map((l) => l.id));
	const fields = new Set<string>([...STANDARD_FIELDS, ...ws.fields.map((f) => f.key)]);
	const emails = new Set(ws.emails.map((m) => m.id));
	const forms = new Set(ws.forms.map((f) => f.id));
	const conversions = new Set(ws.conversions.map((c) => c.id));
	const models = new Set(ws.scoring.map((m) => m.id));

	const needContact = (id: string, path: Path) => {
		if (!contacts.has(id)) err('ref.contact', `Contact "${id}" does not exist.`, 'Add it to workspace.contacts or create it with a "contact.upserted" event.', path);
	};
	const needAutomation = (id: string, path: Path) => {
		if (!automations.has(id)) err('ref.automation', `Automation "${id}" does not exist.`, `Pick one of: ${[...automations.keys()].join(', ') || '(none)'}.`, path);
	};

	let last = start;
	for (const [i, ev] of sc.script.entries()) {
		const at = resolveTime(ev.at, start);
		if (Number.isNaN(at)) err('scenario.time', `"${ev.at}" is not a time`, TIME_HELP, ['script', i, 'at']);
		else if (at < start) err('scenario.time', `"${ev.at}" is before the scenario start (${sc.start})`, 'Scripted events happen at or after "start".', ['script', i, 'at']);
		else last = Math.max(last, at);
		const p = ['script', i];
		if ('contact' in ev && typeof ev.contact === 'string') needContact(ev.contact, [...p, 'contact']);
		switch (ev.event) {
			case 'contacts.added':
				needAutomation(ev.automation, [...p, 'automation']);
				if (ev.contacts !== '*') ev.contacts.forEach((c, k) => needContact(c, [...p, 'contacts', k]));
				break;
			case 'automation.status_changed':
				needAutomation(ev.automation, [...p, 'automation']);
				break;
			case 'list.subscribed':
			case 'list.unsubscribed':
				if (!lists.has(ev.list)) err('ref.list', `List "${ev.list}" does not exist.`, 'Add it to workspace.lists or check its id.', [...p, 'list']);
				break;
			case 'field.changed':
				if (!fields.has(ev.field)) err('ref.field', `Contact field "${ev.field}" does not exist.`, 'Add it to workspace.fields or check its key.', [...p, 'field']);
				break;
			case 'email.opened':
			case 'email.clicked':
			case 'email.replied':
			case 'email.forwarded':
				if (ev.email && !emails.has(ev.email)) err('ref.email', `Email "${ev.email}" does not exist.`, 'Conditions and triggers on this email will never see it; check the id.', [...p, 'email'], 'warning');
				break;
			case 'form.submitted':
				if (!forms.has(ev.form)) err('ref.form', `Form "${ev.form}" does not exist.`, 'Add it to workspace.forms or check its id.', [...p, 'form'], 'warning');
				break;
			case 'conversion.made':
				if (!conversions.has(ev.conversion)) err('ref.conversion', `Conversion "${ev.conversion}" does not exist.`, 'Add it to workspace.conversions or check its id.', [...p, 'conversion'], 'warning');
				break;
			case 'score.adjusted':
				if (!models.has(ev.model)) err('ref.score', `Scoring model "${ev.model}" does not exist.`, 'Add it to workspace.scoring or check its id.', [...p, 'model'], 'warning');
				break;
		}
	}
	const until = resolveTime(sc.until, last);
	if (Number.isNaN(until)) err('scenario.time', `"${sc.until}" is not a time`, TIME_HELP.replace('from the start', 'after the last scripted event'), ['until']);
	else if (until < last) err('scenario.time', `"until" (${sc.until}) is before the last scripted event`, 'Run the clock at least until the last scripted event.', ['until']);

	for (const [i, r] of sc.responders.entries()) {
		if (Number.isNaN(resolveDelay(r.after))) err('scenario.time', `"${r.after}" is not a delay`, 'Write a delay such as "+2s", "+1m" or "+1h 30m".', ['responders', i, 'after']);
		if (r.ok && r.error !== undefined) err('scenario.responder', 'A successful answer ("ok": true) has no error.', 'Set "ok": false to answer with an error, or remove "error".', ['responders', i, 'error'], 'warning');
	}

	for (const [i, x] of sc.expect.entries()) {
		const p: Path = ['expect', i];
		if ('contact' in x) {
			needContact(x.contact, [...p, 'contact']);
			if (x.list && !lists.has(x.list.id)) err('ref.list', `List "${x.list.id}" does not exist.`, 'Check the list id.', [...p, 'list', 'id']);
			if (x.field && !fields.has(x.field.name)) err('ref.field', `Contact field "${x.field.name}" does not exist.`, 'Check the field key.', [...p, 'field', 'name']);
			if (x.score && !models.has(x.score.model)) err('ref.score', `Scoring model "${x.score.model}" does not exist.`, 'Check the scoring model id.', [...p, 'score', 'model']);
			if (x.status) needAutomation(x.status.automation, [...p, 'status', 'automation']);
			if (x.waitingAt) {
				needAutomation(x.waitingAt.automation, [...p, 'waitingAt', 'automation']);
				const a = automations.get(x.waitingAt.automation);
				if (a && !a.steps.some((s) => s.id === x.waitingAt!.step))
					err('ref.step', `Automation "${a.id}" has no step "${x.waitingAt.step}".`, `Its steps: ${a.steps.map((s) => s.id).join(', ')}.`, [...p, 'waitingAt', 'step']);
			}
		} else if ('step' in x) {
			const [aid, sid] = x.step.split('/');
			const a = automations.get(aid);
			if (!a) needAutomation(aid, [...p, 'step']);
			else if (!a.steps.some((s) => s.id === sid)) err('ref.step', `Automation "${aid}" has no step "${sid}".`, `Its steps: ${a.steps.map((s) => s.id).join(', ')}.`, [...p, 'step']);
		}
	}
	return out;
}
