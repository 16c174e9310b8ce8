// The stored levels of an enumeration: for every size K, the distinct values found at K, as one or more
// segments (one per shard) of flat typed arrays — per node its features (stride doubles), its operator code
// and the global ids of its children. Invariant: ids are dense, level by level and segment by segment, so
// the children of a node always have smaller ids than the node (a postfix order across the whole store).

import { type Expr } from '../expr';
import type { CompiledLanguage } from './compiledLanguage';
import { applyOperator } from './language';

/** One shard's part of one level. */
export interface Segment {
  readonly count: number;
  /** count × stride doubles (see CompiledLanguage.features). */
  readonly features: Float64Array;
  /** Node code: leaf index, then unary, then binary operators (CompiledLanguage). */
  readonly code: Uint16Array;
  /** Global ids of the children (−1 when absent). */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Bit i set when the node depends on probe variable i. */
  readonly deps: Uint8Array;
}

/** Allocates the backing memory of a finished segment (an ArrayBuffer, or a SharedArrayBuffer to share it). */
export type BufferAllocator = (bytes: number) => ArrayBufferLike;

export const localAllocator: BufferAllocator = (bytes) => new ArrayBuffer(bytes);

/** Bytes per node of a segment with the given stride. */
export function bytesPerNode(stride: number): number {
  return 8 * stride + 2 + 4 + 4 + 1;
}

/** Largest chunk of a segment under construction, in nodes (chunks start small and double up to this). */
const MAX_CHUNK = 1 << 16;

/** Capacity of a builder's first chunk for a size hint. */
function firstCapacity(hint: number): number {
  return Math.min(MAX_CHUNK, Math.max(16, Math.ceil(hint)));
}

/** Returns the bytes of the chunks a SegmentBuilder started with `firstChunk` fills with `rows` nodes. */
export function builderBytes(rows: number, stride: number, firstChunk: number): number {
  let nodes = 0;
  for (let cap = firstCapacity(firstChunk); nodes < rows; cap = Math.min(MAX_CHUNK, 2 * cap)) nodes += cap;
  return nodes * bytesPerNode(stride);
}

/** Returns a segment of `count` nodes over the arrays (every segment is built here: one object shape for the loops). */
export function segmentOf(count: number, features: Float64Array, code: Uint16Array, left: Int32Array, right: Int32Array, deps: Uint8Array): Segment {
  return { count, features, code, left, right, deps };
}

/** Returns nodes [from, to) of a segment as a segment (views of its arrays, no copy). */
export function segmentView(s: Segment, from: number, to: number, stride: number): Segment {
  return segmentOf(to - from, s.features.subarray(from * stride, to * stride), s.code.subarray(from, to), s.left.subarray(from, to),
    s.right.subarray(from, to), s.deps.subarray(from, to));
}

/** Returns an empty segment (count 0) with room for `capacity` nodes, all its arrays in one allocated buffer. */
function allocateSegment(stride: number, capacity: number, allocate: BufferAllocator): Segment {
  const fBytes = 8 * stride * capacity, iBytes = 4 * capacity;
  const buf = allocate(fBytes + 2 * iBytes + 2 * capacity + capacity);
  return segmentOf(0, new Float64Array(buf, 0, stride * capacity), new Uint16Array(buf, fBytes + 2 * iBytes, capacity),
    new Int32Array(buf, fBytes, capacity), new Int32Array(buf, fBytes + iBytes, capacity), new Uint8Array(buf, fBytes + 2 * iBytes + 2 * capacity, capacity));
}

/**
 * A segment under construction (one shard, one level), written in chunks that are never copied: fresh memory
 * is expensive to touch, so a finished level is exactly the chunks it filled (the last one partly).
 */
export class SegmentBuilder {
  private readonly done: Segment[] = [];
  private chunk: Segment;
  private capacity: number;
  /** Nodes in the current chunk. */
  private n = 0;
  private total = 0;
  private byteCount = 0;

  constructor(readonly stride: number, private readonly allocate: BufferAllocator = localAllocator, firstChunk = 1024) {
    this.capacity = firstCapacity(firstChunk);
    this.chunk = this.newChunk(this.capacity);
  }

  /** Returns the number of nodes pushed. */
  get count(): number {
    return this.total;
  }

  /** Returns the bytes held by the builder's chunks. */
  get bytes(): number {
    return this.byteCount;
  }

  /** The features array of the current chunk and the row offset of its next node (written by the caller after push). */
  get features(): Float64Array {
    return this.chunk.features;
  }

  /** Appends a node; returns its row offset in `features` (valid until the next push). */
  push(code: number, left: number, right: number, deps: number): number {
    if (this.n === this.capacity) {
      this.done.push(this.filled());
      this.capacity = Math.min(MAX_CHUNK, this.capacity * 2);
      this.chunk = this.newChunk(this.capacity);
      this.n = 0;
    }
    const i = this.n++;
    this.total++;
    const c = this.chunk;
    c.code[i] = code;
    c.left[i] = left;
    c.right[i] = right;
    c.deps[i] = deps;
    return i * this.stride;
  }

