// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: the callback side of `.waitForTaskToken` tasks.
import { AwsServiceError } from '../aws-json-service';
import { type Input, optionalString, requiredString } from './input';
import { parseJson } from './json';
import type { TaskOutcome } from './records';
import type { StepFunctionsState } from './service-state';
import { isWellFormedToken, type TokenOwner } from './task-tokens';

function owner(state: StepFunctionsState, token: string): TokenOwner {
  const found = state.tokens.ownerOf(token);
  if (found) return found;
  if (!isWellFormedToken(token)) throw new AwsServiceError('InvalidToken', 'Invalid Token');
  throw new AwsServiceError('TaskDoesNotExist', 'Task Does Not Exist');
}

function taskTimedOut(): AwsServiceError {
  return new AwsServiceError('TaskTimedOut', 'Task Timed Out');
}

async function complete(state: StepFunctionsState, input: Input, outcome: TaskOutcome): Promise<object> {
  const { executionArn, taskKey } = owner(state, requiredString(input, 'taskToken'));
  const run = state.runs.get(executionArn);
  if (!run || !(await run.completeTask(taskKey, outcome))) throw taskTimedOut();
  return {};
}

export function sendTaskSuccess(state: StepFunctionsState, input: Input) {
  const output = requiredString(input, 'output');
  const result = parseJson(output);
  if (result === undefined) throw new AwsServiceError('InvalidOutput', 'Invalid Output: not valid JSON');
  return complete(state, input, { ok: true, result });
}

export function sendTaskFailure(state: StepFunctionsState, input: Input) {
  return complete(state, input, {
    ok: false,
    error: optionalString(input, 'error') ?? '',
    cause: optionalString(input, 'cause') ?? '',
  });
}

export async function sendTaskHeartbeat(state: StepFunctionsState, input: Input) {
  const { executionArn, taskKey } = owner(state, requiredString(input, 'taskToken'));
  const run = state.runs.get(executionArn);
  if (!run || !(await run.heartbeat(taskKey))) throw taskTimedOut();
  return {};
}
