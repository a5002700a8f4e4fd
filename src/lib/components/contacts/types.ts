/** Types shared by the contacts components. */
import type { BulkAction } from '$lib/worker/contacts/bulk';

/** A bulk action's kind (the dialog asks for its details). */
export type BulkKind = BulkAction['kind'];
