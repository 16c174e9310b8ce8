// Worker of the compiler verification job: runs the suites of src/core/verify case by case (grid cases
// with runCase, then the high-precision identity check per primitive) and reports each finished case as
// progress, so results reach the project while the job runs. Stops between cases when asked to.

import { PRIMITIVE_FORMULAS } from '../../../core/compile/primitives';
import { checkIdentities, type IdentityReport } from '../../../core/verify/identities';
import { BINARY_CASES, UNARY_CASES, runCase, type CaseReport } from '../../../core/verify/suites';
import type { VerifyJobInput, VerifyOutput, VerifyProgress } from '../../../shared/jobs';
import type { VerifyCaseSummary } from '../../../shared/project';
import { defineWorker } from '../defineWorker';

/** Returns the summary of a grid case report. */
function gridSummary(r: CaseReport): VerifyCaseSummary {
  return {
    kind: 'grid',
    name: r.name,
    formula: r.formula,
    K: r.K,
    passed: r.passed,
    maxScaledError: r.max_scaled_err,
    valid: r.valid,
    samples: r.samples - r.out_of_domain,
    agreeingDigits: null,
    tolerance: { maxScaledError: r.tolerance },
    failure: r.failure ?? null,
  };
}

/** Returns the summary of an identity report. */
function identitySummary(r: IdentityReport): VerifyCaseSummary {
  return {
    kind: 'identity',
    name: r.name,
    formula: r.formula,
    K: r.K,
    passed: r.passed,
    maxScaledError: null,
    valid: null,
    samples: null,
    agreeingDigits: r.agreeing_digits,
    tolerance: { digits: r.required_digits },
    failure: r.failure ?? null,
  };
}

defineWorker<VerifyJobInput, VerifyOutput, VerifyProgress>((input, ctx) => {
  const grid = input.suite === 'unary' ? UNARY_CASES : input.suite === 'binary' ? BINARY_CASES : input.suite === 'all' ? [...UNARY_CASES, ...BINARY_CASES] : [];
  const identities = input.suite === 'identities' || input.suite === 'all' ? Object.keys(PRIMITIVE_FORMULAS) : [];
  const total = grid.length + identities.length;
  let done = 0;
  let passed = 0;
  const report = (result: VerifyCaseSummary): void => {
    done++;
    if (result.passed) passed++;
    ctx.progress({ done, total, result });
  };
  for (const c of grid) {
    if (ctx.shouldStop()) return { total, passed, failed: done - passed, stopped: true };
    report(gridSummary(runCase(c, input.mode, input.semantics)));
  }
  for (const name of identities) {
    if (ctx.shouldStop()) return { total, passed, failed: done - passed, stopped: true };
    report(identitySummary(checkIdentities({ digits: input.digits, mode: input.mode, names: [name] })[0]!));
  }
  return { total, passed, failed: done - passed, stopped: false };
});
