import type { RequestChannel } from './share-request';

// The consent state machine as the domain sees it (implemented with Step Functions).
export interface ConsentFlow {
  /** Starts the flow for a request; starting it twice under the same name is harmless. */
  start(
    executionName: string,
    input: { partnerId: string; requestId: string; timeoutSeconds: number; channel: RequestChannel },
  ): Promise<void>;
  /** Hands the citizen's decision to the waiting flow. */
  decide(taskToken: string, decision: 'approved' | 'declined'): Promise<void>;
}

export const executionNameOf = (partnerId: string, requestId: string) => `${partnerId}-${requestId}`;
