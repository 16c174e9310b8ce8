// `emlw`: the command line of EML Workbench. Parses the command, runs it, maps errors to exit codes:
// 0 success, 1 a verification failed, 2 bad input (one line naming the problem and its position).

import { ParseError } from '../core/syntax';
import { type OptionSpec, UsageError, parseArgs } from './args';
import { compileHelp, compileSpec, runCompile } from './commands/compile';
import { evalHelp, evalSpec, runEval } from './commands/evaluate';
import { runVerifyCompiler, verifyHelp, verifySpec } from './commands/verifyCompiler';
import { type Io, processIo } from './output';

interface Command {
  spec: Record<string, OptionSpec>;
  help: string;
  run: (args: ReturnType<typeof parseArgs>, io: Io) => number;
}

const COMMANDS: Record<string, Command> = {
  compile: { spec: compileSpec, help: compileHelp, run: runCompile },
  eval: { spec: evalSpec, help: evalHelp, run: runEval },
  'verify-compiler': { spec: verifySpec, help: verifyHelp, run: runVerifyCompiler },
};

export const MAIN_HELP = `Usage: emlw <command> [options]

EML Workbench on the command line. eml(x, y) = exp(x) - ln(y); with the constant 1 it generates
every function of a scientific calculator.

Commands:
  compile "<formula>"      compile a formula into a pure EML tree (K, depth, LaTeX, RPN, code)
  eval "<formula>"         evaluate a formula at a point (float64 or N digits), explicit semantics
  verify-compiler          numerical and 40-digit checks of every compiled primitive

Every command takes --help and --json. Exit codes: 0 ok, 1 verification failed, 2 bad input.
`;

/** Runs the CLI with argv (without node and script); returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`emlw: error: unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  try {
    const args = parseArgs(rest, cmd.spec);
    if (args.options.get('help') === true) { io.out(cmd.help); return 0; }
    return cmd.run(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ParseError || e instanceof Error) {
      io.err(`emlw ${name}: error: ${oneLine((e as Error).message)}\n`);
      return 2;
    }
    throw e;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
