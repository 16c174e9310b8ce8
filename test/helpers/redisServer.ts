// A real redis-server for the cluster tests: started on a free port of 127.0.0.1 with a temporary folder
// (no persistence), stopped and removed by stop(). Debian package redis-server; .ci/run installs it.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startOn(port: number, dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--loglevel', 'notice'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const onData = (b: Buffer) => {
      log += b.toString();
      if (/Ready to accept connections/.test(log)) {
        child.stdout!.off('data', onData);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => { log += b.toString(); });
    child.once('exit', (code) => reject(new Error(`redis-server on port ${port} exited with code ${code}:\n${log}`)));
    child.once('error', reject);
  });
}

/** Starts redis-server on a free port; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: install the Debian package redis-server (apt-get install redis-server)`);
  const dir = mkdtempSync(join(tmpdir(), 'emlw-redis-'));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      const child = await startOn(port, dir);
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        async stop() {
          if (child.exitCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      // another process took the port between the probe and the start: try another
      if (attempt >= 3 || !/Address already in use/.test((e as Error).message)) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
}
