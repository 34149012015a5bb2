// CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine, tags.
import { AwsServiceError } from '../aws-json-service';
import { checkArn, checkName, stateMachineArn } from './arns';
import { parseDefinition } from './definition';
import { type Input, optionalEnum, optionalString, paginate, requiredString } from './input';
import type { StateMachineRecord, StateMachineType } from './records';
import { epochSeconds, type StepFunctionsState } from './service-state';

const TYPES: readonly StateMachineType[] = ['STANDARD', 'EXPRESS'];

function readTags(input: Input): { key: string; value: string }[] {
  const tags = input.tags;
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) throw new AwsServiceError('ValidationException', 'tags must be a list');
  return tags.map((tag: { key?: unknown; value?: unknown }) => ({
    key: String(tag.key),
    value: String(tag.value ?? ''),
  }));
}

export async function createStateMachine(state: StepFunctionsState, input: Input) {
  const name = checkName(requiredString(input, 'name'));
  const definition = requiredString(input, 'definition');
  const roleArn = requiredString(input, 'roleArn');
  const type = optionalEnum(input, 'type', TYPES) ?? 'STANDARD';
  parseDefinition(definition);
  const arn = stateMachineArn(state.options, name);
  const existing = state.machines.get(arn);
  if (existing) {
    // Idempotent as on AWS: the same request again answers the machine it created.
    if (existing.definition === definition && existing.roleArn === roleArn && existing.type === type) {
      return { stateMachineArn: arn, creationDate: epochSeconds(existing.creationDate) };
    }
    throw new AwsServiceError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
  }
  const record: StateMachineRecord = {
    stateMachineArn: arn,
    name,
    definition,
    roleArn,
    type,
    creationDate: Date.now(),
    tags: readTags(input),
  };
  state.machines.set(arn, record);
  await state.store.saveStateMachine(record);
  return { stateMachineArn: arn, creationDate: epochSeconds(record.creationDate) };
}

export async function updateStateMachine(state: StepFunctionsState, input: Input) {
  const machine = state.machine(checkArn(requiredString(input, 'stateMachineArn'), 'stateMachine'));
  const definition = optionalString(input, 'definition');
  const roleArn = optionalString(input, 'roleArn');
  if (definition === undefined && roleArn === undefined) {
    throw new AwsServiceError('MissingRequiredParameter', 'Either definition or roleArn must be specified');
  }
  if (definition !== undefined) {
    parseDefinition(definition);
    machine.definition = definition;
  }
  if (roleArn !== undefined) machine.roleArn = roleArn;
  machine.updateDate = Date.now();
  await state.store.saveStateMachine(machine);
  return { updateDate: epochSeconds(machine.updateDate) };
}

export function describeMachine(machine: StateMachineRecord) {
  return {
    stateMachineArn: machine.stateMachineArn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: epochSeconds(machine.creationDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}

export function describeStateMachine(state: StepFunctionsState, input: Input) {
  return describeMachine(state.machine(checkArn(requiredString(input, 'stateMachineArn'), 'stateMachine')));
}

export function listStateMachines(state: StepFunctionsState, input: Input) {
  const machines = [...state.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(machines, input);
  return {
    stateMachines: page.map((machine) => ({
      stateMachineArn: machine.stateMachineArn,
      name: machine.name,
      type: machine.type,
      creationDate: epochSeconds(machine.creationDate),
    })),
    nextToken,
  };
}

/** Executions already started keep running on their own copy of the definition, as on AWS. */
export async function deleteStateMachine(state: StepFunctionsState, input: Input) {
  const arn = checkArn(requiredString(input, 'stateMachineArn'), 'stateMachine');
  if (state.machines.delete(arn)) await state.store.deleteStateMachine(arn);
  return {};
}

export function listTagsForResource(state: StepFunctionsState, input: Input) {
  return { tags: state.machine(requiredString(input, 'resourceArn')).tags };
}

export async function tagResource(state: StepFunctionsState, input: Input) {
  const machine = state.machine(requiredString(input, 'resourceArn'));
  const added = readTags(input);
  machine.tags = [...machine.tags.filter((tag) => !added.some((a) => a.key === tag.key)), ...added];
  await state.store.saveStateMachine(machine);
  return {};
}

export async function untagResource(state: StepFunctionsState, input: Input) {
  const machine = state.machine(requiredString(input, 'resourceArn'));
  const keys = Array.isArray(input.tagKeys) ? input.tagKeys.map(String) : [];
  machine.tags = machine.tags.filter((tag) => !keys.includes(tag.key));
  await state.store.saveStateMachine(machine);
  return {};
}
