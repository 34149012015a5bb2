// One execution in progress: drives aws-local-stepfunctions over the prepared definition, journals what a
// resume needs, keeps the history, and settles the record when the execution stops.
//
// Resuming after a restart is deterministic replay: the execution runs again from its input, tasks return
// their journaled outcomes (no Lambda is invoked twice, a pending callback keeps its token), a journaled
// failure is retried without waiting again, and a Wait only waits for what is left of it.
import './promise-with-resolvers';
import { ExecutionError, type RunOptions, StateMachine } from 'aws-local-stepfunctions';
import type { LambdaInvoker } from '../aws-json-service';
import { type PreparedDefinition, prepareDefinition } from './definition';
import { appendLibraryEvent, appendTerminalEvent, type LibraryEvent } from './history';
import type { Json } from './json';
import { type LongTimer, timerUntil } from './long-timer';
import type { ExecutionRecord, ExecutionStatus, TaskOutcome } from './records';
import { applyInputPath, evaluateReferencePath } from './reference-path';
import { runTask, type TaskEnvironment } from './task-handlers';
import { RunDetachedError, TaskJournal } from './task-journal';
import type { TokenOwner } from './task-tokens';

export interface RunServices {
  invokeLambda: LambdaInvoker;
  persist(record: ExecutionRecord): Promise<void>;
  tokenIssued(token: string, owner: TokenOwner): void;
  stopped(run: ExecutionRun): void;
}

type Overrides = NonNullable<RunOptions['overrides']>;
type TaskHandler = NonNullable<Overrides['taskResourceLocalHandlers']>[string];
export const HISTORY_EVENT_LIMIT = 25_000;

type Outcome = Pick<ExecutionRecord, 'output' | 'error' | 'cause'>;

// After the library settles, its last events may still be on their way to the history.
const EVENT_DRAIN_LIMIT_MS = 1000;

function countUp(counts: Map<string, number>, name: string): number {
  const next = (counts.get(name) ?? 0) + 1;
  counts.set(name, next);
  return next;
}

export class ExecutionRun {
  readonly done: Promise<void>;
  private readonly journal: TaskJournal;
  private markDone!: () => void;
  private state: 'running' | 'stopped' | 'detached' = 'running';
  private library?: { abort(): void };
  /** The history reached its quota: no more events are recorded. */
  private historyFull = false;
  private executionTimer?: LongTimer;
  private eventsDrained: Promise<void> = Promise.resolve();
  private readonly waitEntries = new Map<string, number>();
  private readonly waitEvents = new Map<string, number>();

  constructor(
    readonly record: ExecutionRecord,
    private readonly services: RunServices,
  ) {
    this.done = new Promise((resolve) => {
      this.markDone = resolve;
    });
    this.journal = new TaskJournal({
      record,
      persist: () => services.persist(record),
      tokenIssued: (token, taskKey) =>
        services.tokenIssued(token, { executionArn: record.executionArn, taskKey }),
    });
  }

  start(): void {
    let prepared: PreparedDefinition;
    try {
      prepared = prepareDefinition(this.record.definition);
    } catch (error) {
      void this.finish('FAILED', { error: 'States.Runtime', cause: String(error) });
      return;
    }
    const env: TaskEnvironment = {
      journal: this.journal,
      // Task functions are invoked with the state machine's execution role, as on AWS.
      invokeLambda: (name, payload) =>
        this.services.invokeLambda(name, payload, { roleArn: this.record.roleArn }),
      tokenPlaceholder: this.record.tokenPlaceholder,
    };
    const handlers: Record<string, TaskHandler> = {};
    for (const spec of prepared.tasks.values()) {
      handlers[spec.name] = (input) => runTask(env, spec, input as Json) as ReturnType<TaskHandler>;
    }
    const machine = new StateMachine(prepared.library, { validationOptions: { noValidate: true } });
    const run = machine.run(JSON.parse(this.record.input), {
      overrides: {
        taskResourceLocalHandlers: handlers,
        waitTimeOverrides: this.remainingWaits(prepared),
        retryIntervalOverrides: this.replayedRetries(),
      },
      context: this.contextObject(),
      noThrowOnAbort: true,
    });
    this.library = run;
    this.eventsDrained = this.recordEvents(run.eventLogs, prepared);
    run.result.then(
      (output) => this.finish('SUCCEEDED', { output: JSON.stringify(output ?? null) }),
      (error: unknown) => this.failed(error),
    );
    const timeoutSeconds = prepared.timeoutSeconds;
    if (timeoutSeconds !== undefined) {
      this.executionTimer = timerUntil(this.record.startDate + timeoutSeconds * 1000, () => {
        void this.stop('TIMED_OUT', 'States.Timeout', `Execution timed out after ${timeoutSeconds} s`);
      });
    }
  }

  /** StopExecution (ABORTED) or the execution's own TimeoutSeconds (TIMED_OUT). */
  async stop(status: 'ABORTED' | 'TIMED_OUT', error?: string, cause?: string): Promise<void> {
    await this.finish(status, { error, cause });
  }

