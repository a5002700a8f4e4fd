/** Props every hand-made form receives (the same as the generic SchemaForm). */
import type { z } from 'zod';
import type { IssueIndex } from '../validation';
import type { InspectorContext } from '../context';

export interface FormProps<D = Record<string, unknown>> {
	def: D;
	kind: string;
	ctx: InspectorContext;
	issues: IssueIndex;
	onchange: (def: D) => void;
	idPrefix: string;
	schema: z.ZodType;
}

/** A copy of `o` without the keys whose value is undefined. */
export function pruned<T extends Record<string, unknown>>(o: T): T {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
