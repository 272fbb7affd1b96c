/**
 * Byte-level building blocks of the streaming reader: a hash table keyed by byte ranges
 * (accounts, objects, labels are looked up without making a string per posting), and
 * exact sums of öre that stay in safe integers until they would overflow.
 * Hand-written because the hot loop must not allocate; no library does this for Buffers.
 */
import { vy } from './crc.js';

/** Interns byte strings: the same bytes always get the same small integer id. */
export class ByteTable {
  private arena: Buffer = Buffer.alloc(1 << 12);
  private arenaVy = new DataView(this.arena.buffer, this.arena.byteOffset, this.arena.byteLength);
  private used = 0;
  private offs: Int32Array = new Int32Array(64);
  private lens: Int32Array = new Int32Array(64);
  private hashes: Int32Array = new Int32Array(64);
  private buckets: Int32Array = new Int32Array(128).fill(-1);
  size = 0;

  /** The id of buf[start, end), inserting it when new. */
  id(buf: Uint8Array, start: number, end: number): number {
    const h = hash(buf, start, end);
    const found = this.lookup(buf, start, end, h);
    return found >= 0 ? found : this.insert(buf, start, end, h);
  }

  /** The id of buf[start, end), or -1. */
  find(buf: Uint8Array, start: number, end: number): number {
    return this.lookup(buf, start, end, hash(buf, start, end));
  }

  /** The id of buf[start, end) whose `hash` is h, or -1. */
  findHash(buf: Uint8Array, start: number, end: number, h: number): number {
    return this.lookup(buf, start, end, h);
  }

  /** The bytes of an id (a view; copy it if kept). */
  key(id: number): Buffer {
    const o = this.offs[id]!;
    return this.arena.subarray(o, o + this.lens[id]!);
  }

  private lookup(buf: Uint8Array, start: number, end: number, h: number): number {
    const mask = this.buckets.length - 1;
    const len = end - start;
    for (let b = h & mask; ; b = (b + 1) & mask) {
      const id = this.buckets[b]!;
      if (id < 0) return -1;
      if (this.hashes[id] === h && this.lens[id] === len && this.same(id, buf, start, len)) return id;
    }
  }

  private same(id: number, buf: Uint8Array, start: number, len: number): boolean {
    const a = this.arena;
    const o = this.offs[id]!;
    let i = 0;
    if (len >= 4) {
      const x = this.arenaVy;
      const y = vy(buf);
      for (; i + 4 <= len; i += 4) if (x.getInt32(o + i) !== y.getInt32(start + i)) return false;
    }
    for (; i < len; i++) if (a[o + i] !== buf[start + i]) return false;
    return true;
  }

  private insert(buf: Uint8Array, start: number, end: number, h: number): number {
    const len = end - start;
    if (this.used + len > this.arena.length) {
      this.arena = grow(this.arena, this.used + len);
      this.arenaVy = new DataView(this.arena.buffer, this.arena.byteOffset, this.arena.byteLength);
    }
    this.arena.set(buf.subarray(start, end), this.used);
    const id = this.size++;
    if (id >= this.offs.length) {
      this.offs = growInt(this.offs);
      this.lens = growInt(this.lens);
      this.hashes = growInt(this.hashes);
    }
    this.offs[id] = this.used;
    this.lens[id] = len;
    this.hashes[id] = h;
    this.used += len;
    if (this.size * 2 > this.buckets.length) this.rehash();
    else this.place(id);
    return id;
  }

  private place(id: number): void {
    const mask = this.buckets.length - 1;
    let b = this.hashes[id]! & mask;
    while (this.buckets[b]! >= 0) b = (b + 1) & mask;
    this.buckets[b] = id;
  }

  private rehash(): void {
    this.buckets = new Int32Array(this.buckets.length * 2).fill(-1);
    for (let id = 0; id < this.size; id++) this.place(id);
  }
}

/** FNV-1a over a byte range. */
export function hash(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h;
}

function grow(b: Buffer, need: number): Buffer {
  const n = Buffer.alloc(Math.max(need, b.length * 2));
  b.copy(n);
  return n;
}

function growInt(a: Int32Array): Int32Array<ArrayBuffer> {
  const n = new Int32Array(a.length * 2);
  n.set(a);
  return n;
}

/**
 * Exact sums of öre per slot. Each slot adds safe integers in a double; when a sum would
 * leave the safe range it moves into a bigint, so no sum can round.
 */
export class Summor {
  private small: Float64Array = new Float64Array(64);
  private big: (bigint | undefined)[] = [];

  add(slot: number, ore: number): void {
    if (slot >= this.small.length) this.growTo(slot);
    const s = this.small[slot]! + ore;
    if (Number.isSafeInteger(s)) this.small[slot] = s;
    else {
      this.addBig(slot, BigInt(this.small[slot]!) + BigInt(ore));
      this.small[slot] = 0;
    }
  }

  addBig(slot: number, ore: bigint): void {
    if (slot >= this.small.length) this.growTo(slot);
    this.big[slot] = (this.big[slot] ?? 0n) + ore;
  }

  get(slot: number): bigint {
    if (slot >= this.small.length) return 0n;
    return BigInt(this.small[slot]!) + (this.big[slot] ?? 0n);
  }

  private growTo(slot: number): void {
    let n = this.small.length;
    while (n <= slot) n *= 2;
    const a = new Float64Array(n);
    a.set(this.small);
    this.small = a;
  }
}
