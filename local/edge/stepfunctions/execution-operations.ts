// StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution, GetExecutionHistory.
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../aws-json-service';
import { checkArn, checkName, executionArn } from './arns';
import { appendHistory } from './history';
import { type Input, optionalBoolean, optionalEnum, optionalString, paginate, requiredString } from './input';
import { parseJson } from './json';
import type { ExecutionRecord, ExecutionStatus } from './records';
import { epochSeconds, type StepFunctionsState } from './service-state';
import { describeMachine } from './state-machine-operations';
import { STATE_PAYLOAD_LIMIT } from './task-handlers';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

function summary(execution: ExecutionRecord) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    stopDate: execution.stopDate === undefined ? undefined : epochSeconds(execution.stopDate),
  };
}

function describe(execution: ExecutionRecord) {
  return {
    ...summary(execution),
    input: execution.input,
    inputDetails: { included: true },
    output: execution.output,
    outputDetails: execution.output === undefined ? undefined : { included: true },
    error: execution.error,
    cause: execution.cause,
  };
}

async function start(state: StepFunctionsState, input: Input) {
  const machine = state.machine(checkArn(requiredString(input, 'stateMachineArn'), 'stateMachine'));
  const name = checkName(optionalString(input, 'name') ?? randomUUID());
  const text = optionalString(input, 'input') ?? '{}';
  if (Buffer.byteLength(text) > STATE_PAYLOAD_LIMIT) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${STATE_PAYLOAD_LIMIT}`,
    );
  }
  if (parseJson(text) === undefined) {
    throw new AwsServiceError(
      'InvalidExecutionInput',
      'Invalid State Machine Execution Input: not valid JSON',
    );
  }
  const arn = executionArn(state.options, machine.name, name);
  const existing = state.executions.get(arn);
  if (existing) {
    // AWS: a STANDARD execution started again with the same name and input while it runs is the same one.
    if (machine.type === 'STANDARD' && existing.status === 'RUNNING' && existing.input === text)
      return existing;
    throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }
  const record: ExecutionRecord = {
    executionArn: arn,
    stateMachineArn: machine.stateMachineArn,
    stateMachineName: machine.name,
    stateMachineType: machine.type,
    name,
    roleArn: machine.roleArn,
    definition: machine.definition,
    input: text,
    status: 'RUNNING',
    startDate: Date.now(),
    tokenPlaceholder: `sfn-local-task-token-${randomUUID()}`,
    tasks: {},
    waits: {},
    history: [],
    libraryEventCount: 0,
  };
  appendHistory(record, 'ExecutionStarted', {
    executionStartedEventDetails: {
      input: text,
      inputDetails: { truncated: false },
      roleArn: machine.roleArn,
    },
  });
  state.executions.set(arn, record);
  await state.store.saveExecution(record);
  state.startRun(record);
  return record;
}

export async function startExecution(state: StepFunctionsState, input: Input) {
  const record = await start(state, input);
  return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
}

/** Runs an EXPRESS execution to its end and answers its outcome. */
export async function startSyncExecution(state: StepFunctionsState, input: Input) {
  const machine = state.machine(checkArn(requiredString(input, 'stateMachineArn'), 'stateMachine'));
  if (machine.type !== 'EXPRESS') {
    throw new AwsServiceError(
      'StateMachineTypeNotSupported',
      'This operation is only supported by EXPRESS state machines',
    );
  }
  const record = await start(state, input);
  await state.runs.get(record.executionArn)?.done;
  const {
    executionArn,
    stateMachineArn,
    name,
    startDate,
    stopDate,
    status,
    input: text,
    output,
    error,
    cause,
  } = describe(record);
  return {
    executionArn,
    stateMachineArn,
    name,
    startDate,
    stopDate,
    status,
    input: text,
    output,
    error,
    cause,
  };
}

export function describeExecution(state: StepFunctionsState, input: Input) {
  return describe(state.execution(checkArn(requiredString(input, 'executionArn'), 'execution')));
}

export function describeStateMachineForExecution(state: StepFunctionsState, input: Input) {
  const execution = state.execution(checkArn(requiredString(input, 'executionArn'), 'execution'));
  const { status: _status, ...machine } = describeMachine({
    stateMachineArn: execution.stateMachineArn,
    name: execution.stateMachineName,
    definition: execution.definition,
    roleArn: execution.roleArn,
    type: execution.stateMachineType,
    creationDate: execution.startDate,
    tags: [],
  });
  return { ...machine, updateDate: epochSeconds(execution.startDate) };
}

export function listExecutions(state: StepFunctionsState, input: Input) {
  const machineArn = checkArn(requiredString(input, 'stateMachineArn'), 'stateMachine');
  const statusFilter = optionalEnum(input, 'statusFilter', STATUSES);
  const all = [...state.executions.values()].filter((execution) => execution.stateMachineArn === machineArn);
  if (!state.machines.has(machineArn) && all.length === 0) state.machine(machineArn);
  const matching = all
    .filter((execution) => statusFilter === undefined || execution.status === statusFilter)
    .sort((a, b) => b.startDate - a.startDate);
  const { page, nextToken } = paginate(matching, input);
  return { executions: page.map(summary), nextToken };
}

export async function stopExecution(state: StepFunctionsState, input: Input) {
  const execution = state.execution(checkArn(requiredString(input, 'executionArn'), 'execution'));
  await state.runs
    .get(execution.executionArn)
    ?.stop('ABORTED', optionalString(input, 'error'), optionalString(input, 'cause'));
  return { stopDate: epochSeconds(execution.stopDate ?? Date.now()) };
}

export function getExecutionHistory(state: StepFunctionsState, input: Input) {
  const execution = state.execution(checkArn(requiredString(input, 'executionArn'), 'execution'));
  const events = optionalBoolean(input, 'reverseOrder')
    ? [...execution.history].reverse()
    : execution.history;
  const { page, nextToken } = paginate(events, input);
  return { events: page.map((event) => ({ ...event, timestamp: epochSeconds(event.timestamp) })), nextToken };
}
