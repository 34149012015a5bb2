// What the emulator keeps about state machines and executions; each record is one JSON file on disk.
import type { Json } from './json';

export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: StateMachineType;
  /** Epoch milliseconds; rendered as epoch seconds on the wire. */
  creationDate: number;
  updateDate?: number;
  tags: { key: string; value: string }[];
}

export type TaskOutcome = { ok: true; result: Json } | { ok: false; error: string; cause: string };

/** One task attempt, journaled so that a resumed execution replays it instead of running it again. */
export interface TaskRecord {
  startedAt: number;
  /** The callback token handed to the Lambda of a `.waitForTaskToken` task. */
  token?: string;
  /** Whether that Lambda was invoked with the token (so a resume doesn't invoke it twice). */
  invoked?: boolean;
  lastHeartbeat?: number;
  outcome?: TaskOutcome;
}

/** A history event as GetExecutionHistory renders it, with the timestamp in epoch milliseconds. */
export interface HistoryEventRecord {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  stateMachineType: StateMachineType;
  name: string;
  roleArn: string;
  /** The definition as it was when the execution started (UpdateStateMachine doesn't affect it). */
  definition: string;
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** Stands for `$$.Task.Token` in the context object; each task swaps it for its own fresh token. */
  tokenPlaceholder: string;
  /** Task attempts keyed by state name and occurrence (see task-journal.ts). */
  tasks: Record<string, TaskRecord>;
  /** When each relative Wait (Seconds/SecondsPath) ends, keyed by state name and occurrence. */
  waits: Record<string, number>;
  history: HistoryEventRecord[];
  /** How many of the library's events the history already reflects (a replay skips that many). */
  libraryEventCount: number;
}
