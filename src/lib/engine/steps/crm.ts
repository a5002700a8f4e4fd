/** Pieces shared by the CRM steps (deals and accounts): plan, deal in context, reference checks. */
import { TraceCode } from '../core/trace';
import type { Engine } from '../engine';
import type { CompiledStep } from '../compiled';
import type { Availability } from '../plans';
import type { Deal } from '../world';
import type { ValidateCtx } from './kind';

/** CRM actions come with the Pipelines or the Sales engagement add-on. */
export const CRM_PLANS: Availability = { addons: ['pipelines', 'sales_engagement'] };

/**
 * Runs `fn` with the deal in context (from a deal trigger, created by "Add a deal" in this run, or
 * the contact's newest open deal); without one, logs step_skipped "no_deal". Continues on `next`.
 */
export function withDeal(e: Engine, r: number, s: CompiledStep<any, any>, fn: (d: Deal) => void): number {
	const d = e.deal(r);
	if (!d) e.log(r, s, TraceCode.step_skipped, { reason: 'no_deal' });
	else fn(d);
	return s.out[0];
}

/** Reports an unknown pipeline, or a stage that is not in it. */
export function checkPipeline(v: ValidateCtx, pipeline: string, stage: string | undefined, path: (string | number)[] = []): void {
	const p = v.catalog.pipelines.get(pipeline);
	if (!p) {
		v.report('ref.pipeline', `Pipeline "${pipeline}" does not exist.`, 'Pick an existing pipeline or create it in the deal settings.', [...path, 'pipeline']);
		return;
	}
	if (stage !== undefined && !p.stages.some((s) => s.id === stage))
		v.report('ref.stage', `Stage "${stage}" is not in pipeline "${p.name}".`, 'Pick a stage of the chosen pipeline.', [...path, 'stage']);
}

/** Reports an unknown user. */
export function checkUser(v: ValidateCtx, user: string, path: (string | number)[]): void {
	if (!v.catalog.users.has(user)) v.report('ref.user', `User "${user}" does not exist.`, 'Pick an existing team member or add the user first.', path);
}

/** Reports an unknown custom deal field. */
export function checkDealField(v: ValidateCtx, field: string, path: (string | number)[]): void {
	if (!v.catalog.dealFields.has(field))
		v.report('ref.deal_field', `Custom deal field "${field}" does not exist.`, 'Pick an existing deal field or create it in the deal field settings.', path);
}
