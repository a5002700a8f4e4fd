/**
 * The contract between `bench/run.ts` and a suite. A suite lives in `bench/suites/<name>.ts` and
 * default-exports (or exports as `suite`) `{ name, run }`; `run` returns rows that the runner prints
 * as one table and stores in `bench/results/latest.json`. Suites never fail the process because a
 * target is missed (a benchmark, not a test); they throw only when a contestant's result is wrong.
 */

/** A printable figure: a number (formatted by its column), text, or null for "not measured". */
export type Cell = number | string | null;

/** A goal a figure is held to. `op` reads "figure op limit", e.g. wall ms `<` 250. */
export interface Target {
	/** What is checked, e.g. "engine wall ms, 100k, trace on". */
	label: string;
	/** The measured figure, or null when this run did not measure it (e.g. `--quick`). */
	value: number | null;
	op: '<' | '<=' | '>' | '>=';
	limit: number;
	/** Unit printed after value and limit ("ms", "×", "B"). */
	unit?: string;
}

/** One line of a suite's table: a label and figures by column name, plus the targets it checks. */
export interface Row {
	name: string;
	values: Record<string, Cell>;
	targets?: Target[];
}

/** Options every suite receives from the command line. */
export interface SuiteOptions {
	/** Smallest sizes only (e.g. 10k contacts instead of 10k and 100k). */
	quick: boolean;
}

/** A benchmark suite. */
export interface Suite {
	/** Short id used by `--only` (e.g. "engine"). */
	name: string;
	/** One line printed above the table. */
	title?: string;
	run(opts?: SuiteOptions): Promise<Row[]>;
}

/** Whether a target is met (null when it was not measured). */
export function targetMet(t: Target): boolean | null {
	if (t.value === null || Number.isNaN(t.value)) return null;
	switch (t.op) {
		case '<':
			return t.value < t.limit;
		case '<=':
			return t.value <= t.limit;
		case '>':
			return t.value > t.limit;
		case '>=':
			return t.value >= t.limit;
	}
}