  /** Unloads the run without changing its record: the service is closing and a new one will resume it. */
  detach(): void {
    if (this.state !== 'running') return;
    this.state = 'detached';
    this.executionTimer?.cancel();
    this.journal.detach(new RunDetachedError('the local Step Functions service is closing'));
    this.library?.abort();
  }

  /** SendTaskSuccess / SendTaskFailure; false when the task was already closed. */
  completeTask(taskKey: string, outcome: TaskOutcome): Promise<boolean> {
    return this.state === 'running' ? this.journal.settle(taskKey, outcome) : Promise.resolve(false);
  }

  heartbeat(taskKey: string): Promise<boolean> {
    return this.state === 'running' ? this.journal.heartbeat(taskKey) : Promise.resolve(false);
  }

  private failed(error: unknown): Promise<void> {
    const cause = error instanceof ExecutionError ? error.cause : error;
    if (cause instanceof RunDetachedError) return Promise.resolve();
    if (cause instanceof Error) return this.finish('FAILED', { error: cause.name, cause: cause.message });
    return this.finish('FAILED', { error: 'States.Runtime', cause: String(cause) });
  }

  private async finish(status: ExecutionStatus, outcome: Outcome): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopped';
    this.executionTimer?.cancel();
    this.journal.detach(new RunDetachedError(`the execution is ${status}`));
    if (status !== 'SUCCEEDED' && status !== 'FAILED') this.library?.abort();
    const record = this.record;
    record.status = status;
    record.stopDate = Date.now();
    for (const [field, value] of Object.entries(outcome)) {
      if (value !== undefined) record[field as keyof Outcome] = value;
    }
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, EVENT_DRAIN_LIMIT_MS);
    });
    await Promise.race([this.eventsDrained, limit]);
    clearTimeout(timer);
    appendTerminalEvent(record);
    await this.services.persist(record);
    this.services.stopped(this);
    this.markDone();
  }

  private async recordEvents(
    events: AsyncGenerator<LibraryEvent>,
    prepared: PreparedDefinition,
  ): Promise<void> {
    let seen = 0;
    for await (const event of events) {
      seen += 1;
      this.noteWaitEntered(event, prepared);
      // A replay sees again the events the history already has.
      if (seen <= this.record.libraryEventCount || this.state === 'detached') continue;
      this.record.libraryEventCount = seen;
      if (this.historyFull) continue;
      appendLibraryEvent(this.record, event);
      // Step Functions' quota: a Standard execution's history holds at most 25,000 events; one
      // that would need more fails (room is kept for the terminal event).
      if (this.record.history.length >= HISTORY_EVENT_LIMIT - 1 && this.state === 'running') {
        this.historyFull = true;
        this.library?.abort();
        void this.finish('FAILED', {
          error: 'States.Runtime',
          cause: `The execution reached the maximum number of history events (${HISTORY_EVENT_LIMIT}).`,
        });
      }
    }
  }

  /** Journals when a relative Wait ends, so a replay waits only for what is left of it. */
  private noteWaitEntered(event: LibraryEvent, prepared: PreparedDefinition): void {
    if (event.type !== 'StateEntered' || event.state.type !== 'Wait') return;
    const spec = prepared.waits.get(event.state.name);
    if (!spec) return;
    const key = `${spec.name}#${countUp(this.waitEvents, spec.name)}`;
    if (this.record.waits[key] !== undefined || this.state !== 'running') return;
    let seconds: Json | undefined = spec.seconds;
    if (seconds === undefined && spec.secondsPath !== undefined) {
      const input = applyInputPath(spec.inputPath, event.state.input as Json);
      seconds = input === undefined ? undefined : evaluateReferencePath(spec.secondsPath, input);
    }
    if (typeof seconds !== 'number') return;
    this.record.waits[key] = event.timestamp + seconds * 1000;
    void this.services.persist(this.record);
  }

  /** The library asks this once per Wait state entered: journaled waits get what is left of them. */
  private remainingWaits(prepared: PreparedDefinition): Record<string, number> {
    return new Proxy<Record<string, number>>(
      {},
      {
        get: (_target, name) => {
          if (typeof name !== 'string' || !prepared.waits.has(name)) return undefined;
          const until = this.record.waits[`${name}#${countUp(this.waitEntries, name)}`];
          return until === undefined ? undefined : Math.max(0, until - Date.now());
        },
      },
    );
  }

  private replayedRetries(): Record<string, number> {
    return new Proxy<Record<string, number>>(
      {},
      {
        get: (_target, name) =>
          typeof name === 'string' && this.journal.isReplayedFailure(name) ? 0 : undefined,
      },
    );
  }

  private contextObject(): NonNullable<RunOptions['context']> {
    const record = this.record;
    return {
      Execution: {
        Id: record.executionArn,
        Name: record.name,
        RoleArn: record.roleArn,
        StartTime: new Date(record.startDate).toISOString(),
      },
      StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
      Task: { Token: record.tokenPlaceholder },
    };
  }
}
