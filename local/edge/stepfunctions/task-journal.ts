// The journal of an execution's task attempts, and the waits on their outcomes.
//
// Each attempt is keyed by state name and occurrence (`Name#3`): an execution's flow is deterministic given
// its tasks' results, so a replay from the input meets the same tasks in the same order and takes their
// journaled outcomes. Inside a Map, iterations run concurrently and their order may change, so there the
// key also carries a digest of the task's input (`Name#<digest>#1`).
import type { TaskSpec } from './definition';
import { type Json, jsonDigest } from './json';
import { type LongTimer, timerUntil } from './long-timer';
import type { ExecutionRecord, TaskOutcome, TaskRecord } from './records';

export interface TaskJournalHost {
  readonly record: ExecutionRecord;
  persist(): Promise<void>;
  tokenIssued(token: string, taskKey: string): void;
}

/** Ends a task whose execution is being stopped or unloaded; the library may neither retry nor catch it. */
export class RunDetachedError extends Error {
  override name = 'RunDetached';
  get isRetryable(): boolean {
    return false;
  }
  get isCatchable(): boolean {
    return false;
  }
}

export interface TaskLimits {
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

interface ActiveTask {
  resolve(outcome: TaskOutcome): void;
  reject(error: Error): void;
  heartbeatSeconds?: number;
  timeout?: LongTimer;
  heartbeat?: LongTimer;
}

function cancelTimers(active: ActiveTask): void {
  active.timeout?.cancel();
  active.heartbeat?.cancel();
}

export class TaskJournal {
  private readonly occurrences = new Map<string, number>();
  private readonly active = new Map<string, ActiveTask>();
  private readonly replayedFailures = new Set<string>();
  private detachedWith?: Error;

  constructor(private readonly host: TaskJournalHost) {}

  get detached(): boolean {
    return this.detachedWith !== undefined;
  }

  nextKey(spec: TaskSpec, input: Json): string {
    const base = spec.inMap ? `${spec.name}#${jsonDigest(input)}` : spec.name;
    const occurrence = (this.occurrences.get(base) ?? 0) + 1;
    this.occurrences.set(base, occurrence);
    return `${base}#${occurrence}`;
  }

  get(key: string): TaskRecord | undefined {
    return this.host.record.tasks[key];
  }

  begin(key: string): TaskRecord {
    const tasks = this.host.record.tasks;
    tasks[key] ??= { startedAt: Date.now() };
    return tasks[key];
  }

  persist(): Promise<void> {
    return this.host.persist();
  }

  issueToken(key: string, token: string): void {
    this.begin(key).token = token;
    this.host.tokenIssued(token, key);
  }

  markInvoked(key: string): void {
    const task = this.get(key);
    if (!task || this.detached) return;
    task.invoked = true;
    void this.host.persist();
  }

  /** Records a task's outcome; the first one wins. Resolves once it is on disk. */
  async settle(key: string, outcome: TaskOutcome): Promise<boolean> {
    const task = this.get(key);
    if (!task || task.outcome || this.detached) return false;
    task.outcome = outcome;
    const active = this.active.get(key);
    if (active) cancelTimers(active);
    await this.host.persist();
    this.active.delete(key);
    active?.resolve(outcome);
    return true;
  }

  /** Waits for a task's outcome, enforcing its timeout and heartbeat from when the attempt started. */
  awaitOutcome(key: string, limits: TaskLimits): Promise<TaskOutcome> {
    if (this.detachedWith) return Promise.reject(this.detachedWith);
    const task = this.begin(key);
    if (task.outcome) return Promise.resolve(task.outcome);
    return new Promise<TaskOutcome>((resolve, reject) => {
      const active: ActiveTask = { resolve, reject, heartbeatSeconds: limits.heartbeatSeconds };
      const seconds = limits.timeoutSeconds;
      if (seconds !== undefined) {
        active.timeout = timerUntil(task.startedAt + seconds * 1000, () => {
          void this.settle(key, {
            ok: false,
            error: 'States.Timeout',
            cause: `Task timed out after ${seconds} s`,
          });
        });
      }
      this.active.set(key, active);
      this.armHeartbeat(key, task, active);
    });
  }

  /** SendTaskHeartbeat: pushes the heartbeat deadline back. */
  async heartbeat(key: string): Promise<boolean> {
    const task = this.get(key);
    if (!task || task.outcome || this.detached) return false;
    task.lastHeartbeat = Date.now();
    const active = this.active.get(key);
    if (active) this.armHeartbeat(key, task, active);
    await this.host.persist();
    return true;
  }

  /** A replayed failure is not waited on again before its retry (the wait happened before the restart). */
  noteAttempt(stateName: string, replayedFailure: boolean): void {
    if (replayedFailure) this.replayedFailures.add(stateName);
    else this.replayedFailures.delete(stateName);
  }

  isReplayedFailure(stateName: string): boolean {
    return this.replayedFailures.has(stateName);
  }

  /** Ends every wait with `error` and stops recording (the execution stopped, or the service is closing). */
  detach(error: Error): void {
    this.detachedWith = error;
    for (const active of this.active.values()) {
      cancelTimers(active);
      active.reject(error);
    }
    this.active.clear();
  }

  private armHeartbeat(key: string, task: TaskRecord, active: ActiveTask): void {
    const seconds = active.heartbeatSeconds;
    if (seconds === undefined) return;
    active.heartbeat?.cancel();
    active.heartbeat = timerUntil((task.lastHeartbeat ?? task.startedAt) + seconds * 1000, () => {
      void this.settle(key, {
        ok: false,
        error: 'States.HeartbeatTimeout',
        cause: `No heartbeat for ${seconds} s`,
      });
    });
  }
}
