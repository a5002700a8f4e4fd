/** Turns zod errors into short messages with paths, preferring the most specific union branch. */
import type { z } from 'zod';

/** A schema problem at a path. */
export interface Issue {
	path: (string | number)[];
	message: string;
}

/** Flattens a zod error into issues; for unions, reports the branch that got furthest. */
export function zodIssues(err: z.ZodError): Issue[] {
	const out: Issue[] = [];
	const walk = (issues: readonly z.core.$ZodIssue[], base: (string | number)[]) => {
		for (const iss of issues) {
			const path = [...base, ...(iss.path as (string | number)[])];
			if (iss.code === 'invalid_union' && 'errors' in iss && iss.errors.length) {
				// Pick the branch whose deepest issue has the longest path (closest match).
				let best = iss.errors[0];
				let bestDepth = -1;
				for (const branch of iss.errors) {
					const d = Math.max(...branch.map((b) => b.path.length), 0) - branch.length * 0.01;
					if (d > bestDepth) {
						bestDepth = d;
						best = branch;
					}
				}
				walk(best, path);
				continue;
			}
			out.push({ path, message: messageOf(iss) });
		}
	};
	walk(err.issues, []);
	return out;
}

function messageOf(iss: z.core.$ZodIssue): string {
	if (iss.code === 'unrecognized_keys') return `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
	if (iss.code === 'invalid_union' && 'discriminator' in iss) return iss.message;
	if (iss.code === 'invalid_type' && iss.message.includes('received undefined')) return `is required (${iss.expected})`;
	return iss.message;
}

/** "steps[2].wait.days" style text of a path. */
export function pathText(path: readonly (string | number)[]): string {
	let s = '';
	for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
	return s || '(root)';
}
