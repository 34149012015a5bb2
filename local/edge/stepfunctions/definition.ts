// Reading an ASL definition: validation (InvalidDefinition), what each Task and Wait state needs from the
// emulator, and the copy handed to aws-local-stepfunctions, from which the emulator takes over timeouts.
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { AwsServiceError } from '../aws-json-service';
import { isJsonObject, type Json, parseJson } from './json';

export interface TaskSpec {
  name: string;
  resource: string;
  /** Inside a Map iteration, where several copies of the state run at once. */
  inMap: boolean;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /**
   * Whether the library passes `{ input, timeoutSeconds?, heartbeatSeconds? }` instead of the task input:
   * that is how TimeoutSecondsPath / HeartbeatSecondsPath get evaluated against the state's input.
   */
  wrapped: boolean;
}

export interface WaitSpec {
  name: string;
  inputPath?: string | null;
  seconds?: number;
  secondsPath?: string;
}

export interface PreparedDefinition {
  library: StateMachineDefinition;
  tasks: Map<string, TaskSpec>;
  waits: Map<string, WaitSpec>;
  retryable: Set<string>;
  timeoutSeconds?: number;
}

type State = Record<string, Json>;

// The library races every task against its own timer (60 s unless told otherwise; AWS has no default).
// The emulator enforces TimeoutSeconds/HeartbeatSeconds itself, so the library's timer is pushed to the
// longest delay setTimeout accepts (~24.8 days).
const LIBRARY_TASK_TIMEOUT_SECONDS = 2_147_483;

function invalidDefinition(message: string): AwsServiceError {
  return new AwsServiceError('InvalidDefinition', `Invalid State Machine Definition: '${message}'`);
}

// asl-validator compiles its JSON schemas on every call (hundreds of ms): remember what passed.
const validDefinitions = new Set<string>();
const VALID_DEFINITIONS_KEPT = 200;

/** Parses and validates a definition the way CreateStateMachine does. */
export function parseDefinition(text: string): StateMachineDefinition {
  if (validDefinitions.has(text)) return JSON.parse(text) as StateMachineDefinition;
  const parsed = parseJson(text);
  if (!isJsonObject(parsed))
    throw invalidDefinition('SCHEMA_VALIDATION_FAILED: definition is not a JSON object');
  if (JSON.stringify(parsed).includes('"QueryLanguage":"JSONata"')) {
    throw invalidDefinition('JSONata is not supported by the local Step Functions; use JSONPath');
  }
  try {
    new StateMachine(parsed as unknown as StateMachineDefinition);
  } catch (error) {
    throw invalidDefinition(
      error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error),
    );
  }
  if (validDefinitions.size >= VALID_DEFINITIONS_KEPT) validDefinitions.clear();
  validDefinitions.add(text);
  return parsed as unknown as StateMachineDefinition;
}

function positiveNumber(value: Json | undefined): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function prepareTask(name: string, state: State, inMap: boolean, prepared: PreparedDefinition): State {
  const { TimeoutSeconds, TimeoutSecondsPath, HeartbeatSeconds, HeartbeatSecondsPath, ...rest } = state;
  const paths: State = {};
  if (typeof TimeoutSecondsPath === 'string') paths['timeoutSeconds.$'] = TimeoutSecondsPath;
  if (typeof HeartbeatSecondsPath === 'string') paths['heartbeatSeconds.$'] = HeartbeatSecondsPath;
  const wrapped = Object.keys(paths).length > 0;
  if (wrapped) {
    const original: State = 'Parameters' in state ? { input: state.Parameters as Json } : { 'input.$': '$' };
    rest.Parameters = { ...original, ...paths };
  }
  rest.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
  prepared.tasks.set(name, {
    name,
    resource: String(state.Resource),
    inMap,
    timeoutSeconds: positiveNumber(TimeoutSeconds),
    heartbeatSeconds: positiveNumber(HeartbeatSeconds),
    wrapped,
  });
  return rest;
}

function prepareStates(states: Json | undefined, inMap: boolean, prepared: PreparedDefinition): State {
  const copy: State = {};
  if (!isJsonObject(states)) return copy;
  for (const [name, value] of Object.entries(states)) {
    if (!isJsonObject(value)) continue;
    let state: State = { ...value };
    if ('Retry' in state) prepared.retryable.add(name);
    if (state.Type === 'Task') state = prepareTask(name, state, inMap, prepared);
    if (
      state.Type === 'Wait' &&
      (typeof state.Seconds === 'number' || typeof state.SecondsPath === 'string')
    ) {
      prepared.waits.set(name, {
        name,
        inputPath: state.InputPath as string | null | undefined,
        seconds: typeof state.Seconds === 'number' ? state.Seconds : undefined,
        secondsPath: typeof state.SecondsPath === 'string' ? state.SecondsPath : undefined,
      });
    }
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches = state.Branches.map((branch) =>
        isJsonObject(branch) ? { ...branch, States: prepareStates(branch.States, inMap, prepared) } : branch,
      );
    }
    if (state.Type === 'Map') {
      for (const field of ['ItemProcessor', 'Iterator']) {
        const processor = state[field];
        if (isJsonObject(processor)) {
          state[field] = { ...processor, States: prepareStates(processor.States, true, prepared) };
        }
      }
    }
    copy[name] = state;
  }
  return copy;
}

/** Turns a (validated) definition into what one execution runs. */
export function prepareDefinition(text: string): PreparedDefinition {
  const definition = JSON.parse(text) as { [key: string]: Json };
  const { TimeoutSeconds, ...top } = definition;
  const prepared: PreparedDefinition = {
    library: {} as StateMachineDefinition,
    tasks: new Map(),
    waits: new Map(),
    retryable: new Set(),
    timeoutSeconds: positiveNumber(TimeoutSeconds),
  };
  const library = { ...top, States: prepareStates(top.States, false, prepared) };
  prepared.library = library as unknown as StateMachineDefinition;
  return prepared;
}
