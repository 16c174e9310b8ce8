// The registry of `emlw` commands: one entry per command file (its option spec, help text and runner).
// To add a command: write commands/<name>.ts exporting spec, help and run, then add one line below.

import type { OptionSpec, ParsedArgs } from '../args';
import type { Io } from '../output';
import { compileHelp, compileSpec, runCompile } from './compile';
import { evalHelp, evalSpec, runEval } from './evaluate';
import { runVerifyCompiler, verifyHelp, verifySpec } from './verifyCompiler';

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
};
