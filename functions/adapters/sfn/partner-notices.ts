import { createHash } from 'node:crypto';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import type { PartnerNotices } from '../../core/consents/revoke-partner';

// Partner notices (consent.revoked) on Step Functions: one execution per notice, retried with the
// same backoff as package deliveries. Named after the notice, so a repeat sends nothing new.

const sfn = new SFNClient({});
let stateMachineArn: string | undefined;
const machine = () => {
  stateMachineArn ??= readEnv({ NOTICES_STATE_MACHINE_ARN: z.string().min(1) }).NOTICES_STATE_MACHINE_ARN;
  return stateMachineArn;
};

export const stepFunctionsPartnerNotices: PartnerNotices & {
  resend(partnerId: string, requestId: string, event: string, attemptName: string): Promise<void>;
} = {
  /** A redelivery the partner asked for: one execution per call (its name says which call). */
  async resend(partnerId, requestId, event, attemptName) {
    const name = `redeliver-${createHash('sha256').update(attemptName).digest('hex').slice(0, 64)}`;
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: machine(),
        name,
        input: JSON.stringify({ partnerId, requestId, event }),
      }),
    );
  },

  async consentRevoked(partnerId, requestId) {
    const name = `revoked-${createHash('sha256').update(`${partnerId}\n${requestId}`).digest('hex').slice(0, 64)}`;
    try {
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: machine(),
          name,
          input: JSON.stringify({ partnerId, requestId, event: 'consent.revoked' }),
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    }
  },
};
