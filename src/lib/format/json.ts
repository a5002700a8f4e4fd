/**
 * JSON text helpers for people-written files: a strict syntax check that says where and why a file
 * is malformed (the same on every runtime, unlike `JSON.parse` messages), and a locator that finds
 * the line and column of a path such as `automations[0].steps[3]` in the original text.
 */

/** A position in a text: 1-based line and column. */
export interface TextPosition {
	line: number;
	column: number;
}

/** A JSON syntax error: where (offset, line, column), what, and one sentence of help. */
export interface JsonSyntaxError extends TextPosition {
	offset: number;
	message: string;
	help: string;
}

/** Outcome of reading JSON text. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/** Parses JSON text (a leading byte-order mark is ignored); never throws. */
export function readJson(text: string): JsonResult {
	const src = stripBom(text);
	try {
		return { ok: true, value: JSON.parse(src) };
	} catch (err) {
		const found = syntaxError(src);
		if (found) return { ok: false, error: found };
		// The checker found nothing (should not happen): fall back on the runtime's position, if any.
		const m = /position (\d+)/.exec(String((err as Error)?.message ?? ''));
		const offset = m ? Number(m[1]) : 0;
		return { ok: false, error: { offset, ...positionAt(src, offset), message: 'the file is not valid JSON', help: 'Check the JSON syntax near this position.' } };
	}
}

/** Removes a leading byte-order mark. */
export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
	let line = 1;
	let lineStart = 0;
	const end = Math.min(offset, text.length);
	for (let i = 0; i < end; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: end - lineStart + 1 };
}

class Stop {
	constructor(
		readonly offset: number,
		readonly message: string,
		readonly help: string
	) {}
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The first syntax error of a JSON text, or null when it is valid. */
export function syntaxError(text: string): JsonSyntaxError | null {
	let i = 0;
	const n = text.length;
	const ws = () => {
		for (;;) {
			while (i < n && WS.has(text.charCodeAt(i))) i++;
			if (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))
				throw new Stop(i, 'comments are not allowed in JSON', 'Remove the comment, or move the note into a "description" field.');
			return;
		}
	};
	const describe = (at: number) => (at >= n ? 'the end of the file' : `"${text[at]}"`);
	const unexpected = (at: number, expected: string, help: string): Stop =>
		at >= n ? new Stop(at, `unexpected end of the file: expected ${expected}`, 'The file is cut short: close every "{", "[" and string that was opened.') : new Stop(at, `expected ${expected} but found ${describe(at)}`, help);
	const str = () => {
		const start = i;
		i++;
		for (;;) {
			if (i >= n) throw new Stop(start, 'this string is never closed', 'Add the closing double quote.');
			const c = text.charCodeAt(i);
			if (c === 0x22) {
				i++;
				return;
			}
			if (c < 0x20)
				throw new Stop(i, c === 0x0a ? 'line break inside a string' : 'control character inside a string', c === 0x0a ? 'Close the string on the same line, or write the line break as \\n.' : 'Escape the character (e.g. \\t for a tab).');
			if (c === 0x5c) {
				const e = text[i + 1];
				if (e === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'invalid \\u escape in a string', 'Write \\u followed by four hexadecimal digits.');
					i += 6;
					continue;
				}
				if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(i, `invalid escape "\\${e ?? ''}" in a string`, 'Valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\.');
				i += 2;
				continue;
			}
			i++;
		}
	};
	const num = () => {
		const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
		if (!m || m[0] === '-' || m[0] === '') throw new Stop(i, 'invalid number', 'Write numbers like 42, -3.5 or 1e6 (no leading zeros, "+" or trailing dot).');
		const after = text[i + m[0].length];
		if (after === '.' || (after !== undefined && /[0-9A-Za-z_]/.test(after)))
			throw new Stop(i, `invalid number "${text.slice(i, i + m[0].length + 1)}"`, 'Write numbers like 42, -3.5 or 1e6; put text in double quotes.');
		i += m[0].length;
	};
	const value = (depth: number): void => {
		if (depth > 500) throw new Stop(i, 'the data is nested too deeply', 'Nest objects and arrays less than 500 levels deep.');
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			ws();
			if (text[i] === '}') {
				i++;
				return;
			}
			for (;;) {
				ws();
				if (text[i] !== '"') {
					if (text[i] === '}') throw new Stop(i, 'trailing comma before "}"', 'Remove the comma after the last property.');
					if (text[i] === "'") throw new Stop(i, 'property names must use double quotes', 'Replace the single quotes with double quotes.');
					throw unexpected(i, 'a property name in double quotes', /[A-Za-z_$]/.test(text[i] ?? '') ? 'Put the property name in double quotes.' : 'Write "name": value.');
				}
				str();
				ws();
				if (text[i] !== ':') throw unexpected(i, '":" after the property name', 'Separate the name and its value with a colon.');
				i++;
				value(depth + 1);
				ws();
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i] === '}') {
					i++;
					return;
				}
				throw unexpected(i, '"," or "}" after a property value', 'Separate properties with commas and close the object with "}".');
			}
		}
		if (c === '[') {
			i++;
			ws();
			if (text[i] === ']') {
				i++;
				return;
			}
			for (;;) {
				ws();
				if (text[i] === ']') throw new Stop(i, 'trailing comma before "]"', 'Remove the comma after the last element.');
				value(depth + 1);
				ws();
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i] === ']') {
					i++;
					return;
				}
				throw unexpected(i, '"," or "]" after an element', 'Separate elements with commas and close the array with "]".');
			}
		}
		if (c === '"') return str();
		if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return num();
		for (const lit of ['true', 'false', 'null']) {
			if (text.startsWith(lit, i)) {
				i += lit.length;
				return;
			}
		}
		if (c === "'") throw new Stop(i, 'strings must use double quotes', 'Replace the single quotes with double quotes.');
		throw unexpected(i, 'a value (object, array, string, number, true, false or null)', /[A-Za-z]/.test(c ?? '') ? 'Put text in double quotes; the only bare words are true, false and null.' : 'Write a JSON value here.');
	};
	try {
		ws();
		if (i >= n) throw new Stop(0, 'the file is empty', 'Write a JSON object, starting with "{".');
		value(0);
		ws();
		if (i < n) throw new Stop(i, `unexpected ${describe(i)} after the end of the data`, 'Remove it, or wrap everything in a single object or array.');
		return null;
	} catch (err) {
		if (!(err instanceof Stop)) return null;
		return { offset: err.offset, ...positionAt(text, err.offset), message: err.message, help: err.help };
	}
}

