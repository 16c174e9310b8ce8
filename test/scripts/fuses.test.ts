// Electron fuses (scripts/fuses.mjs): the configuration names every wire-version-1 fuse with the hardened
// value, and the script sets exactly those bytes on a packaged binary - here a stand-in file holding a fuse
// wire as Electron lays it out (sentinel, version, length, one '0'/'1' byte per fuse) - and refuses the
// development binary npm start runs.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSE_CONFIG, fuseRefusal } from '../../scripts/fuses.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'scripts/fuses.mjs');
/** The marker Electron puts in front of its fuse wire (the same in every Electron since 12). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;

/** Bytes of a stand-in binary: filler, the sentinel, wire version 1, `states.length` fuses, filler. */
function fakeBinary(states: number[]): Buffer {
  const filler = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256));
  return Buffer.concat([filler, Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, states.length, ...states]), filler]);
}

describe('Electron fuses', () => {
  let base: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'eml-fuses-'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('configures every version-1 fuse: no Node mode, NODE_OPTIONS or inspector, asar only, no file:// extras', () => {
    expect(FUSE_CONFIG.version).toBe(FuseVersion.V1);
    const config = FUSE_CONFIG as unknown as Record<number, boolean>;
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(false);
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    const named = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    expect(named.every((i) => typeof config[i] === 'boolean')).toBe(true);
  });

  it('sets those fuses on a packaged binary, leaves a newer fuse and every other byte alone, and --check confirms', async () => {
    const file = join(base, 'eml-workbench');
    const before = fakeBinary([ON, ON, ON, ON, OFF, OFF, OFF, ON, ON]); // Electron's defaults, plus a ninth fuse
    await writeFile(file, before);
    expect(spawnSync(process.execPath, [script, file, '--check']).status).toBe(1);
    execFileSync(process.execPath, [script, file]);
    const wire = (await getCurrentFuseWire(file)) as unknown as Record<number, number>;
    const config = FUSE_CONFIG as unknown as Record<number, boolean>;
    for (let i = 0; i < 8; i++) expect(wire[i], FuseV1Options[i]).toBe(config[i] ? ON : OFF);
    expect(wire[8]).toBe(ON);
    const after = await readFile(file);
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    const first = 64 + SENTINEL.length + 2;
    expect(changed).toEqual([first + 0, first + 2, first + 3, first + 4, first + 5, first + 7]);
    expect(spawnSync(process.execPath, [script, file, '--check']).status).toBe(0);
  });

  it('refuses the development binary, missing files and files without a fuse wire', async () => {
    expect(fuseRefusal(join(root, 'node_modules', 'electron', 'cli.js'))).toMatch(/development Electron that npm start runs/);
    const missing = spawnSync(process.execPath, [script, join(base, 'nope')], { encoding: 'utf8' });
    expect([missing.status, missing.stderr]).toEqual([2, `fuses: ${join(base, 'nope')}: no such file\n`]);
    const plain = join(base, 'plain');
    await writeFile(plain, 'not electron');
    const noWire = spawnSync(process.execPath, [script, plain], { encoding: 'utf8' });
    expect(noWire.status).toBe(1);
    expect(noWire.stderr).toMatch(/Could not find sentinel/);
    expect(await readFile(plain, 'utf8')).toBe('not electron');
    expect(spawnSync(process.execPath, [script], { encoding: 'utf8' }).status).toBe(2);
  });
});