  private newChunk(capacity: number): Segment {
    const chunk = allocateSegment(this.stride, capacity, this.allocate);
    this.byteCount += chunk.features.buffer.byteLength;
    return chunk;
  }

  private filled(): Segment {
    const c = this.chunk;
    return segmentOf(this.n, c.features, c.code, c.left, c.right, c.deps);
  }

  /** Returns the finished chunks (empty when no node was pushed). */
  finish(): Segment[] {
    const out = [...this.done];
    if (this.n > 0) out.push(this.filled());
    return out;
  }
}

/** The nodes of one size K. */
export interface Level {
  readonly K: number;
  /** Global id of the first node of the level. */
  readonly base: number;
  readonly count: number;
  readonly segments: readonly Segment[];
  /** Global id of the first node of each segment. */
  readonly offsets: readonly number[];
}

/** All stored levels of an enumeration. */
export class LevelStore {
  private readonly levels: Array<Level | undefined> = [];
  private total = 0;
  private byteCount = 0;

  constructor(readonly stride: number) {}

  /** Returns the number of stored nodes. */
  get size(): number {
    return this.total;
  }

  /** Returns the bytes held by the stored segments (the buffers they view, each once). */
  get bytes(): number {
    return this.byteCount;
  }

  /** Returns the largest K with a stored level (0 when none). */
  get maxK(): number {
    return Math.max(0, this.levels.length - 1);
  }

  /** Stores level K from its segments (in shard order); ids continue after the previous levels. */
  addLevel(K: number, segments: readonly Segment[]): Level {
    if (this.levels[K]) throw new Error(`search: level ${K} is already stored`);
    const offsets: number[] = [];
    let id = this.total;
    // segments may be views of one buffer (levelSlice.ts): count each buffer once
    const buffers = new Set<ArrayBufferLike>();
    for (const s of segments) {
      offsets.push(id);
      id += s.count;
      if (!buffers.has(s.features.buffer)) { buffers.add(s.features.buffer); this.byteCount += s.features.buffer.byteLength; }
    }
    const level: Level = { K, base: this.total, count: id - this.total, segments, offsets };
    this.levels[K] = level;
    this.total = id;
    return level;
  }

  /** Returns level K (empty when not stored). */
  level(K: number): Level {
    return this.levels[K] ?? { K, base: this.total, count: 0, segments: [], offsets: [] };
  }

  /** True when level K has been stored. */
  has(K: number): boolean {
    return this.levels[K] !== undefined;
  }

  /** Returns the size K of the level holding node `id`. */
  sizeOf(id: number): number {
    if (!(id >= 0 && id < this.total)) throw new Error(`search: no stored node ${id}`);
    // levels are in id order: binary search over the stored sizes
    let lo = 1, hi = this.levels.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const l = this.levels[mid];
      if (l && l.base > id) hi = mid - 1;
      else lo = mid;
    }
    while (lo > 0 && !(this.levels[lo] && id < this.levels[lo]!.base + this.levels[lo]!.count)) lo--;
    return lo;
  }

  /** After find(id): the segment holding the node and its index there. */
  foundSegment: Segment | null = null;
  foundIndex = -1;

  /** Sets foundSegment and foundIndex to the place of node `id` (no allocation). */
  find(id: number): void {
    const l = this.levels[this.sizeOf(id)]!;
    let lo = 0, hi = l.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (l.offsets[mid]! > id) hi = mid - 1;
      else lo = mid;
    }
    this.foundSegment = l.segments[lo]!;
    this.foundIndex = id - l.offsets[lo]!;
  }

  /** Returns [segment, local index] of node `id`. */
  locate(id: number): [Segment, number] {
    this.find(id);
    return [this.foundSegment!, this.foundIndex];
  }

  /** Returns the expression of node `id` (shared subtrees are shared objects). */
  toExpr(id: number, lang: CompiledLanguage, memo: Map<number, Expr> = new Map()): Expr {
    const hit = memo.get(id);
    if (hit) return hit;
    const [seg, i] = this.locate(id);
    const code = seg.code[i]!;
    const leaves = lang.language.leaves;
    let out: Expr;
    if (code < leaves.length) out = leaves[code]!.expr;
    else if (code < leaves.length + lang.unary.length) {
      out = applyOperator(lang.unary[code - leaves.length]!.operator, [this.toExpr(seg.left[i]!, lang, memo)]);
    } else {
      const b = lang.binary[code - leaves.length - lang.unary.length]!;
      out = applyOperator(b.operator, [this.toExpr(seg.left[i]!, lang, memo), this.toExpr(seg.right[i]!, lang, memo)]);
    }
    memo.set(id, out);
    return out;
  }
}
