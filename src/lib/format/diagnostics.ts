/** Diagnostics about files: the engine's `Diagnostic` plus where it is in the text. */
import type { Diagnostic } from '../engine/diagnostics';
import { pathText } from '../engine/schema/issues';

/** A finding about a file. `line`/`column` (1-based) are set when the input was text. */
export interface FileDiagnostic extends Diagnostic {
	line?: number;
	column?: number;
}

/** Result of reading or running a file: the value, or the reasons it could not be had. */
export type FileResult<T> = { ok: true; value: T; diagnostics: FileDiagnostic[] } | { ok: false; diagnostics: FileDiagnostic[] };

/**
 * One line for people: `path: message (help)`, with ` [line L, column C]` when known. A JSON
 * syntax error (no path) reads `line L, column C: message (help)`.
 */
export function formatDiagnostic(d: FileDiagnostic): string {
	const pos = d.line !== undefined ? `line ${d.line}, column ${d.column ?? 1}` : '';
	const help = d.help ? ` (${d.help})` : '';
	if (d.code === 'json.syntax') return `${pos || '(file)'}: ${d.message}${help}`;
	const where = d.path && d.path.length ? pathText(d.path) : '(file)';
	return `${where}: ${d.message}${help}${pos ? ` [${pos}]` : ''}`;
}

/** Only the errors. */
export function errorsOf<T extends Diagnostic>(ds: readonly T[]): T[] {
	return ds.filter((d) => d.severity === 'error');
}
