import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import type { ErasureState } from '../../core/erasure/erase-citizen';

// The erasure job on Step Functions, one execution per erasure, named after it: starting it again
// (a retried DELETE /v1/me) finds the running one.

const sfn = new SFNClient({});
let stateMachineArn: string | undefined;
const machine = () => {
  stateMachineArn ??= readEnv({ ERASURE_STATE_MACHINE_ARN: z.string().min(1) }).ERASURE_STATE_MACHINE_ARN;
  return stateMachineArn;
};

export async function startErasure(state: ErasureState): Promise<void> {
  try {
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: machine(),
        name: state.erasureId,
        input: JSON.stringify(state),
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
  }
}
