// Store failures and limits as the API reports them (the same handler table serves both hosts): a write
// that fails on a full disk is a 500 naming the file and the cause, and the change is not in the project;
// a read-only project opens with its reason in the snapshot and refuses changes with a 409; an export
// over the size limit is a 409 with the limit; jobs past the core cap are queued.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createHandlers, createServices, dispatch, type HandlerTable, type Services } from '../../src/node/api';
import { failingFs, type FailingFs } from '../helpers/failingFs';

let base: string;
let disk: FailingFs;
let services: Services;
let table: HandlerTable;
const call = (channel: string, arg?: unknown): Promise<any> => dispatch(table, channel, arg);

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-store-api-'));
  disk = failingFs();
  services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config'), fs: disk.fs, jobCores: 1 });
  table = createHandlers({ services });
});

afterEach(async () => {
  await services.close();
  await rm(base, { recursive: true, force: true });
});

describe('store failures through the API', () => {
  it('a save on a full disk is a 500 saying what was not saved; the project does not show it', async () => {
    await call('eml:project:create', { name: 'Full' });
    await call('eml:formula:save', { text: 'exp(x)', name: 'kept' });
    disk.writeError = 'ENOSPC';
    const e = await apiError(call('eml:formula:save', { text: 'ln(x)', name: 'lost' }));
    expect(e.status).toBe(500);
    expect(e.message).toMatch(/^eml:formula:save: store: could not save .*project\.json: the disk is full \(ENOSPC\)/);
    const e2 = await apiError(call('eml:formula:delete', { ids: [(await call('eml:project:current')).data.formulas[0].id] }));
    expect(e2.status).toBe(500);
    const current = await call('eml:project:current');
    expect(current.data.formulas.map((f: { name: string }) => f.name)).toEqual(['kept']);
    expect(current.readOnly).toBeNull();
  });

  it('a project whose folder cannot be written opens read-only with the reason, and refuses changes with a 409', async () => {
    const created = await call('eml:project:create', { name: 'Locked down' });
    await call('eml:formula:save', { text: 'exp(x)' });
    await call('eml:project:close');
    disk.mkdirError = 'EACCES';
    const opened = await call('eml:project:open', { path: created.path });
    expect(opened.readOnly).toMatch(/cannot be written: permission denied \(EACCES\)/);
    expect(opened.data.formulas).toHaveLength(1);
    const e = await apiError(call('eml:formula:save', { text: 'ln(x)' }));
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/is open read-only .*the change was not saved/);
    const job = await apiError(call('eml:jobs:start', { kind: 'verify', input: { suite: 'unary' } }));
    expect(job.message).toMatch(/open read-only/);
  });

  it('an export over the size limit is a 409 naming the limit, and writes nothing', async () => {
    await call('eml:project:create', { name: 'Big' });
    const big = await call('eml:formula:save', { text: 'tan(tan(tan(tan(tan(x)))))', name: 'big' });
    expect(big.compile.K).toBeGreaterThan(150_000);
    const e = await apiError(call('eml:formula:export', { ids: [big.id], format: 'bundle' }));
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/the bundle export of 1 formula\(s\) could be up to [\d.]+ MB, more than the 32\.0 MB limit/);
    const dir = (await call('eml:project:current')).path as string;
    expect(await readdir(dir)).not.toContain('exports');
  });

  it('jobs past the core cap are listed as queued, and cancelling one ends it', async () => {
    await call('eml:project:create', { name: 'Jobs' });
    const first = await call('eml:jobs:start', { kind: 'verify', input: { suite: 'identities', digits: 20 } });
    const second = await call('eml:jobs:start', { kind: 'verify', input: { suite: 'unary' } });
    expect([first.status, second.status]).toEqual(['running', 'queued']);
    expect((await call('eml:jobs:list')).map((j: { status: string }) => j.status)).toEqual(['running', 'queued']);
    const runs = (await call('eml:project:current')).data.runs;
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['running', 'queued']);
    await call('eml:jobs:cancel', { id: second.id });
    expect((await services.jobs.settled(second.id))!.status).toBe('cancelled');
    await call('eml:jobs:cancel', { id: first.id });
    expect((await services.jobs.settled(first.id))!.status).toBe('cancelled');
  });
});
