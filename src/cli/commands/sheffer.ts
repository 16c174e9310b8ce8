// `emlw sheffer`: search a generation language for unnamed operators that alone (with one constant) generate
// a complete calculator family; EML appears as `1 | Subtract[Exp[v0], Log[v1]]`.

import { FAMILIES, type ShefferProfile, type ShefferReport } from '../../core/search/sheffer';
import { describeStop } from '../../core/search/stopReason';
import type { ShefferJob } from '../../node/search/searchJob';
import { type OptionSpec, type ParsedArgs, UsageError, flag } from '../args';
import type { Io } from '../output';
import { CANCELLED_EXIT, intOption, numberOption, runSearchJob } from './recognize';

export const shefferSpec: Record<string, OptionSpec> = {
  arity: {}, profiles: {}, 'gen-k': {}, 'gen-k-const': {}, 'verify-k': {}, 'gen-const': {}, 'gen-unary': {}, 'gen-binary': {},
  families: {}, quotient: { boolean: true }, 'allow-partial-deps': { boolean: true }, 'max-candidates': {}, 'time-limit': {},
  json: { boolean: true }, quiet: { boolean: true }, help: { boolean: true },
};

export const shefferHelp = `Usage: emlw sheffer [options]

Enumerates candidate operators from a generation language (expressions in v0, v1 over seed constants and
the chosen functions, deduplicated by value) and reports every candidate base that regenerates a complete
family within --verify-k tokens, with x = EulerGamma and y = Glaisher as extra leaves.

Options:
  --arity 2                 arity of the generated operation (2 is supported)
  --profiles LIST           A: a constant with a binary (default); B: a binary alone; 0: a unary with a binary
  --gen-k N                 largest generated operation in tokens (default 5)
  --gen-k-const N           largest generated constant (default 1)
  --verify-k N              largest witness when checking a family (default 11)
  --gen-const LIST          seed constants (default 1; the reference's: 0,pi,e,i,1,-1,2)
  --gen-unary LIST          unary functions (default exp,ln)
  --gen-binary LIST         binary functions (default sub)
  --families LIST           ${Object.keys(FAMILIES).join(', ')} (default all)
  --quotient                count f(v0, v1) and f(v1, v0) once
  --allow-partial-deps      keep candidates that ignore one of v0, v1
  --max-candidates N        check at most N bases (default 100000)
  --time-limit SECONDS      stop after this long
  --json                    print the full report as JSON
`;

const list = (args: ParsedArgs, name: string): string[] | undefined => {
  const v = args.options.get(name);
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
};

/** Returns the Sheffer job described by the arguments. */
export function shefferJobFromArgs(args: ParsedArgs): ShefferJob {
  if (args.positionals.length) throw new UsageError(`sheffer takes no positional argument, got '${args.positionals[0]}'`);
  const arity = intOption(args, 'arity', 2, 1, 3);
  if (arity !== 2) throw new UsageError(`--arity ${arity} is not supported yet (only binary operations: --arity 2)`);
  const profiles = list(args, 'profiles') ?? ['A'];
  for (const p of profiles) if (!['A', 'B', '0'].includes(p)) throw new UsageError(`--profiles: unknown profile '${p}' (A, B, 0)`);
  const families = list(args, 'families');
  for (const f of families ?? []) if (!FAMILIES[f]) throw new UsageError(`--families: unknown family '${f}' (${Object.keys(FAMILIES).join(', ')})`);
  const limit = numberOption(args, 'time-limit', 0, 7 * 24 * 3600);
  const genConstants = list(args, 'gen-const'), genUnary = list(args, 'gen-unary'), genBinary = list(args, 'gen-binary');
  return {
    task: 'sheffer', profiles: profiles as ShefferProfile[], genK: intOption(args, 'gen-k', 5, 1, 9), genKConst: intOption(args, 'gen-k-const', 1, 1, 5),
    verifyK: intOption(args, 'verify-k', 11, 1, 15), quotient: flag(args, 'quotient'), requireFullDeps: !flag(args, 'allow-partial-deps'),
    maxCandidates: intOption(args, 'max-candidates', 100_000, 1, 100_000_000),
    ...(families ? { families } : {}), ...(genConstants ? { genConstants } : {}), ...(genUnary ? { genUnary } : {}), ...(genBinary ? { genBinary } : {}),
    ...(limit !== undefined ? { timeLimitMs: limit * 1000 } : {}),
  };
}

/** Returns the text report of a Sheffer search. */
export function formatShefferReport(r: ShefferReport): string {
  const lines = [
    `generation language: constants {${r.language.constants.join(', ')}}, unary {${r.language.unary.join(', ')}}, binary {${r.language.binary.join(', ')}}, gen-k ${r.genK}`,
    `pool: ${r.pool.binary} binary, ${r.pool.constants} constant, ${r.pool.unary} unary candidates; ${r.checked} bases checked (verify-k ${r.verifyK}, families ${r.families.join(', ')})`,
  ];
  for (const h of r.hits) {
    const first = h.constant !== undefined ? `const=${h.constant} | ` : h.unary !== undefined ? `unary=${h.unary} | ` : '';
    lines.push(`HIT[${h.family}] ${first}binary=${h.binary}   (${Object.entries(h.sizes).map(([m, k]) => `${m} K ${k}`).join(', ')})`);
  }
  lines.push(`${r.hits.length} hit(s); ${describeStop(r.stop)}; ${(r.ms / 1000).toFixed(2)} s`);
  return lines.join('\n') + '\n';
}

/** Runs `emlw sheffer`; returns 0 when some base generates a complete family, 1 otherwise. */
export async function runSheffer(args: ParsedArgs, io: Io): Promise<number> {
  const job = shefferJobFromArgs(args);
  const quiet = flag(args, 'quiet');
  const result = await runSearchJob(job, io, (p) => {
    if (quiet || p.task !== 'sheffer') return;
    io.err(`  ${p.progress.checked}/${p.progress.total} bases checked, ${p.progress.hits} hit(s)\n`);
  });
  if (!result) return CANCELLED_EXIT;
  if (result.task !== 'sheffer') throw new Error('search: unexpected job result');
  if (flag(args, 'json')) io.out(JSON.stringify(result.report, null, 2) + '\n');
  else io.out(formatShefferReport(result.report));
  return result.report.hits.length ? 0 : 1;
}
