// Builds, once before the tests, what runs outside the test process: the bundled CLI and job workers
// (threads/processes), and the renderer plus browser host that the UI tests drive (a stale build would
// test old code).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(__dirname, '..');
  execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  const require = createRequire(join(root, 'package.json'));
  const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (!existsSync(join(root, 'out/renderer/index.html'))) throw new Error('electron-vite build did not produce out/renderer/index.html');
}
