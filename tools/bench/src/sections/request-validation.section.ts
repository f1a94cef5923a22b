import { AnalyzeRequestDto } from '../../../../apps/api/src/analysis/dto/analyze-request.dto';
import { DtoCheck } from '../../../../apps/api/src/validation/dto-check';
import type { BenchPlan } from '../bench-plan';
import { ANALYZE_BODY } from '../load/http-target';
import { median } from '../stats';

/** Request validation: what checking the analyze body against its class-validator DTO costs. */
export interface RequestValidationFigures {
  /** Median over the timed blocks of each block's time per check, in microseconds. */
  readonly usPerCheck: number;
  readonly checks: number;
}

/**
 * Times `DtoCheck.check` of the analyze body every HTTP bench request sends (parsed once: parsing is
 * the body reader's cost, not validation's), as the sync route runs it: a warm-up, then timed blocks
 * of back-to-back checks (one check is a few µs, below what one clock read resolves well), and the
 * median block's time per check.
 */
export function benchRequestValidation(plan: BenchPlan['validation']): RequestValidationFigures {
  const check = new DtoCheck('body', AnalyzeRequestDto);
  const body: unknown = JSON.parse(ANALYZE_BODY);
  const block = (checks: number): number => {
    const start = performance.now();
    for (let i = 0; i < checks; i += 1) check.check(body);
    return ((performance.now() - start) * 1000) / checks;
  };
  block(plan.warmupChecks);
  const perCheck = Array.from({ length: plan.blocks }, () => block(plan.checksPerBlock));
  return { usPerCheck: median(perCheck), checks: plan.blocks * plan.checksPerBlock };
}
