/**
 * Schema problems as file diagnostics: each zod issue becomes one finding at the exact path in
 * the file, in plain words, with one sentence of help (valid choices, "did you mean…").
 */
import type { z } from 'zod';
import type { FileDiagnostic } from './diagnostics';
import { closest } from './suggest';

type Path = (string | number)[];
type Issue = z.core.$ZodIssue;

/** Diagnostics for a failed parse of `data` against `schema`. */
export function schemaDiagnostics(err: z.ZodError, data: unknown, schema: z.ZodType): FileDiagnostic[] {
	const out: FileDiagnostic[] = [];
	for (const { iss, path } of flatten(err.issues, [])) out.push(...describe(iss, path, data, schema));
	return out;
}

/** Flattens issues; for unions, keeps the branch that fits the data best. */
function flatten(issues: readonly Issue[], base: Path): { iss: Issue; path: Path }[] {
	const out: { iss: Issue; path: Path }[] = [];
	for (const iss of issues) {
		const path = [...base, ...(iss.path as Path)];
		if (iss.code === 'invalid_union' && iss.errors.length) {
			out.push(...flatten(bestBranch(iss.errors), path));
			continue;
		}
		out.push({ iss, path });
	}
	return out;
}

/** The branch whose problems go deepest; a branch that rejects the object's own keys is a poor fit. */
function bestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] {
	let best = branches[0];
	let bestScore = -Infinity;
	for (const b of branches) {
		const rootMismatch = b.some((i) => i.path.length === 0 && (i.code === 'unrecognized_keys' || i.code === 'invalid_type'));
		const score = Math.max(0, ...b.map((i) => i.path.length)) - b.length * 0.01 - (rootMismatch ? 10 : 0);
		if (score > bestScore) {
			bestScore = score;
			best = b;
		}
	}
	return best;
}

function valueAt(data: unknown, path: Path): unknown {
	let v = data;
	for (const p of path) {
		if (v === null || typeof v !== 'object') return undefined;
		v = (v as Record<string | number, unknown>)[p];
	}
	return v;
}

/** What a discriminated thing is called, from where it sits in the file. */
function noun(path: Path, key: string): string {
	const parent = path.slice(0, -1).filter((p) => typeof p === 'string');
	const last = parent[parent.length - 1];
	if (key === 'kind') {
		if (last === 'steps') return 'step kind';
		if (last === 'triggers') return 'trigger kind';
		if (last === 'decide') return 'decision kind';
		return 'condition kind';
	}
	if (key === 'event') return 'script event';
	if (key === 'mode') return `${last ?? 'step'} mode`;
	return `"${key}" value`;
}

const list = (xs: readonly unknown[]) => xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
const quote = (x: unknown) => JSON.stringify(x);

