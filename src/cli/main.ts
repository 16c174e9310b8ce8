// `emlw`: the command line of EML Workbench. Parses the command, runs it, maps errors to exit codes:
// 0 success, 1 a check failed, 2 bad input (one line naming the problem and its position). Only the command
// that runs is loaded (commands/index.ts).

import { UsageError, parseArgs } from './args';
import { COMMANDS } from './commands';
import { type Io, processIo } from './output';

/** The top-level help, listing every registered command. */
export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  return `Usage: emlw <command> [options]

EML Workbench on the command line. eml(x, y) = exp(x) - ln(y); with the constant 1 it generates
every function of a scientific calculator.

Commands:
${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}${c.summary}`).join('\n')}

Every command takes --help and --json. Exit codes: 0 ok, 1 a check failed, 2 bad input.
`;
}

/** Runs the CLI with argv (without node and script); returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`emlw: error: unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  // the command's job worker boots on another thread while this one loads the command and checks its input
  if (entry.worker && !rest.includes('--help')) (await import('../node/jobs/runWorker')).prestartWorker(entry.worker, entry.preload);
  const cmd = await entry.load();
  try {
    const args = parseArgs(rest, cmd.spec);
    if (args.options.get('help') === true) { io.out(cmd.help); return 0; }
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof Error) {
      io.err(`emlw ${name}: error: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    throw e;
  }
}
