/**
 * Estimates the local clock's error from an HTTP `Date` header (second
 * resolution, so only skews beyond a threshold count). The midpoint of
 * request and answer stands for the moment the server wrote the header.
 */
export class SkewTracker {
  skewMs: number | null = null;
  private readonly thresholdMs: number;

  constructor(thresholdMs: number) {
    this.thresholdMs = thresholdMs;
  }

  observe(dateHeader: string | undefined, sentAt: number, receivedAt: number): void {
    if (!dateHeader) return;
    const server = Date.parse(dateHeader);
    if (Number.isNaN(server)) return;
    // Date truncates to the second: +500 ms centres the estimate.
    this.skewMs = Math.round(server + 500 - (sentAt + receivedAt) / 2);
  }

  /** Whether the server's time is used instead of ours. */
  get corrected(): boolean {
    return this.skewMs !== null && Math.abs(this.skewMs) > this.thresholdMs;
  }

  offsetMs(): number {
    return this.corrected ? (this.skewMs ?? 0) : 0;
  }
}
