/** Schema pieces shared by step kinds. */
import { z } from 'zod';
import { Id } from '../schema/common';
import type { Output } from './kind';

/** Fields of every step: id, kind, the user's own label. */
export const stepBase = {
	id: Id,
	label: z.string().max(200).optional()
};

/** The single outgoing edge of a linear step (absent or null ends the path). */
export const next = { next: Id.nullable().optional() };

/** Outputs of a linear step. */
export function linear(def: { next?: string | null }): Output[] {
	return [{ key: 'next', target: def.next }];
}
