/**
 * Saved segments: named condition trees stored in the workspace database, validated like the
 * conditions of an automation and counted live over the contacts in memory.
 */
import type { Engine } from '../../engine/engine';
import type { Diagnostic } from '../../engine/diagnostics';
import { Condition } from '../../engine/schema/conditions';
import { validateAutomation } from '../../engine/validate';
import { zodIssues } from '../../engine/schema/issues';
import type { SegmentRow } from '../../db/records';

/** A saved segment with its live count. */
export interface SegmentView extends SegmentRow {
	count: number;
	/** Time the count took, in ms (shown to check the 100 ms budget). */
	ms: number;
}

/** Problems of a condition tree: its shape, then references to lists, fields, emails… */
export function checkCondition(e: Engine, cond: unknown): Diagnostic[] {
	const parsed = Condition.safeParse(cond);
	if (!parsed.success)
		return zodIssues(parsed.error).map((i) => ({ code: 'segment.invalid', severity: 'error' as const, message: `${i.path.join('.') || 'condition'}: ${i.message}`, help: 'Complete every condition of the segment.', path: i.path }));
	// Checked as the conditions of an if/else, so a segment means exactly what an automation reads.
	const probe = { id: '$segment', name: 'Segment', status: 'draft' as const, entry: 'multiple' as const, triggers: [], steps: [{ id: 'segment', kind: 'if_else', conditions: parsed.data }] };
	return validateAutomation(probe, e.view())
		.filter((d) => d.severity === 'error' && d.path?.[2] === 'conditions')
		.map((d) => ({ ...d, path: d.path?.slice(3) }));
}

/** Normalises a segment name. */
export function segmentName(name: string): string {
	return name.trim().replace(/\s+/g, ' ').slice(0, 120);
}
