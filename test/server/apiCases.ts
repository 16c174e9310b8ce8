// Malformed arguments for every API channel, shared by the handler tests (test/server/api.test.ts) and
// the Electron main-process tests (test/main/main.test.ts): each must be refused with a message that
// names the channel, before any service runs.

import type { Channel } from '../../src/shared/api';

const long = (n: number): string => 'x'.repeat(n);

/** Per channel: arguments the handler must refuse, and a pattern its message must match. */
export const BAD_ARGUMENTS: Readonly<Record<Channel, ReadonlyArray<readonly [unknown, RegExp]>>> = {
  'eml:version': [
    [1, /takes no argument/],
    [{ a: 1 }, /takes no argument/],
  ],
  'eml:ping': [
    [42, /must be an object/],
    [{ message: 1 }, /message must be a string/],
    [{ message: long(257) }, /at most 256/],
  ],
  'eml:workspace:get': [
    ['x', /takes no argument/],
    [[1], /takes no argument/],
  ],
  'eml:project:create': [
    [undefined, /must be an object like \{ name: string \}/],
    [{ name: 1 }, /name must be a string/],
    [{ name: '' }, /name must not be empty/],
    [{ name: '   ' }, /name must not be blank/],
    [{ name: long(121) }, /name must be at most 120 characters/],
    [{ name: 'a\u2028b' }, /name must be one line of printable text, but character 2 is U\+2028 \(line separator\)/],
    [{ name: 'a\tb' }, /name must be one line of printable text, but character 2 is U\+0009 \(tab\)/],
    [{ name: 'ok', extra: true }, /unknown field "extra"/],
  ],
  'eml:project:open': [
    [{}, /path must be a string/],
    [{ path: 'relative/p.emlw' }, /path must be an absolute path/],
    [{ path: '/a\u0000b' }, /NUL/],
    [{ path: long(5000) }, /at most 4096/],
  ],
  'eml:project:current': [[true, /takes no argument/]],
  'eml:project:close': [[7, /takes no argument/]],
  'eml:project:rename': [
    [{ path: '/p.emlw' }, /name must be a string/],
    [{ path: '/p.emlw', name: ' ' }, /name must not be blank/],
    [{ path: '/p.emlw', name: 'a\nprint(1)' }, /name must be one line of printable text, but character 2 is U\+000A \(line feed\)/],
    [{ path: 'p', name: 'n' }, /absolute path/],
  ],
  'eml:project:delete': [
    [null, /must be an object/],
    [{ path: 'rel' }, /absolute path/],
  ],
  'eml:compile': [
    ['sin(x)', /must be an object/],
    [{}, /text must be a string/],
    [{ text: '' }, /text must not be empty/],
    [{ text: 'x', syntax: 'latex' }, /syntax must be one of infix, mathematica/],
    [{ text: 'x', mode: 'fast' }, /mode must be one of paper, ieee-safe/],
    [{ text: 'x', prefer: 'short' }, /prefer must be one of robust, shortest/],
    [{ text: long(10_001) }, /text must be at most 10000 characters/],
  ],
  'eml:compile:primitives': [
    [5, /must be an object/],
    [{ mode: 'x' }, /mode must be one of/],
    [{ depth: 2 }, /unknown field "depth"/],
  ],
  'eml:formula:save': [
    [{}, /text must be a string/],
    [{ text: 'x', tags: 'trig' }, /tags must be an array of strings/],
    [{ text: 'x', tags: [1] }, /tags\[0\] must be a string/],
    [{ text: 'x', tags: [' '] }, /tags\[0\] must have 1 to 40 characters/],
    [{ text: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /tags must have at most 20 items/],
    [{ text: 'x', notes: 5 }, /notes must be a string/],
    [{ text: 'x', name: 'a\nimport os' }, /name must be one line of printable text, but character 2 is U\+000A \(line feed\)/],
    [{ text: 'x', name: long(121) }, /name must be at most 120 characters/],
    [{ text: 'x', tags: ['ok', 'ok', 'a\u0000'] }, /tags\[2\] must be one line of printable text, but character 2 is U\+0000 \(NUL\)/],
  ],
  'eml:formula:update': [
    [{}, /id must be a string/],
    [{ id: 'a', name: '' }, /name must not be blank/],
    [{ id: 'a', name: 'x *) \u202e' }, /name must be one line of printable text, but character 6 is U\+202E \(a bidirectional-text control\)/],
    [{ id: 'a', tags: ['a\u2029b'] }, /tags\[0\] must be one line of printable text, but character 2 is U\+2029 \(paragraph separator\)/],
    [{ id: 'a', tags: [long(41)] }, /tags\[0\] must have 1 to 40 characters/],
  ],
  'eml:formula:delete': [
    [{}, /ids must be an array of strings/],
    [{ ids: [3] }, /ids\[0\] must be a string/],
  ],
  'eml:formula:export': [
    [{ ids: ['a'] }, /format must be one of latex, mathematica, sympy, js, c, python, rpn, bundle/],
    [{ ids: [], format: 'latex' }, /ids must name at least one formula/],
    [{ ids: ['a'], format: 'pdf' }, /format must be one of/],
  ],
  'eml:jobs:list': [[{ all: true }, /takes no argument/]],
  'eml:jobs:start': [
    [{}, /kind must be one of verify/],
    [{ kind: 'compile', input: {} }, /kind must be one of verify/],
    [{ kind: 'train', input: 3 }, /input must be an object like \{ source, depth/],
    [{ kind: 'train', input: { source: { kind: 'target', name: 'eml_depth9' }, depth: 2 } }, /input\.source\.name must be one of eml_depth2/],
    [{ kind: 'train', input: { source: { kind: 'target', name: 'eml_depth2' }, depth: 40 } }, /input\.depth must be an integer from 1 to 6/],
    [{ kind: 'train', input: { source: { kind: 'target', name: 'eml_depth2' }, depth: 2, seeds: 1000 } }, /input\.seeds must be an integer from 1 to 256/],
    [{ kind: 'train', input: { source: { kind: 'formula', text: 'x +' }, depth: 2 } }, /input\.source\.text is not a formula/],
    [{ kind: 'discover', input: 'x*y' }, /the discover input must be an object like \{ datasetId, x, y/],
    [{ kind: 'discover', input: { datasetId: 'd', x: [], y: 'f' } }, /choose at least one input column \(input\.x\)/],
    [{ kind: 'discover', input: { datasetId: 'd', x: ['x'], y: 'f', timeLimitS: 0 } }, /the time limit must be more than 0 seconds, got 0 \(input\.timeLimitS\)/],
    [{ kind: 'discover', input: { datasetId: 'd', x: ['x'], y: 'x' } }, /column 'x' cannot be both an input and the target \(input\.y\)/],
    [{ kind: 'discover', input: { datasetId: 'd', x: ['x'], y: 'f', noise: { kind: 'given', sigma: -1 } } }, /the noise level σ must be a finite number ≥ 0, got -1 \(input\.noise\.sigma\)/],
    [{ kind: 'verify', input: 3 }, /must be an object like \{ suite, mode, semantics, digits \}/],
    [{ kind: 'verify', input: { suite: 'everything' } }, /suite must be one of unary, binary, identities, all/],
    [{ kind: 'verify', input: { suite: 'all', digits: 5 } }, /digits must be an integer from 10 to 200/],
    [{ kind: 'verify', input: { suite: 'all', digits: 10.5 } }, /digits must be an integer from 10 to 200/],
    [{ kind: 'verify', input: { suite: 'all', semantics: 'loose' } }, /semantics must be one of ieee, extended, strict/],
  ],
  'eml:jobs:cancel': [
    [{}, /id must be a string/],
    [{ id: 3 }, /id must be a string/],
  ],
  'eml:dataset:import': [
    [undefined, /must be an object like \{ fileName: string, text: string/],
    [{ fileName: 'a.csv' }, /text must be a string/],
    [{ fileName: '', text: 'x,y' }, /fileName must not be empty/],
    [{ fileName: 'a.csv', text: 'x'.repeat(900_001) }, /text must be at most 900000 characters/],
    [{ fileName: 'a.csv', text: 'x,y', sheet: 1 }, /unknown field "sheet"/],
  ],
  'eml:cluster:get': [
    [1, /takes no argument/],
    [{ queue: 'redis://h' }, /takes no argument/],
  ],
  'eml:cluster:set': [
    [undefined, /must be an object like \{ queue: string \| null \}/],
    [{ queue: 5 }, /queue must be a string/],
    [{ queue: 'http://h:1' }, /queue 'http:\/\/h:1' is not a Redis URL: the scheme is 'http'/],
    [{ queue: 'redis://h:1/x' }, /the path must be a database number/],
    [{ queue: 'redis://h', x: 1 }, /unknown field "x"/],
  ],
  'eml:train:curves': [
    [{}, /runId must be a string/],
    [{ runId: '' }, /runId must not be empty/],
    [{ runId: 'r', seed: 1 }, /unknown field "seed"/],
  ],
  'eml:search:save': [
    [undefined, /must be an object like \{ runId: string/],
    [{}, /runId must be a string/],
    [{ runId: '' }, /runId must not be empty/],
    [{ runId: 'r', index: -1 }, /index must be an integer from 0 to 1000/],
    [{ runId: 'r', index: 1.5 }, /index must be an integer from 0 to 1000/],
    [{ runId: 'r', name: 7 }, /name must be a string/],
    [{ runId: 'r', name: 'a\rb' }, /name must be one line of printable text, but character 2 is U\+000D \(carriage return\)/],
    [{ runId: 'r', hit: 0 }, /unknown field "hit"/],
  ],
  'eml:train:save': [
    [undefined, /must be an object like \{ runId: string, index: number/],
    [{ runId: 'r' }, /index must be an integer from 0 to 100000/],
    [{ runId: 'r', index: -1 }, /index must be an integer from 0 to 100000/],
    [{ runId: 'r', index: 0, name: 'a\nb' }, /name must be one line of printable text/],
    [{ runId: 'r', index: 0, seed: 1 }, /unknown field "seed"/],
  ],
  'eml:discover:save': [
    [7, /must be an object like \{ runId: string, eml: string/],
    [{ runId: 'r' }, /eml must be a string/],
    [{ runId: 'r', eml: '' }, /eml must not be empty/],
    [{ runId: 'r', eml: 'eml(x, 1)', index: 0 }, /unknown field "index"/],
  ],
  'eml:run:data': [
    [{}, /runId must be a string/],
    [{ runId: '' }, /runId must not be empty/],
  ],
  'eml:dataset:data': [
    [{}, /datasetId must be a string/],
    [{ datasetId: 'd', rows: 5 }, /unknown field "rows"/],
  ],
};
