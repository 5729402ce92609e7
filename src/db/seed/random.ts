/**
 * A small seeded pseudo-random generator (mulberry32) for demo data. The same seed gives the same data on
 * every machine, which Math.random cannot. Every customer draws from its own stream, derived from the run's
 * seed and the customer's position, so a customer's data does not depend on the batch size or on how many
 * customers come before it.
 */

/** 32-bit avalanche mix (the murmur3 finaliser): nearby inputs give unrelated outputs. */
export function mix32(value: number): number {
  let mixed = value >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b) >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35) >>> 0;
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/** A stream seed for one purpose (`stream`) and one item (`index`) of a run seeded with `seed`. */
export function streamSeed(seed: number, stream: number, index: number): number {
  return mix32(mix32(mix32(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) ^ index);
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next unsigned 32-bit value (mulberry32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return (value ^ (value >>> 14)) >>> 0;
  }

  /** A fraction in [0, 1): used only for choices and shapes, never for stored amounts. */
  fraction(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [minimum, maximum], both included. */
  integer(minimum: number, maximum: number): number {
    return minimum + Math.floor(this.fraction() * (maximum - minimum + 1));
  }

  chance(probability: number): boolean {
    return this.fraction() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.fraction() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** Favours the start of the list (common names first): index = n·u^skew. */
  pickSkewed<T>(items: readonly T[], skew = 1.6): T {
    const item = items[Math.floor(this.fraction() ** skew * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string | number>(weights: ReadonlyArray<readonly [K, number]>): K {
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    let remaining = this.fraction() * total;
    for (const [key, weight] of weights) {
      remaining -= weight;
      if (remaining < 0) return key;
    }
    const last = weights.at(-1);
    if (!last) throw new Error('cannot pick from an empty list');
    return last[0];
  }
}

/**
 * A bijection of 0..size−1 keyed by `key`: index i always maps to the same number, two indexes never to the
 * same one, and neighbours land far apart. A keyed mix that is invertible on `bits`-bit integers (xor-shifts
 * and odd multiplications modulo 2^bits) is applied until the value falls inside the range ("cycle walking").
 */
export function permuteIndex(index: number, size: number, key: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new Error(`index ${index} is outside 0..${size - 1}`);
  }
  const bits = Math.max(Math.ceil(Math.log2(size)), 4);
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  const shift = Math.max(bits >>> 1, 1);
  let value = index;
  do {
    value = (value ^ key) & mask;
    value = Math.imul(value, 0x2c1b3c6d | 1) & mask;
    value ^= value >>> shift;
    value = Math.imul(value, 0x297a2d39 | 1) & mask;
    value ^= value >>> shift;
  } while (value >= size);
  return value >>> 0;
}
