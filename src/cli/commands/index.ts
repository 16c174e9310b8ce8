// The registry of `emlw` commands: one line per command, its summary and a loader. A command's module (its
// option spec, help text, runner and everything they import) is loaded only when that command runs, so
// `emlw --help` and each command start without parsing the rest (scripts/build-cli.mjs splits the bundle).
// To add a command: write commands/<name>.ts exporting spec, help and run, then add one line below.

import type { OptionSpec, ParsedArgs } from '../args';
import type { Io } from '../output';

export interface Command {
  spec: Record<string, OptionSpec>;
  help: string;
  /** Returns the exit code (0 ok, 1 check failed); throws UsageError/ParseError for bad input (exit 2). */
  run: (args: ParsedArgs, io: Io) => number | Promise<number>;
}

export interface CommandEntry {
  /** One line for the command list of `emlw --help`. */
  summary: string;
  /** Loads the command's module. */
  load: () => Promise<Command>;
  /** The job worker the command runs (dist/workers/<name>.mjs), started while the command loads. */
  worker?: string;
  /** The task the prestarted worker loads while the command checks its input (see prestartWorker). */
  preload?: string;
}

export const COMMANDS: Record<string, CommandEntry> = {
  compile: { summary: 'compile a formula into a pure EML tree (K, depth, LaTeX, RPN, code)', load: () => import('./compile').then((m) => ({ spec: m.compileSpec, help: m.compileHelp, run: m.runCompile })) },
  eval: { summary: 'evaluate a formula at a point (float64 or N digits), explicit semantics', load: () => import('./evaluate').then((m) => ({ spec: m.evalSpec, help: m.evalHelp, run: m.runEval })) },
  'verify-compiler': { summary: 'numerical and 40-digit checks of every compiled primitive', load: () => import('./verifyCompiler').then((m) => ({ spec: m.verifySpec, help: m.verifyHelp, run: m.runVerifyCompiler })) },
  fit: { summary: 'train master EML trees on a target, a formula or a CSV file; snap to exact formulas', load: () => import('./fit').then((m) => ({ spec: m.fitSpec, help: m.fitHelp, run: m.runFit })) },
  discover: { summary: 'find the formula behind a CSV table: exhaustive search over the data, fitted constants, Pareto front', load: () => import('./discover').then((m) => ({ spec: m.discoverSpec, help: m.discoverHelp, run: m.runDiscover })) },
  sweep: { summary: 'run the paper trainer\'s published sweep (--paper) and compare with its results', load: () => import('./sweep').then((m) => ({ spec: m.sweepSpec, help: m.sweepHelp, run: m.runSweep })) },
  recognize: { summary: 'shortest pure-EML tree of a constant or function by exhaustive search (proof of minimality)', worker: 'search', preload: 'recognize', load: () => import('./recognize').then((m) => ({ spec: m.recognizeSpec, help: m.recognizeHelp, run: m.runRecognize })) },
  shortest: { summary: 'table of minimal EML sizes of the calculator primitives beside the reference columns', worker: 'search', load: () => import('./shortest').then((m) => ({ spec: m.shortestSpec, help: m.shortestHelp, run: m.runShortest })) },
  'verify-basis': { summary: 'bootstrap the calculator from a base of primitives, with the witness chain', worker: 'search', load: () => import('./verifyBasis').then((m) => ({ spec: m.verifyBasisSpec, help: m.verifyBasisHelp, run: m.runVerifyBasis })) },
  sheffer: { summary: 'search a generation language for single operators that generate a complete calculator', worker: 'search', load: () => import('./sheffer').then((m) => ({ spec: m.shefferSpec, help: m.shefferHelp, run: m.runSheffer })) },
  worker: { summary: 'take runs of fits and sweeps started with --queue from a Redis queue and execute them here', load: () => import('./worker').then((m) => ({ spec: m.workerSpec, help: m.workerHelp, run: m.runWorkerCommand })) },
};
