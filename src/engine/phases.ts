/**
 * Where the time of a run goes. A run is always in exactly one phase; the
 * clock charges the time since the last switch to the phase that was
 * current, so the phases add up to the time the clock ran:
 *
 * - `startup`: from the process start to the compiler being loaded (the CLI only);
 * - `load`: reading the config and tsconfig, parsing and resolving the program's files;
 * - `bind`: creating the type checker, which binds every file;
 * - `sinks`: scanning the project's files for calls and deciding which are send calls;
 * - `flow`: following the data back from each send call's payload to its sources;
 * - `report`: baseline comparison and formatting.
 */
export const PHASES = ['startup', 'load', 'bind', 'sinks', 'flow', 'report'] as const;

export type Phase = (typeof PHASES)[number];

/** Milliseconds per phase. */
export type PhaseTimes = Record<Phase, number>;

export class PhaseClock {
  private readonly times: PhaseTimes = { startup: 0, load: 0, bind: 0, sinks: 0, flow: 0, report: 0 };
  private current: Phase | undefined;
  private since: number;

  /**
   * `origin` is the time (as `performance.now()`) the clock starts charging from:
   * 0 is the process start; the default is now.
   */
  constructor(first?: Phase, origin: number = performance.now()) {
    this.current = first;
    this.since = origin;
  }

  /** Switches to `phase`; returns the phase that was current, to switch back to. */
  enter(phase: Phase | undefined): Phase | undefined {
    const now = performance.now();
    if (this.current) this.times[this.current] += now - this.since;
    this.since = now;
    const previous = this.current;
    this.current = phase;
    return previous;
  }

  /** Runs `work` in `phase`, then returns to the phase current before. */
  during<T>(phase: Phase, work: () => T): T {
    const previous = this.enter(phase);
    try {
      return work();
    } finally {
      this.enter(previous);
    }
  }

  /** Rounded milliseconds per phase, including the current phase up to now. */
  snapshot(): PhaseTimes {
    const times = { ...this.times };
    if (this.current) times[this.current] += performance.now() - this.since;
    for (const phase of PHASES) times[phase] = Math.round(times[phase]);
    return times;
  }
}

/** The sum of the phases, in milliseconds. */
export const totalOf = (times: PhaseTimes): number => PHASES.reduce((sum, phase) => sum + times[phase], 0);
