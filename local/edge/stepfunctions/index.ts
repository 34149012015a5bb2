// The embedded Step Functions: the AWSStepFunctions JSON API over aws-local-stepfunctions, with state machines
// and executions persisted under <dataDir>/stepfunctions/ (see docs/local-stepfunctions.md).
import './promise-with-resolvers';
import { type AwsJsonService, AwsServiceError, type LambdaInvoker } from '../aws-json-service';
import { stepFunctionsRequests } from '../iam/iam-requests';
import * as executions from './execution-operations';
import type { Input } from './input';
import { StepFunctionsState } from './service-state';
import * as machines from './state-machine-operations';
import { timeoutErrorClassLearnt } from './states-timeout-error';
import * as tasks from './task-operations';

type Operation = (state: StepFunctionsState, input: Input) => unknown;

const OPERATIONS: Record<string, Operation> = {
  CreateStateMachine: machines.createStateMachine,
  UpdateStateMachine: machines.updateStateMachine,
  DescribeStateMachine: machines.describeStateMachine,
  ListStateMachines: machines.listStateMachines,
  DeleteStateMachine: machines.deleteStateMachine,
  ListTagsForResource: machines.listTagsForResource,
  TagResource: machines.tagResource,
  UntagResource: machines.untagResource,
  StartExecution: executions.startExecution,
  StartSyncExecution: executions.startSyncExecution,
  DescribeExecution: executions.describeExecution,
  DescribeStateMachineForExecution: executions.describeStateMachineForExecution,
  ListExecutions: executions.listExecutions,
  StopExecution: executions.stopExecution,
  GetExecutionHistory: executions.getExecutionHistory,
  SendTaskSuccess: tasks.sendTaskSuccess,
  SendTaskFailure: tasks.sendTaskFailure,
  SendTaskHeartbeat: tasks.sendTaskHeartbeat,
};

export function createStepFunctionsService(opts: {
  dataDir: string;
  region: string;
  accountId: string;
  invokeLambda: LambdaInvoker;
}): AwsJsonService & { close(): Promise<void> } {
  const state = new StepFunctionsState(opts);
  let closed = false;
  return {
    async handle(operation, input) {
      if (closed)
        throw new AwsServiceError('ServiceUnavailable', 'The local Step Functions service is closed', 503);
      const run = OPERATIONS[operation];
      if (!run) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `Step Functions ${operation} is not emulated locally`,
        );
      }
      await timeoutErrorClassLearnt;
      return run(state, input);
    },
    iamRequests: (operation, input) =>
      stepFunctionsRequests(operation, input, (token) => state.tokens.ownerOf(token)?.executionArn),
    async close() {
      if (closed) return;
      closed = true;
      await state.close();
    },
  };
}
