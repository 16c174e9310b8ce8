// `emlw verify-basis`: bootstrap a target calculator from a base of primitives (the reference's VerifyBaseSet),
// printing the witness chain; exit 1 when some target stays out of reach.

import type { BasisCategory, BasisReport } from '../../core/search/bootstrap';
import { CALCULATOR_TARGETS, primitive } from '../../core/search/catalogue';
import { describeStop } from '../../core/search/stopReason';
import type { BasisJob } from '../../node/search/searchJob';
import { type OptionSpec, type ParsedArgs, UsageError, flag, option } from '../args';
import type { Io } from '../output';
import { CANCELLED_EXIT, intOption, numberOption, runSearchJob } from './recognize';

export const verifyBasisSpec: Record<string, OptionSpec> = {
  constants: {}, unary: {}, binary: {}, targets: { choices: ['calculator'] }, 'target-constants': {}, 'target-unary': {},
  'target-binary': {}, 'max-k': {}, explain: { boolean: true }, 'no-validate': { boolean: true }, 'branch-aware': { boolean: true },
  domain: { choices: ['complex', 'real'] }, 'time-limit': {}, 'max-nodes': {}, json: { boolean: true }, quiet: { boolean: true }, help: { boolean: true },
};

export const verifyBasisHelp = `Usage: emlw verify-basis --constants LIST --unary LIST --binary LIST [options]

Proves numerically that a base of primitives generates the target calculator (the reference's
VerifyBaseSet): searches, by code length K over the growing vocabulary, for an expression equal to a
remaining target (unary f through f(x), binary op through op(x, y), with x = EulerGamma, y = Glaisher),
adds every discovery and restarts at K = 1. Prints the witness chain (primitive, K, witness).

Options:
  --constants LIST          base constants: Pi, E, 1, -1, 2, 0, 3, I, Catalan, Khinchin or NAME=formula
  --unary LIST              base unary functions: Exp, Log, Minus, Half, Inv, Sqrt, Sqr, Cosh ... or NAME=formula in a
  --binary LIST             base binary operations: EML, Plus, Times, Subtract, Divide, Power, Log (base first),
                            Avg, Hypot ... or NAME=formula in a, b
  --targets calculator      the reference's calculator: 7 constants, 20 unary, 8 binary (default)
  --target-constants LIST, --target-unary LIST, --target-binary LIST   other targets
  --max-k N                 largest code length (default 10)
  --explain                 the reference's explain mode: witnesses validated at 8 probe pairs, targets of a
                            category tried in descending name order (as in its published EML chain)
  --no-validate             accept witnesses without validation
  --branch-aware            reject witnesses that call ArcCosh, ArcCos, ArcSin, ArcTanh off their real branch
  --domain complex|real     real: every value must be real
  --time-limit SECONDS      stop after this long
  --json                    print the full report as JSON

Examples:
  emlw verify-basis --constants 1 --binary EML --explain
  emlw verify-basis --constants Pi --unary Exp,Log,Minus --binary Plus
`;

const list = (args: ParsedArgs, name: string): string[] => {
  const v = args.options.get(name);
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
};

/** Returns the basis job described by the arguments (every name checked here). */
export function basisJobFromArgs(args: ParsedArgs): BasisJob {
  if (args.positionals.length) throw new UsageError(`verify-basis takes no positional argument, got '${args.positionals[0]}'`);
  const constants = list(args, 'constants'), unary = list(args, 'unary'), binary = list(args, 'binary');
  if (unary.length + binary.length === 0) throw new UsageError('the base needs at least one --unary or --binary primitive');
  const check = (kind: BasisCategory, names: string[], flagName: string) => {
    for (const n of names) {
      try {
        primitive(kind, n);
      } catch (e) {
        throw new UsageError(`--${flagName}: ${(e as Error).message}`);
      }
    }
  };
  check('constant', constants, 'constants'); check('unary', unary, 'unary'); check('binary', binary, 'binary');
  const custom = ['target-constants', 'target-unary', 'target-binary'].some((n) => args.options.has(n));
  const targets = custom
    ? { constant: list(args, 'target-constants'), unary: list(args, 'target-unary'), binary: list(args, 'target-binary') }
    : { constant: [...CALCULATOR_TARGETS.constant], unary: [...CALCULATOR_TARGETS.unary], binary: [...CALCULATOR_TARGETS.binary] };
  check('constant', targets.constant, 'target-constants'); check('unary', targets.unary, 'target-unary'); check('binary', targets.binary, 'target-binary');
  const limit = numberOption(args, 'time-limit', 0, 7 * 24 * 3600);
  return {
    task: 'verify-basis', constants, unary, binary, targets, maxK: intOption(args, 'max-k', 10, 1, 20),
    explain: flag(args, 'explain'), validate: !flag(args, 'no-validate'), branchAware: flag(args, 'branch-aware'),
    domain: option(args, 'domain', 'complex') as 'complex' | 'real', maxNodes: intOption(args, 'max-nodes', 8_000_000, 1000, 200_000_000),
    ...(limit !== undefined ? { timeLimitMs: limit * 1000 } : {}),
  };
}

/** Returns the text report of a basis verification. */
export function formatBasisReport(r: BasisReport, explain: boolean): string {
  const lines: string[] = [];
  const base = [...r.base.constant, ...r.base.unary, ...r.base.binary].join(', ');
  lines.push(`base {${base}}; x = EulerGamma, y = Glaisher`);
  if (explain) {
    lines.push('  #  found            kind      K  witness');
    for (const s of r.chain) lines.push(`${String(s.index).padStart(3)}  ${s.name.padEnd(16)} ${s.kind.padEnd(8)} ${String(s.K).padStart(2)}  ${s.witness}`);
    for (const j of r.rejected) lines.push(`  rejected flaky witness for ${j.name} (K ${j.K}): ${j.witness} (${j.reason})`);
  } else {
    lines.push(`found: ${r.chain.map((s) => `${s.name} ${s.K}`).join(', ')}`);
  }
  const left = [...r.remaining.constant, ...r.remaining.unary, ...r.remaining.binary];
  lines.push(r.complete
    ? `all ${r.chain.length} targets found; largest K ${r.largestK}; ${r.passes} passes; ${(r.ms / 1000).toFixed(2)} s`
    : `remaining: ${left.join(', ')} (${describeStop(r.stop)}); ${r.passes} passes; ${(r.ms / 1000).toFixed(2)} s`);
  return lines.join('\n') + '\n';
}

/** Runs `emlw verify-basis`; returns 0 when the whole calculator was bootstrapped, 1 otherwise. */
export async function runVerifyBasis(args: ParsedArgs, io: Io): Promise<number> {
  const job = basisJobFromArgs(args);
  const quiet = flag(args, 'quiet');
  const result = await runSearchJob(job, io, (p) => {
    if (quiet || p.task !== 'verify-basis' || !p.progress.found) return;
    io.err(`  found ${p.progress.found} (${p.progress.remaining} remaining, ${(p.progress.elapsedMs / 1000).toFixed(1)} s)\n`);
  });
  if (!result) return CANCELLED_EXIT;
  if (result.task !== 'verify-basis') throw new Error('search: unexpected job result');
  if (flag(args, 'json')) io.out(JSON.stringify(result.report, null, 2) + '\n');
  else io.out(formatBasisReport(result.report, job.explain ?? false));
  return result.report.complete ? 0 : 1;
}
