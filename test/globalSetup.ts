// Builds the bundled CLI and job workers once before the tests (they run as separate threads/processes).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [resolve(__dirname, '../scripts/build-cli.mjs')], { stdio: 'inherit' });
}
