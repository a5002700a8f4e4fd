/** Expected failures as values: diagnostics with stable codes and one sentence of help. */

export type Severity = 'error' | 'warning';

/** A finding about an automation or a file. */
export interface Diagnostic {
	/** Stable machine code, e.g. "edge.dangling". */
	code: string;
	severity: Severity;
	/** What is wrong, naming the thing. */
	message: string;
	/** One sentence on how to fix it. */
	help: string;
	/** Offending step id, if any. */
	step?: string;
	/** Offending trigger id, if any. */
	trigger?: string;
	/** Path inside the definition (e.g. ["steps", 3, "wait", "for"]). */
	path?: (string | number)[];
}

/** Result of an operation that can fail in expected ways. */
export type Result<T> = { ok: true; value: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** True when any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
	return ds.some((d) => d.severity === 'error');
}
