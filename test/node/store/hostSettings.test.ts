// Host settings (settings.json in the configuration folder): defaults when missing, written atomically and
// read back by a new host, and a corrupt, foreign or newer file is reported naming the file and never
// overwritten.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostSettings, SETTINGS_FILE } from '../../../src/node/store/hostSettings';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eml-settings-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HostSettings', () => {
  it('cluster() is { queue: null } while there is no settings file', async () => {
    expect(await new HostSettings(join(dir, 'missing')).cluster()).toEqual({ queue: null });
  });

  it('setQueue(url) writes settings.json, which a new host reads back; setQueue(null) clears it', async () => {
    await new HostSettings(join(dir, 'config')).setQueue('redis://lab:6379');
    const again = new HostSettings(join(dir, 'config'));
    expect(await again.cluster()).toEqual({ queue: 'redis://lab:6379' });
    expect(JSON.parse(await readFile(join(dir, 'config', SETTINGS_FILE), 'utf8'))).toEqual({ schema: 'eml-workbench/settings', version: 1, queue: 'redis://lab:6379' });
    await again.setQueue(null);
    expect(await new HostSettings(join(dir, 'config')).cluster()).toEqual({ queue: null });
  });

  it.each([
    ['not JSON', '{ "schema": ', /settings\.json is not JSON .*left untouched/],
    ['a foreign file', '{ "hello": 1 }', /settings\.json is not a settings file of EML Workbench; it was left untouched/],
    ['a newer version', '{ "schema": "eml-workbench/settings", "version": 2, "queue": null }', /settings version 2, this version reads 1/],
    ['a bad field', '{ "schema": "eml-workbench/settings", "version": 1, "queue": 5 }', /\$\.queue must be a string or null/],
  ])('a settings file that is %s is reported and never overwritten', async (_name, text, re) => {
    await writeFile(join(dir, SETTINGS_FILE), text);
    const s = new HostSettings(dir);
    await expect(s.cluster()).rejects.toThrow(re);
    await expect(s.setQueue('redis://h:1')).rejects.toThrow(re);
    expect(await readFile(join(dir, SETTINGS_FILE), 'utf8')).toBe(text);
  });

  it('a settings.json that is a FIFO is refused at once, and a failed write leaves no temporary file', async () => {
    execFileSync('mkfifo', [join(dir, SETTINGS_FILE)]);
    await expect(new HostSettings(dir).cluster()).rejects.toThrow(/settings\.json cannot be read .*is a FIFO, not a regular file/);
    await rm(join(dir, SETTINGS_FILE));
    // a folder in the file's place makes the final rename fail
    const s = new HostSettings(dir);
    expect(await s.cluster()).toEqual({ queue: null });
    await mkdir(join(dir, SETTINGS_FILE));
    await writeFile(join(dir, SETTINGS_FILE, 'keep'), '');
    await expect(s.setQueue('redis://h:1')).rejects.toThrow(/cannot be written/);
    expect(await s.cluster()).toEqual({ queue: null });
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
