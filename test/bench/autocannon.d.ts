// autocannon ships no types (and @types/autocannon is not installed): the part hub.bench.ts uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: unknown[];
    maxOverallRequests?: number;
    /** Called once per connection, as its client is made. */
    setupClient?: (client: { setRequests(requests: unknown[]): void }) => void;
  }
  interface Result {
    requests: { average: number };
    latency: { p99: number; p50: number };
    non2xx: number;
    errors: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
