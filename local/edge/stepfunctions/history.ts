// GetExecutionHistory events, derived from the library's event log (state entered/exited, task failed, map
// iterations); the execution's own start and end events are added by the run itself.
import type { StateMachine } from 'aws-local-stepfunctions';
import type { Json } from './json';
import type { ExecutionRecord, ExecutionStatus, HistoryEventRecord } from './records';

export type LibraryEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

type EventDetails = Record<string, unknown>;

function text(value: Json | undefined): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

function historyOf(event: LibraryEvent): { type: string; details?: EventDetails } | undefined {
  switch (event.type) {
    case 'StateEntered':
      return {
        type: `${event.state.type}StateEntered`,
        details: { stateEnteredEventDetails: { name: event.state.name, input: text(event.state.input) } },
      };
    case 'StateExited':
      return {
        type: `${event.state.type}StateExited`,
        details: { stateExitedEventDetails: { name: event.state.name, output: text(event.state.output) } },
      };
    case 'StateFailed':
      if (event.state.type !== 'Task') return undefined;
      return {
        type: 'TaskFailed',
        details: { taskFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? '') } },
      };
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
      return { type: event.type, details: { [key]: { name: event.parentState.name, index: event.index } } };
    }
    default:
      return undefined;
  }
}

export function appendHistory(record: ExecutionRecord, type: string, details: EventDetails = {}): void {
  const previous = record.history.at(-1);
  const event: HistoryEventRecord = {
    ...details,
    id: (previous?.id ?? 0) + 1,
    previousEventId: previous?.id ?? 0,
    timestamp: Date.now(),
    type,
  };
  record.history.push(event);
}

export function appendLibraryEvent(record: ExecutionRecord, event: LibraryEvent): void {
  const mapped = historyOf(event);
  if (mapped) appendHistory(record, mapped.type, mapped.details);
}

const TERMINAL_EVENTS: Partial<Record<ExecutionStatus, [type: string, detailsKey: string]>> = {
  SUCCEEDED: ['ExecutionSucceeded', 'executionSucceededEventDetails'],
  FAILED: ['ExecutionFailed', 'executionFailedEventDetails'],
  ABORTED: ['ExecutionAborted', 'executionAbortedEventDetails'],
  TIMED_OUT: ['ExecutionTimedOut', 'executionTimedOutEventDetails'],
};

/** The terminal history event for an execution that has just stopped. */
export function appendTerminalEvent(record: ExecutionRecord): void {
  const terminal = TERMINAL_EVENTS[record.status];
  if (!terminal) return;
  const [type, detailsKey] = terminal;
  const details =
    record.status === 'SUCCEEDED' ? { output: record.output } : { error: record.error, cause: record.cause };
  appendHistory(record, type, { [detailsKey]: details });
}
