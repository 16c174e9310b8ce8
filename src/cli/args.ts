// A small argument parser for `emlw`: positionals, `--flag value`, `--flag=value` and boolean flags,
// checked against each command's declared options so that a typo is an error, not a silent default.

/** Thrown for bad command-line input; the CLI prints the message on one line and exits with code 2. */
export class UsageError extends Error {}

export interface OptionSpec {
  /** Allowed values (for enumerated options). */
  readonly choices?: readonly string[];
  /** True for flags that take no value. */
  readonly boolean?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/** Returns the positionals and options of argv, validated against `spec`. */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('--') || a === '--') { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name} (see --help)`);
    if (s.boolean) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      options.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    if (s.choices && !s.choices.includes(value)) {
      throw new UsageError(`option --${name}: '${value}' is not one of ${s.choices.join(', ')}`);
    }
    options.set(name, value);
  }
  return { positionals, options };
}

/** Returns the string value of an option, or the default. */
export function option(args: ParsedArgs, name: string, fallback: string): string {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : fallback;
}

/** True when a boolean flag was given. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}
