// Electron fuses for a packaged EML Workbench: build-time switches inside the Electron binary that turn off
// what the app never needs (running as plain Node, NODE_OPTIONS, --inspect, extra file:// privileges) and
// make it load its code only from its (integrity-checked) app.asar.
//
// They are set on the packaged binary, after packaging: `node scripts/fuses.mjs PATH/TO/PACKAGED/BINARY`
// (`--check` only reports). This repository does not package the app (electron-vite build writes out/, and
// npm start runs the development binary from node_modules/electron, which needs RunAsNode for its start-up
// probe and loads the unpacked app), so the script refuses that binary; whoever packages the app runs it on
// the result. The packaged app must then be an app.asar (with integrity data on macOS and Windows).

import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The fuse settings of a packaged app: every fuse of wire version 1 named, with why. */
export const FUSE_CONFIG = Object.freeze({
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node that runs any script
  [FuseV1Options.RunAsNode]: false,
  // cookies and other session data encrypted at rest with the OS key store
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let the environment or a command line inject code into the main process
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // the app's code comes only from app.asar, checked against its integrity data (macOS and Windows)
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // the page loads from app://, so file:// needs none of its historical extra privileges
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  resetAdHocDarwinSignature: process.platform === 'darwin',
});

/** Why `binary` must not get the fuses (missing, not a file, or the development binary), or undefined. */
export function fuseRefusal(binary) {
  if (!existsSync(binary)) return `${binary}: no such file`;
  if (!statSync(binary).isFile() && !binary.endsWith('.app')) return `${binary}: not a file (give the packaged app's executable)`;
  const real = realpathSync(binary);
  const devDir = join(root, 'node_modules', 'electron');
  const devReal = existsSync(devDir) ? realpathSync(devDir) : devDir;
  if (real.startsWith(devReal + sep)) {
    return `${binary} is the development Electron that npm start runs; fuses belong on a packaged app (see the top of scripts/fuses.mjs)`;
  }
  return undefined;
}

/** Returns the configured fuses whose state in `binary` differs from FUSE_CONFIG, as readable lines. */
export async function fuseMismatches(binary) {
  const wire = await getCurrentFuseWire(binary);
  const lines = [];
  for (const [key, want] of Object.entries(FUSE_CONFIG)) {
    const index = Number(key);
    if (!Number.isInteger(index)) continue;
    const state = wire[index];
    const on = state === 49; // FuseState.ENABLE ('1')
    const off = state === 48; // FuseState.DISABLE ('0')
    if ((want && !on) || (!want && !off)) lines.push(`${FuseV1Options[index]} should be ${want ? 'on' : 'off'}`);
  }
  return lines;
}

async function main(argv) {
  const check = argv.includes('--check');
  const paths = argv.filter((a) => a !== '--check');
  if (paths.length !== 1 || paths[0].startsWith('-')) {
    process.stderr.write('usage: node scripts/fuses.mjs PATH/TO/PACKAGED/BINARY [--check]\n');
    return 2;
  }
  const binary = resolve(paths[0]);
  const refusal = fuseRefusal(binary);
  if (refusal) {
    process.stderr.write(`fuses: ${refusal}\n`);
    return 2;
  }
  try {
    if (!check) await flipFuses(binary, FUSE_CONFIG);
    const wrong = await fuseMismatches(binary);
    if (wrong.length > 0) {
      process.stderr.write(`fuses: ${binary}: ${wrong.join('; ')}\n`);
      return 1;
    }
  } catch (error) {
    process.stderr.write(`fuses: ${binary}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`fuses: ${binary}: ${check ? 'fuses are set as configured' : 'fuses set and checked'}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
