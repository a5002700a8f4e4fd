// The subset of PapaParse's API this app uses. `@types/papaparse` is not installed in this
// repository; delete this file if it ever is.
declare module 'papaparse' {
	export interface ParseError {
		type: string;
		code: string;
		message: string;
		row?: number;
	}
	export interface ParseMeta {
		delimiter: string;
		linebreak: string;
		aborted: boolean;
		truncated: boolean;
		cursor: number;
	}
	export interface ParseResult<T> {
		data: T[];
		errors: ParseError[];
		meta: ParseMeta;
	}
	export interface Parser {
		pause(): void;
		resume(): void;
		abort(): void;
	}
	export interface ParseConfig<T> {
		delimiter?: string;
		header?: boolean;
		skipEmptyLines?: boolean | 'greedy';
		chunkSize?: number;
		preview?: number;
		chunk?(results: ParseResult<T>, parser: Parser): void;
		step?(results: ParseResult<T>, parser: Parser): void;
		complete?(results: ParseResult<T>): void;
		error?(error: Error): void;
	}
	export interface UnparseConfig {
		quotes?: boolean | boolean[];
		delimiter?: string;
		newline?: string;
		header?: boolean;
		escapeFormulae?: boolean | RegExp;
	}
	export function parse<T>(input: string | Blob, config: ParseConfig<T>): void;
	export function unparse(data: { fields: string[]; data: string[][] } | string[][], config?: UnparseConfig): string;
	const Papa: { parse: typeof parse; unparse: typeof unparse };
	export default Papa;
}
