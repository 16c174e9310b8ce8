// Entry of the browser host (bundled to dist/server/main.mjs): starts the server and prints its URL.
// Usage: node dist/server/main.mjs [--port N] [--renderer-dir DIR]; runs until SIGINT/SIGTERM.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from './index';

function usageError(message: string): never {
  process.stderr.write(`eml-workbench server: ${message}\n`);
  process.stderr.write('usage: node dist/server/main.mjs [--port N] [--renderer-dir DIR]\n');
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; 'renderer-dir'?: string };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, 'renderer-dir': { type: 'string' } },
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

  const server = await startServer({ port: Number(portText), host: '127.0.0.1', rendererDir });
  process.stdout.write(`EML Workbench is running at ${server.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`eml-workbench server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
