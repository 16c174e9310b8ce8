// Types of startOptions.mjs (the script runs in plain Node; the tests import it from TypeScript).

export interface StartOptions {
  readonly help: boolean;
  readonly browser: boolean;
  readonly open: boolean;
  readonly port: number | undefined;
  readonly projectsDir: string | undefined;
  readonly configDir: string | undefined;
  readonly noSandbox: boolean;
}

export const START_USAGE: string;
export class StartUsageError extends Error {}
export function parseStartArgs(argv: readonly string[], cwd: string): StartOptions;
export function serverArgs(options: StartOptions, launchFile?: string): string[];
export function electronLaunch(options: StartOptions, env: NodeJS.ProcessEnv): { args: string[]; env: NodeJS.ProcessEnv };
export function chromiumArgs(pageUrl: string, profileDir: string, options: StartOptions): string[];
export function sandboxNotice(isRoot: boolean, options: StartOptions): string | undefined;
