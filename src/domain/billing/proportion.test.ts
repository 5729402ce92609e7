import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByWeights } from './proportion.ts';

describe('allocateByWeights', () => {
  it('rounds each part half-up and gives the remainder to the last', () => {
    expect(allocateByWeights(10_000, [31, 30])).toEqual([5082, 4918]); // 5081.967 → 5082
    expect(allocateByWeights(1, [1, 1])).toEqual([1, 0]); // 0.5 → 1
    expect(allocateByWeights(-1, [1, 1])).toEqual([-1, 0]);
    expect(allocateByWeights(100, [1, 1, 1])).toEqual([33, 33, 34]);
    expect(allocateByWeights(7, [0, 5])).toEqual([0, 7]);
  });

  it('rejects empty or zero weights', () => {
    expect(() => allocateByWeights(5, [])).toThrow();
    expect(() => allocateByWeights(5, [0, 0])).toThrow();
    expect(() => allocateByWeights(5, [-1, 2])).toThrow();
  });

  it('sums exactly and keeps each part within one of its exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 })
          .filter((weights) => weights.some((w) => w > 0)),
        (total, weights) => {
          const parts = allocateByWeights(total, weights);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
          const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
          parts.slice(0, -1).forEach((part, index) => {
            expect(Math.abs(part - (total * (weights[index] ?? 0)) / weightSum)).toBeLessThanOrEqual(
              0.5 + 1e-9,
            );
          });
        },
      ),
    );
  });
});
