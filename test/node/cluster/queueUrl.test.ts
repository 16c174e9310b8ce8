import { describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../../../src/node/cluster/queueUrl';

describe('parseQueueUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://lab-box', 'redis://lab-box'],
    ['rediss://h.example:6380/2', 'rediss://h.example:6380/2'],
    ['redis://:secret@h:6379', 'redis://:***@h:6379'],
    ['redis://user:secret@h:6379/0', 'redis://user:***@h:6379/0'],
  ])('parseQueueUrl(%s) accepts it and shows it as %s', (text, display) => {
    const q = parseQueueUrl(text);
    expect(q.url).toBe(text);
    expect(q.display).toBe(display);
  });

  it.each([
    ['127.0.0.1:6379', /'127\.0\.0\.1:6379' is not a URL \(expected redis:\/\/HOST:PORT/],
    ['localhost', /'localhost' is not a URL/],
    ['http://h:6379', /'http:\/\/h:6379' is not a Redis URL: the scheme is 'http'/],
    ['redis://', /'redis:\/\/' names no host/],
    ['redis://h:99999', /'redis:\/\/h:99999' is not a URL/],
    ['redis://h:6379/db', /the path must be a database number/],
    ['redis://h:6379?x=1', /has a query or fragment/],
  ])('parseQueueUrl(%s) refuses it, naming the URL', (text, re) => {
    expect(() => parseQueueUrl(text)).toThrow(re);
  });
});
