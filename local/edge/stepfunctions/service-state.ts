// The emulator's state: state machines, executions and the runs in progress, loaded from disk at start.
// Executions that were RUNNING when the previous instance stopped are resumed (see execution-run.ts).
import type { LambdaInvoker } from '../aws-json-service';
import { AwsServiceError } from '../aws-json-service';
import { ExecutionRun } from './execution-run';
import type { ExecutionRecord, StateMachineRecord } from './records';
import { StepFunctionsStore } from './store';
import { TaskTokenIndex } from './task-tokens';

export interface StepFunctionsOptions {
  dataDir: string;
  region: string;
  accountId: string;
  invokeLambda: LambdaInvoker;
}

/** Wire dates are epoch seconds. */
export function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}

export class StepFunctionsState {
  readonly machines = new Map<string, StateMachineRecord>();
  readonly executions = new Map<string, ExecutionRecord>();
  readonly runs = new Map<string, ExecutionRun>();
  readonly tokens = new TaskTokenIndex();
  readonly store: StepFunctionsStore;

  constructor(readonly options: StepFunctionsOptions) {
    this.store = new StepFunctionsStore(options.dataDir);
    for (const machine of this.store.loadStateMachines()) this.machines.set(machine.stateMachineArn, machine);
    const executions = this.store.loadExecutions();
    for (const execution of executions) {
      this.executions.set(execution.executionArn, execution);
      for (const [taskKey, task] of Object.entries(execution.tasks)) {
        if (task.token) this.tokens.add(task.token, { executionArn: execution.executionArn, taskKey });
      }
    }
    for (const execution of executions) if (execution.status === 'RUNNING') this.startRun(execution);
  }

  machine(arn: string): StateMachineRecord {
    const machine = this.machines.get(arn);
    if (!machine)
      throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  execution(arn: string): ExecutionRecord {
    const execution = this.executions.get(arn);
    if (!execution) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  startRun(record: ExecutionRecord): ExecutionRun {
    const run = new ExecutionRun(record, {
      invokeLambda: this.options.invokeLambda,
      // A failed write is logged, not thrown: the run goes on, though a restart would lose that step.
      persist: (execution) =>
        this.store
          .saveExecution(execution)
          .catch((error: unknown) =>
            console.error(`stepfunctions: saving ${execution.executionArn}: ${error}`),
          ),
      tokenIssued: (token, owner) => this.tokens.add(token, owner),
      stopped: (stopped) => {
        if (this.runs.get(stopped.record.executionArn) === stopped)
          this.runs.delete(stopped.record.executionArn);
      },
    });
    this.runs.set(record.executionArn, run);
    run.start();
    return run;
  }

  /** Unloads the runs (their records stay RUNNING on disk, for the next instance to resume) and flushes. */
  async close(): Promise<void> {
    for (const run of this.runs.values()) run.detach();
    this.runs.clear();
    await this.store.close();
  }
}
