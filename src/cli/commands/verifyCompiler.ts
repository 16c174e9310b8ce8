// `emlw verify-compiler`: the numerical suites (unary grids, binary [−8, 8]² grid), the branch-cut suite and the
// 40-digit identity check of every compiled primitive; exit code 1 when any case fails.

import { COMPILE_MODES, type CompileMode } from '../../core/compile';
import { SEMANTICS, type Semantics } from '../../core/semantics';
import { type CutReport, runCutSuite } from '../../core/verify/cuts';
import { type IdentityReport, checkIdentities } from '../../core/verify/identities';
import { type CaseReport, runSuite } from '../../core/verify/suites';
import { type OptionSpec, type ParsedArgs, UsageError, flag, option } from '../args';
import type { Io } from '../output';

export const verifySpec: Record<string, OptionSpec> = {
  suite: { choices: ['unary', 'binary', 'cuts', 'identities', 'all'] }, mode: { choices: COMPILE_MODES },
  semantics: { choices: SEMANTICS }, digits: {}, json: { boolean: true }, help: { boolean: true },
};

export const verifyHelp = `Usage: emlw verify-compiler [--suite unary|binary|cuts|identities|all] [options]

Compiles each test case to pure EML and checks it numerically, with the reference harness's method:
  unary     21 cases on their grids (Half, Minus, Log, Exp, ..., LogisticSigmoid, x)
  binary    Plus Times Subtract Divide Power Log Avg Hypot on [-8, 8]^2, step 0.5
  cuts      every primitive with a branch cut, on the cut (zero part +0 and -0) and 1e-9 to
            each side: float evaluator, 40 digits and compiled tree (both modes, every
            semantics) must agree, and the cut must take the counter-clockwise side
  identities every primitive against its formula at 40 digits at points built from
            Euler's gamma, Glaisher's A and Catalan's G
  all       all four (default)
Per case: valid, out_of_domain, nonfinite points, worst real and imaginary error with location,
RMS errors and the ULP range. Exit code 1 if any case fails its tolerance.

Options:
  --mode paper|ieee-safe              compiler mode (default paper)
  --semantics extended|ieee|strict    evaluation semantics of the grids (default extended)
  --digits N                          digits of the identity check (default 40)
  --json                              print the full report as JSON
`;

const e = (x: number): string => (x === 0 ? '0' : x.toExponential(2));
const loc = (p: number | [number, number] | null): string => (p === null ? '-' : Array.isArray(p) ? `(${p[0]}, ${p[1]})` : String(p));

/** Runs `emlw verify-compiler`; returns the exit code. */
export function runVerifyCompiler(args: ParsedArgs, io: Io): number {
  if (args.positionals.length) throw new UsageError(`verify-compiler takes no positional argument, got '${args.positionals[0]}'`);
  const suite = option(args, 'suite', 'all');
  const mode = option(args, 'mode', 'paper') as CompileMode;
  const semantics = option(args, 'semantics', 'extended') as Semantics;
  const digits = Number(option(args, 'digits', '40'));
  if (!Number.isInteger(digits) || digits < 10 || digits > 200) throw new UsageError(`--digits must be an integer from 10 to 200`);
  const t0 = performance.now();
  const cases: CaseReport[] = suite === 'identities' || suite === 'cuts' ? [] : runSuite(suite === 'all' ? 'all' : (suite as 'unary' | 'binary'), mode, semantics);
  const cuts: CutReport[] = suite === 'cuts' || suite === 'all' ? runCutSuite() : [];
  const identities: IdentityReport[] = suite === 'identities' || suite === 'all' ? checkIdentities({ digits, mode }) : [];
  const seconds = (performance.now() - t0) / 1000;
  const failed = cases.filter((c) => !c.passed).length + cuts.filter((c) => !c.passed).length + identities.filter((c) => !c.passed).length;
  if (flag(args, 'json')) {
    io.out(JSON.stringify({ suite, mode, semantics, digits, seconds, passed: failed === 0, failed, cases, cuts, identities }, null, 2) + '\n');
    return failed ? 1 : 0;
  }
  if (cases.length) {
    io.out(`compiler mode ${mode}, grids evaluated under '${semantics}' semantics\n`);
    io.out(['case'.padEnd(16), 'K'.padStart(5), 'valid'.padStart(10), 'ood'.padStart(5), 'nonfin'.padStart(6),
      'max re err'.padStart(10), 'at'.padEnd(12), 'max im err'.padStart(10), 'at'.padEnd(12), 'ulp'.padEnd(12), 'result'].join(' ') + '\n');
    for (const c of cases) {
      io.out([c.name.padEnd(16), String(c.K).padStart(5), `${c.valid}/${c.samples - c.out_of_domain}`.padStart(10),
        String(c.out_of_domain).padStart(5), String(c.nonfinite).padStart(6), e(c.max_re_err).padStart(10), loc(c.max_re_err_at).padEnd(12),
        e(c.max_im_err).padStart(10), loc(c.max_im_err_at).padEnd(12), `${c.ulp_min ?? '-'}..${c.ulp_max ?? '-'}`.padEnd(12),
        c.passed ? 'ok' : `FAIL: ${c.failure}`].join(' ') + '\n');
    }
    const worst = cases.reduce((w, c) => (c.max_scaled_err > w.max_scaled_err ? c : w));
    io.out(`Worst scaled error: ${worst.name} ${e(worst.max_scaled_err)}\n`);
  }
  if (cuts.length) {
    io.out('branch cuts: float, 40 digits and compiled trees (paper and ieee-safe) on each cut, with +0 and -0, and beside it\n');
    for (const c of cuts) {
      io.out(`${c.name.padEnd(10)} ${c.formula.padEnd(12)} ${c.cut.padEnd(24)} points ${String(c.points).padStart(3)}  K ${c.K.paper}/${c.K['ieee-safe']}  ${c.passed ? 'ok' : `FAIL: ${c.failures[0]}`}\n`);
    }
  }
  if (identities.length) {
    io.out(`identity check at ${digits} digits (compiled form vs formula at 3 generic points)\n`);
    for (const c of identities) {
      io.out(`${c.name.padEnd(14)} K ${String(c.K).padStart(5)}  agreeing digits ${String(c.agreeing_digits).padStart(3)}  ${c.passed ? 'ok' : `FAIL: ${c.failure}`}\n`);
    }
  }
  io.out(`${failed === 0 ? 'all cases passed' : `${failed} case(s) failed`} in ${seconds.toFixed(2)} s\n`);
  return failed ? 1 : 0;
}
