import { roundHalfUp } from '../money.ts';
import { DomainError } from '../errors.ts';

/**
 * Splits an integer total over weights (usually days) so that the parts sum EXACTLY to the total:
 * every part but the last is round_half_up(total × weight / sum of weights); the last part takes the
 * remainder. This is the rule for volume across tariff segments and for true-up splits; it is the
 * documented rule of docs/billing-examples.md, so the figures there can be recomputed by hand.
 */
export function allocateByWeights(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total))
    throw new DomainError('invalid_total', `Total must be an integer, got ${total}`);
  if (weights.length === 0) throw new DomainError('invalid_weights', 'Cannot allocate over no weights');
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0)) {
    throw new DomainError('invalid_weights', 'Weights must be non-negative integers');
  }
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum === 0) throw new DomainError('invalid_weights', 'Weights must not all be zero');
  const parts: number[] = [];
  let allocated = 0;
  weights.forEach((weight, index) => {
    if (index === weights.length - 1) {
      parts.push(total - allocated);
      return;
    }
    const part = Number(roundHalfUp(BigInt(total) * BigInt(weight), BigInt(weightSum)));
    parts.push(part);
    allocated += part;
  });
  return parts;
}
