// What `npm start` was asked for, and the command lines it builds from that (pure functions; start.mjs
// runs them). Options that only the browser host has (--port, --open) choose the browser host. The sandbox
// is never turned off unless --no-sandbox is given: as root, Chromium and Electron refuse to start, and the
// notice says why and what to do.

import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const START_USAGE = `usage: npm start -- [options]
  --browser            use the browser host even where the Electron app can run
  --open               open the browser host in a Chromium app window (implies --browser)
  --port N             browser host port, 1-65535 (implies --browser; default: a free port)
  --projects-dir DIR   where projects live (default: ~/EML Workbench, or $EMLW_PROJECTS_DIR)
  --config-dir DIR     where settings live (default: ~/.config/eml-workbench, or $EMLW_CONFIG_DIR)
  --no-sandbox         run Electron/Chromium without their sandbox (needed as root; not recommended)
  --help               show this help`;

/** A bad command line; the message names the option and the problem. */
export class StartUsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'StartUsageError';
  }
}

/**
 * Returns the options of `argv` (the arguments after the script). Relative folders are resolved against
 * `cwd`: the folder npm start was typed in (npm runs scripts in the package folder and says where it was
 * called from in INIT_CWD).
 */
export function parseStartArgs(argv, cwd) {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        browser: { type: 'boolean' },
        open: { type: 'boolean' },
        port: { type: 'string' },
        'projects-dir': { type: 'string' },
        'config-dir': { type: 'string' },
        'no-sandbox': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new StartUsageError(error.message);
  }
  let port;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535) {
      throw new StartUsageError(`--port must be a whole number from 1 to 65535 (got '${values.port}')`);
    }
    port = Number(values.port);
  }
  const folder = (name) => {
    const value = values[name];
    if (value === undefined) return undefined;
    if (value.trim() === '') throw new StartUsageError(`--${name} needs a folder`);
    return isAbsolute(value) ? value : resolve(cwd, value);
  };
  const open = values.open === true;
  return {
    help: values.help === true,
    browser: values.browser === true || open || port !== undefined,
    open,
    port,
    projectsDir: folder('projects-dir'),
    configDir: folder('config-dir'),
    noSandbox: values['no-sandbox'] === true,
  };
}

/** Arguments of the browser host entry (dist/server/main.mjs) after its path. */
export function serverArgs(options, launchFile) {
  const args = [];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.projectsDir !== undefined) args.push('--projects-dir', options.projectsDir);
  if (options.configDir !== undefined) args.push('--config-dir', options.configDir);
  if (launchFile !== undefined) args.push('--launch-file', launchFile);
  return args;
}

/** Arguments and environment of the Electron app (the folders travel as EMLW_PROJECTS_DIR / EMLW_CONFIG_DIR). */
export function electronLaunch(options, env) {
  const childEnv = { ...env };
  if (options.projectsDir !== undefined) childEnv.EMLW_PROJECTS_DIR = options.projectsDir;
  if (options.configDir !== undefined) childEnv.EMLW_CONFIG_DIR = options.configDir;
  return { args: ['.', ...(options.noSandbox ? ['--no-sandbox'] : [])], env: childEnv };
}

/** Arguments of the Chromium app window on `pageUrl` (the launch page: it carries no credential). */
export function chromiumArgs(pageUrl, profileDir, options) {
  return [
    `--app=${pageUrl}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    ...(options.noSandbox ? ['--no-sandbox'] : []),
  ];
}

/** What to tell a user who runs as root without --no-sandbox (Chromium and Electron then refuse to start), or undefined. */
export function sandboxNotice(isRoot, options) {
  if (!isRoot || options.noSandbox) return undefined;
  return (
    'running as root: Chromium and Electron refuse to start as root with their sandbox on, and npm start does ' +
    'not turn it off for you. Run npm start as a normal user, or add --no-sandbox (npm start -- --no-sandbox) ' +
    'if you accept running the app unsandboxed.'
  );
}
