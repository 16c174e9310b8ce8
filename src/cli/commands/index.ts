// The registry of `emlw` commands: one entry per command file (its option spec, help text and runner).
// To add a command: write commands/<name>.ts exporting spec, help and run, then add one line below.

import type { OptionSpec, ParsedArgs } from '../args';
import type { Io } from '../output';
import { compileHelp, compileSpec, runCompile } from './compile';
import { evalHelp, evalSpec, runEval } from './evaluate';
import { runVerifyCompiler, verifyHelp, verifySpec } from './verifyCompiler';
import { discoverHelp, discoverSpec, runDiscover } from './discover';
import { fitHelp, fitSpec, runFit } from './fit';
import { runSweep, sweepHelp, sweepSpec } from './sweep';
import { recognizeHelp, recognizeSpec, runRecognize } from './recognize';
import { runShortest, shortestHelp, shortestSpec } from './shortest';
import { runVerifyBasis, verifyBasisHelp, verifyBasisSpec } from './verifyBasis';
import { runSheffer, shefferHelp, shefferSpec } from './sheffer';
import { runWorkerCommand, workerHelp, workerSpec } from './worker';

export interface Command {
  /** One line for the command list of `emlw --help`. */
  summary: string;
  spec: Record<string, OptionSpec>;
  help: string;
  /** Returns the exit code (0 ok, 1 check failed); throws UsageError/ParseError for bad input (exit 2). */
  run: (args: ParsedArgs, io: Io) => number | Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  compile: { summary: 'compile a formula into a pure EML tree (K, depth, LaTeX, RPN, code)', spec: compileSpec, help: compileHelp, run: runCompile },
  eval: { summary: 'evaluate a formula at a point (float64 or N digits), explicit semantics', spec: evalSpec, help: evalHelp, run: runEval },
  'verify-compiler': { summary: 'numerical and 40-digit checks of every compiled primitive', spec: verifySpec, help: verifyHelp, run: runVerifyCompiler },
  fit: { summary: 'train master EML trees on a target, a formula or a CSV file; snap to exact formulas', spec: fitSpec, help: fitHelp, run: runFit },
  discover: { summary: 'find the formula behind a CSV table: exhaustive search over the data, fitted constants, Pareto front', spec: discoverSpec, help: discoverHelp, run: runDiscover },
  sweep: { summary: 'run the paper trainer\'s published sweep (--paper) and compare with its results', spec: sweepSpec, help: sweepHelp, run: runSweep },
  recognize: { summary: 'shortest pure-EML tree of a constant or function by exhaustive search (proof of minimality)', spec: recognizeSpec, help: recognizeHelp, run: runRecognize },
  shortest: { summary: 'table of minimal EML sizes of the calculator primitives beside the reference columns', spec: shortestSpec, help: shortestHelp, run: runShortest },
  'verify-basis': { summary: 'bootstrap the calculator from a base of primitives, with the witness chain', spec: verifyBasisSpec, help: verifyBasisHelp, run: runVerifyBasis },
  sheffer: { summary: 'search a generation language for single operators that generate a complete calculator', spec: shefferSpec, help: shefferHelp, run: runSheffer },
  worker: { summary: 'take runs of fits and sweeps started with --queue from a Redis queue and execute them here', spec: workerSpec, help: workerHelp, run: runWorkerCommand },
};
