// Measures how responsive the extension host stays while something runs: the largest gap between
// ticks of a short interval timer, the share of the time its event loop was busy (Node's event loop
// utilization: near 1 for a thread that parses, whatever it yields between chunks), and how long a
// trivial round trip through the workbench takes.

import { performance } from 'perf_hooks';

export interface LoopGaps {
  /** Largest delay of a tick beyond its interval, in ms. */
  maxGapMs: number;
  ticks: number;
  /** Share of the time the event loop spent running code rather than waiting (0–1). */
  utilization: number;
}

/** Starts ticking every `intervalMs`; `stop()` ends it and says what it saw. */
export function watchEventLoop(intervalMs = 10): { stop(): LoopGaps } {
  let last = performance.now();
  let maxGapMs = 0;
  let ticks = 0;
  const utilizationAtStart = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last - intervalMs);
    last = now;
    ticks++;
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { maxGapMs, ticks, utilization: performance.eventLoopUtilization(utilizationAtStart).utilization };
    },
  };
}

export interface RoundTrips {
  count: number;
  maxMs: number;
  medianMs: number;
}

/** Runs `probe` every `everyMs` (one at a time) until `stop()`, timing each run. */
export function timeRoundTrips(probe: () => PromiseLike<unknown>, everyMs = 250): { stop(): Promise<RoundTrips> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await probe();
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return { count: sorted.length, maxMs: sorted[sorted.length - 1] ?? NaN, medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN };
    },
  };
}
