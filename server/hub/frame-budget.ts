/**
 * Token bucket for one browser's inbound frames. The desk's feed client sends a handful of frames per
 * page (its subscriptions, a ping every few seconds); a socket that floods subscribe/unsubscribe would
 * otherwise make the hub churn upstream subscriptions for everyone.
 */
export class FrameBudget {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    /** tokens refilled per second */
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.at = now();
  }

  /** Spends one token; false when the budget is exhausted. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
