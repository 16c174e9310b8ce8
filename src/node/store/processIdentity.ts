// Which process a pid names right now. On Linux, /proc/<pid>/stat gives the process's state and its start
// time (clock ticks after boot) and /proc/sys/kernel/random/boot_id tells one boot from the next, so a
// pid that was reused by another process, and a process that exited but was never reaped (a zombie),
// are told apart from the process that once had that pid. Elsewhere only "some process has this pid" is known.

import { readFile } from 'node:fs/promises';

/** What is known about the process a pid names. */
export interface ProcessProbe {
  /** Some process (possibly a zombie) has this pid. */
  readonly alive: boolean;
  /** It has exited and waits to be reaped: it can no longer write anything. */
  readonly zombie: boolean;
  /** Its start time ("boot id/ticks"), or null where the system does not tell. */
  readonly start: string | null;
}

let bootCache: Promise<string | null> | undefined;

/** Returns this boot's id (Linux), or null. */
export function bootId(): Promise<string | null> {
  bootCache ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (s) => s.trim() || null,
    () => null,
  );
  return bootCache;
}

function killProbe(pid: number): ProcessProbe {
  try {
    process.kill(pid, 0);
    return { alive: true, zombie: false, start: null };
  } catch (e) {
    // EPERM: the process exists but belongs to another user
    return { alive: (e as NodeJS.ErrnoException).code === 'EPERM', zombie: false, start: null };
  }
}

/** Returns what the system says about `pid`: /proc where it exists, else a signal-0 probe. */
export async function probeProcess(pid: number): Promise<ProcessProbe> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return { alive: false, zombie: false, start: null };
  const boot = await bootId();
  if (boot === null) return killProbe(pid);
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ESRCH') {
      return { alive: false, zombie: false, start: null };
    }
    return killProbe(pid);
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields count from the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0] ?? '';
  const ticks = fields[19];
  return { alive: true, zombie: state === 'Z' || state === 'X', start: ticks ? `${boot}/${ticks}` : null };
}
