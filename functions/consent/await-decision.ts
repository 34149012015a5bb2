import * as z from 'zod';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { stepFunctionsConsentFlow } from '../adapters/sfn/consent-flow';
import { requestRef } from './task-input';

// Flow step "wait for the citizen" (a .waitForTaskToken task): stores the task token on the
// pending request. If the citizen decided before the token was stored, hands that decision to the
// flow right away — otherwise nobody would.

const input = requestRef.extend({ taskToken: z.string().min(1) });

export const handler = async (event: unknown) => {
  const { partnerId, requestId, taskToken } = input.parse(event);
  if (await dynamoRequestStore.setTaskToken(partnerId, requestId, taskToken)) return { waiting: true };
  const request = await dynamoRequestStore.get(partnerId, requestId);
  if (request?.status === 'approved' || request?.status === 'declined') {
    await stepFunctionsConsentFlow.decide(taskToken, request.status);
  }
  return { waiting: false, status: request?.status };
};
