import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import type { ConsentFlow } from '../../core/requests/consent-flow-port';
import { recordMetric } from '../../observability/metrics';

// The consent flow on Step Functions. Executions are named after the request, so StartExecution
// is idempotent: a retry finds the running execution instead of starting a second one.

// Middleware resolved once per command type (see kms/client.ts): every decision sends a task result.
const sfn = new SFNClient({ cacheMiddleware: true });
let stateMachineArn: string | undefined;
const machine = () => {
  stateMachineArn ??= readEnv({ CONSENT_STATE_MACHINE_ARN: z.string().min(1) }).CONSENT_STATE_MACHINE_ARN;
  return stateMachineArn;
};

const IGNORABLE_ON_DECIDE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

export const stepFunctionsConsentFlow: ConsentFlow = {
  async start(executionName, input) {
    try {
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: machine(),
          name: executionName,
          input: JSON.stringify(input),
        }),
      );
      // Counted here, where a started flow is known to be new (a retry finds it existing).
      recordMetric('SharesStarted', 1, input.channel);
    } catch (error) {
      // Same name, already running or finished: the flow of this request exists.
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    }
  },

  async decide(taskToken, decision) {
    try {
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ decision }) }));
    } catch (error) {
      // The flow already moved on (timed out); the stored decision stands.
      if (!IGNORABLE_ON_DECIDE.has((error as Error).name)) throw error;
    }
  },
};