/**
 * Where a path points in valid JSON text: the key of an object member, the start of an array
 * element. Follows the path as far as it exists and returns the deepest position found.
 */
export function locate(text: string, path: readonly (string | number)[]): TextPosition {
	const src = text;
	const n = src.length;
	let i = 0;
	const ws = () => {
		while (i < n && WS.has(src.charCodeAt(i))) i++;
	};
	const skipString = () => {
		i++;
		while (i < n) {
			const c = src.charCodeAt(i);
			if (c === 0x5c) i += 2;
			else if (c === 0x22) {
				i++;
				return;
			} else i++;
		}
	};
	const readString = (): string => {
		const start = i;
		skipString();
		try {
			return JSON.parse(src.slice(start, i)) as string;
		} catch {
			return '';
		}
	};
	const skipValue = () => {
		ws();
		const c = src[i];
		if (c === '"') return skipString();
		if (c === '{' || c === '[') {
			let depth = 0;
			while (i < n) {
				const ch = src[i];
				if (ch === '"') {
					skipString();
					continue;
				}
				if (ch === '{' || ch === '[') depth++;
				else if (ch === '}' || ch === ']') {
					depth--;
					if (depth === 0) {
						i++;
						return;
					}
				}
				i++;
			}
			return;
		}
		while (i < n && !',}] \t\r\n'.includes(src[i])) i++;
	};
	ws();
	let best = i;
	try {
		for (const seg of path) {
			ws();
			if (typeof seg === 'string' && src[i] === '{') {
				i++;
				let found = false;
				for (;;) {
					ws();
					if (src[i] !== '"') break;
					const keyAt = i;
					const key = readString();
					ws();
					i++; // ':'
					ws();
					if (key === seg) {
						best = keyAt;
						found = true;
						break;
					}
					skipValue();
					ws();
					if (src[i] === ',') i++;
					else break;
				}
				if (!found) break;
			} else if (typeof seg === 'number' && src[i] === '[') {
				i++;
				let k = 0;
				let found = false;
				for (;;) {
					ws();
					if (src[i] === ']' || i >= n) break;
					if (k === seg) {
						best = i;
						found = true;
						break;
					}
					skipValue();
					ws();
					k++;
					if (src[i] === ',') i++;
					else break;
				}
				if (!found) break;
			} else break;
		}
	} catch {
		// Best effort: keep the deepest position found.
	}
	return positionAt(src, best);
}
