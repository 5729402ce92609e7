/**
 * Counts failures per key (e.g. a customer number) within a sliding window, in memory. Complements the
 * per-IP rate limit: guessing one customer's activation code from many addresses is slowed down as well.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  isBlocked(key: string, now: Date): boolean {
    return this.recent(key, now).length >= this.maxFailures;
  }

  recordFailure(key: string, now: Date): void {
    const times = this.recent(key, now);
    times.push(now.getTime());
    this.failures.set(key, times);
    // Bounded memory: forget keys whose failures have all aged out once the map grows.
    if (this.failures.size > 10_000) {
      for (const [other] of this.failures)
        if (this.recent(other, now).length === 0) this.failures.delete(other);
    }
  }

  private recent(key: string, now: Date): number[] {
    const since = now.getTime() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((time) => time > since);
  }
}
