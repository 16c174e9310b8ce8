// Entry of the browser host (bundled to dist/server/main.mjs): creates the shared services, starts the
// server and prints its URL. Runs until SIGINT/SIGTERM, then cancels running jobs (their runs are recorded
// as cancelled) and closes every project before it exits.
// Usage: node dist/server/main.mjs [--port N] [--renderer-dir DIR] [--projects-dir DIR] [--config-dir DIR]
//        [--launch-file FILE]   (writes a page that opens one session, for a browser launched by npm start)

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServices, defaultDirs } from '../node/api';
import { startServer } from './index';
import { writeLaunchPage } from './launchPage';

const USAGE =
  'usage: node dist/server/main.mjs [--port N] [--renderer-dir DIR] [--projects-dir DIR] [--config-dir DIR] [--launch-file FILE]';

function usageError(message: string): never {
  process.stderr.write(`eml-workbench server: ${message}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; 'renderer-dir'?: string; 'projects-dir'?: string; 'config-dir'?: string; 'launch-file'?: string };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'renderer-dir': { type: 'string' },
        'projects-dir': { type: 'string' },
        'config-dir': { type: 'string' },
        'launch-file': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usageError((error as Error).message);
  }
  const portText = values.port ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) usageError(`invalid --port ${portText}`);

  // dist/server/main.mjs -> <repo>/out/renderer
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = resolve(values['renderer-dir'] ?? join(here, '../../out/renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    usageError(`no built renderer at ${rendererDir} (run: npx electron-vite build)`);
  }
  const dirs = defaultDirs();
  const projectsDir = resolve(values['projects-dir'] ?? dirs.projectsDir);
  const configDir = resolve(values['config-dir'] ?? dirs.configDir);

  const services = createServices({ projectsDir, configDir });
  const server = await startServer({ port: Number(portText), host: '127.0.0.1', rendererDir, services });
  process.stderr.write(`eml-workbench server: projects in ${projectsDir}\n`);
  const launchFile = values['launch-file'];
  if (launchFile !== undefined) await writeLaunchPage(resolve(launchFile), server.launchUrl());
  process.stdout.write(`EML Workbench is running at ${server.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    Promise.all([server.close(), services.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`eml-workbench server: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`eml-workbench server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