function describe(iss: Issue, path: Path, data: unknown, schema: z.ZodType): FileDiagnostic[] {
	const d = (message: string, help: string, at: Path = path, code = 'schema.invalid'): FileDiagnostic => ({ code, severity: 'error', message, help, path: at });
	const got = valueAt(data, path);
	switch (iss.code) {
		case 'invalid_union': {
			if ('discriminator' in iss && iss.discriminator) {
				const key = String(path[path.length - 1] ?? iss.discriminator);
				const options = ('options' in iss ? (iss.options as unknown[]) : []).map(String);
				const what = noun(path, key);
				if (got === undefined) return [d(`"${key}" is required`, `Choose the ${what}: ${list(options)}.`, path, 'schema.required')];
				const guess = typeof got === 'string' ? closest(got, options) : null;
				return [d(`unknown ${what} ${quote(got)}`, `${guess ? `Did you mean "${guess}"? ` : ''}Valid ${what}s: ${list(options)}.`, path, 'schema.unknown_kind')];
			}
			return [d('does not match any of the allowed shapes', 'See docs/format.md for what this field accepts.')];
		}
		case 'unrecognized_keys': {
			const known = knownKeys(schema, data, path);
			return iss.keys.map((k) => {
				const guess = known.length ? closest(k, known) : null;
				const help = guess ? `Did you mean "${guess}"?` : known.length ? `Remove it; allowed keys here: ${known.join(', ')}.` : 'Remove it or check its spelling.';
				return d(`unknown key ${quote(k)}`, help, [...path, k], 'schema.unknown_key');
			});
		}
		case 'invalid_type': {
			if (got === undefined) return [d(`is required (${iss.expected})`, `Add ${quote(String(path[path.length - 1] ?? 'value'))} with a ${iss.expected} value.`, path, 'schema.required')];
			return [d(`must be ${article(iss.expected)}, not ${typeName(got)}`, `Write ${article(iss.expected)} here.`)];
		}
		case 'invalid_value': {
			const values = iss.values;
			const key = path[path.length - 1];
			if (path.length === 1 && key === 'format') {
				const expected = String(values[0]);
				const other = expected.endsWith('/workspace') ? 'journey-studio/scenario' : 'journey-studio/workspace';
				if (got === other)
					return [d(`this is a ${other.split('/')[1]} file, not a ${expected.split('/')[1]} file`, expected.endsWith('/workspace') ? 'Open it as a scenario (npm run simulate), or take its "workspace" section.' : 'A scenario wraps a workspace: see docs/format.md.', path, 'file.wrong_format')];
				return [d(`must be ${quote(expected)}`, `Start the file with "format": ${quote(expected)}.`, path, 'file.wrong_format')];
			}
			if (path.length === 1 && key === 'version')
				return [d(`format version ${quote(got)} is not supported`, `This app reads version ${list(values)}; ${typeof got === 'number' && got > Number(values[0]) ? 'update the app' : 'set "version" to ' + list(values)}.`, path, 'file.version')];
			if (values.length === 1) return [d(`must be ${quote(values[0])}`, `Write ${quote(values[0])} here.`)];
			const guess = typeof got === 'string' ? closest(got, values.map(String)) : null;
			return [d(`must be one of ${list(values)}${got !== undefined ? ` (got ${quote(got)})` : ''}`, guess ? `Did you mean "${guess}"?` : `Pick one of ${list(values)}.`)];
		}
		case 'too_small':
		case 'too_big': {
			if (!/^(Too small|Too big)/.test(iss.message)) return [d(iss.message, 'See docs/format.md for the allowed values.')];
			const small = iss.code === 'too_small';
			const bound = small ? (iss as { minimum: number | bigint }).minimum : (iss as { maximum: number | bigint }).maximum;
			const origin = (iss as { origin?: string }).origin;
			const inclusive = (iss as { inclusive?: boolean }).inclusive !== false;
			let message: string;
			if (origin === 'array') message = small ? `needs at least ${bound} item${bound === 1 ? '' : 's'}` : `allows at most ${bound} item${bound === 1 ? '' : 's'}`;
			else if (origin === 'string') message = small ? (Number(bound) === 1 ? 'must not be empty' : `must be at least ${bound} characters long`) : `must be at most ${bound} characters long`;
			else message = small ? `must be ${inclusive ? 'at least' : 'more than'} ${bound}` : `must be ${inclusive ? 'at most' : 'less than'} ${bound}`;
			return [d(message + (typeof got === 'number' ? ` (got ${got})` : ''), 'Change the value to fit.')];
		}
		case 'invalid_format':
			return [d(iss.message.startsWith('Invalid') ? `is not a valid ${iss.format}` : iss.message, 'See docs/format.md for the expected format.')];
		default:
			return [d(iss.message, 'See docs/format.md for what this field accepts.')];
	}
}

function article(type: string): string {
	return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function typeName(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	if (typeof v === 'object') return 'an object';
	if (typeof v === 'string') return `the text ${quote(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
	return `${typeof v} ${quote(v)}`;
}

// ---------------------------------------------------------------- walking a schema along a path

type Def = { type: string; [k: string]: any };
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })?._zod?.def;

/** Removes optional/default/nullable/lazy/pipe wrappers. */
function unwrap(s: unknown): unknown {
	for (let i = 0; i < 20; i++) {
		const def = defOf(s);
		if (!def) return s;
		if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType;
		else if (def.type === 'lazy') s = def.getter();
		else if (def.type === 'pipe') s = def.in;
		else return s;
	}
	return s;
}

/** For a union at a value, the option that best fits it (by discriminator, then by shared keys). */
function pickOption(s: unknown, value: unknown): unknown {
	const def = defOf(s)!;
	const options = (def.options as unknown[]).map(unwrap);
	if (!value || typeof value !== 'object' || Array.isArray(value)) return options[0];
	const v = value as Record<string, unknown>;
	let best = options[0];
	let bestScore = -1;
	for (const o of options) {
		const od = defOf(o);
		if (od?.type === 'union') {
			const inner = pickOption(o, value);
			const shape = defOf(inner)?.shape as Record<string, unknown> | undefined;
			const score = shape ? Object.keys(v).filter((k) => k in shape).length : 0;
			if (score > bestScore) [best, bestScore] = [inner, score];
			continue;
		}
		if (od?.type !== 'object') continue;
		const shape = od.shape as Record<string, unknown>;
		let score = Object.keys(v).filter((k) => k in shape).length;
		if (def.discriminator) {
			const lit = defOf(unwrap(shape[def.discriminator]));
			if (lit?.values?.includes(v[def.discriminator])) score += 1000;
		}
		if (score > bestScore) [best, bestScore] = [o, score];
	}
	return best;
}

/** The object keys allowed at `path` (empty when the schema there is not an object). */
export function knownKeys(schema: unknown, data: unknown, path: Path): string[] {
	let s = unwrap(schema);
	let v = data;
	const step = () => {
		while (defOf(s)?.type === 'union') s = unwrap(pickOption(s, v));
	};
	step();
	for (const p of path) {
		const def = defOf(s);
		if (!def) return [];
		if (def.type === 'object' && typeof p === 'string') s = def.shape[p];
		else if (def.type === 'array') s = def.element;
		else if (def.type === 'record') s = def.valueType;
		else return [];
		v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
		s = unwrap(s);
		step();
	}
	const def = defOf(s);
	return def?.type === 'object' ? Object.keys(def.shape) : [];
}
