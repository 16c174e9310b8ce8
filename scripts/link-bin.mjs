// Links the `emlw` command into node_modules/.bin (runs in `prepare`, after the build), so that `npx emlw` runs
// it at once. package.json declares no "bin" on purpose: for a command of the root package's own "bin", npx
// reads the whole node_modules tree and sets the package up in its cache before it runs anything (seconds),
// while a command found in node_modules/.bin runs straight away.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, 'node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
if (process.platform === 'win32') {
  writeFileSync(join(binDir, 'emlw.cmd'), '@node "%~dp0\\..\\..\\bin\\emlw.mjs" %*\r\n');
} else {
  const link = join(binDir, 'emlw');
  rmSync(link, { force: true });
  symlinkSync('../../bin/emlw.mjs', link);
}
