import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { hideQueuePassword, queueFromArgs } from '../../src/cli/queueOption';
import { parseQueueUrl } from '../../src/node/cluster/queueUrl';
import { mergeClusterReports } from '../../src/node/cluster/clusterReport';

const spec = { queue: {}, workers: {}, slots: {} };

describe('--queue', () => {
  it('queueFromArgs returns the checked address, or undefined without --queue', () => {
    expect(queueFromArgs(parseArgs(['--queue', 'redis://h:1'], spec))?.display).toBe('redis://h:1');
    expect(queueFromArgs(parseArgs([], spec))).toBeUndefined();
  });

  it('hideQueuePassword(command, queue) shows the password as *** wherever the URL appears', () => {
    const q = parseQueueUrl('redis://:pw@lab:6379');
    expect(hideQueuePassword('emlw fit --queue redis://:pw@lab:6379 --json', q)).toBe('emlw fit --queue redis://:***@lab:6379 --json');
    expect(hideQueuePassword('emlw fit', undefined)).toBe('emlw fit');
  });

  it('mergeClusterReports sums the runs of each worker over the jobs of a sweep', () => {
    expect(mergeClusterReports([
      { queue: 'redis://h:1', workers: [{ id: 'b', runs: 3 }, { id: 'a', runs: 1 }] },
      { queue: 'redis://h:1', workers: [{ id: 'c', runs: 2 }, { id: 'b', runs: 4 }] },
    ])).toEqual({ queue: 'redis://h:1', workers: [{ id: 'a', runs: 1 }, { id: 'b', runs: 7 }, { id: 'c', runs: 2 }] });
    expect(mergeClusterReports([])).toBeUndefined();
  });
});
