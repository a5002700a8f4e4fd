/**
 * The email library as engine inputs: saving (creating or replacing) and deleting a workspace
 * email. Going through inputs keeps library edits deterministic, persisted with the engine state
 * and exported with the workspace. A deleted email must not be used by any automation.
 */
import type { ApplyResult, Engine } from './engine';
import type { Diagnostic } from './diagnostics';
import { EmailDef } from './schema/workspace';
import { zodIssues } from './schema/issues';

/** Automations (id, name) whose current or running versions use the email. */
export function emailUsers(e: Engine, emailId: string): { id: string; name: string }[] {
	const out: { id: string; name: string }[] = [];
	for (const slot of e.slots.values()) {
		const defs = [slot.def, ...slot.versions.map((v) => e.autos[v].def)];
		if (defs.some((d) => usesEmail(d, emailId))) out.push({ id: slot.id, name: slot.def.name });
	}
	return out;
}

/** Whether a definition (or any part of it) names the email: `email` properties and A/B `variants`. */
export function usesEmail(node: unknown, emailId: string): boolean {
	if (Array.isArray(node)) return node.some((x) => usesEmail(x, emailId));
	if (!node || typeof node !== 'object') return false;
	for (const [k, v] of Object.entries(node)) {
		if (k === 'email' && v === emailId) return true;
		if (k === 'variants' && Array.isArray(v) && v.includes(emailId)) return true;
		if (typeof v === 'object' && usesEmail(v, emailId)) return true;
	}
	return false;
}

/** Creates or replaces a workspace email after checking it against the format's schema. */
export function saveEmail(e: Engine, input: unknown): ApplyResult {
	const parsed = EmailDef.safeParse(input);
	if (!parsed.success) {
		const diagnostics: Diagnostic[] = zodIssues(parsed.error).map((iss) => ({
			code: 'email.invalid',
			severity: 'error',
			message: `Email ${iss.path.join('.') || '(root)'}: ${iss.message}`,
			help: 'Give the email an id, a name, a subject and a body.',
			path: iss.path
		}));
		return { ok: false, diagnostics };
	}
	const w = e.world;
	// A new record: step kinds cache parsed templates per record, so an edit re-parses.
	w.catalog.emails.set(parsed.data.id, parsed.data);
	w.dirtyCatalog = true;
	return { ok: true };
}

/** Deletes a workspace email that no automation uses. */
export function deleteEmail(e: Engine, emailId: string): ApplyResult {
	const w = e.world;
	if (!w.catalog.emails.has(emailId))
		return fail('email.unknown', `Email "${emailId}" does not exist.`, 'Refresh the email library.');
	const users = emailUsers(e, emailId);
	if (users.length)
		return fail(
			'email.in_use',
			`Email "${w.catalog.emails.get(emailId)!.name}" is used by ${users.map((u) => `"${u.name}"`).join(', ')}.`,
			'Remove it from those automations (and publish them) before deleting it.'
		);
	w.catalog.emails.delete(emailId);
	w.dirtyCatalog = true;
	return { ok: true };
}

function fail(code: string, message: string, help: string): ApplyResult {
	return { ok: false, diagnostics: [{ code, severity: 'error', message, help }] };
}
