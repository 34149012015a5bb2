import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import type { LocalRuntime } from '../local/runtime';
import { readApiRoutes } from '../local/runtime/api-routes';
import { organisationWithPoster, waitForMail } from '../test/integration/organisations/support';
import { callApi } from '../test/integration/support/runtime';
import { approve, createBranchAndOffer, submitShare } from '../test/integration/support/sharing';
import { eventually, startWebhookReceiver } from '../test/integration/support/webhook-receiver';
import { type CostLine, costPer1000Shares, type ShareUsage } from './cost-model';
import { round } from './stats';

// What a share cost on the embedded AWS, counted while it ran and nothing else did: every call the
// edge served (by operation and by calling function), every Lambda invocation and its duration, and
// the Step Functions transitions of the executions it started — priced by cost-model.ts.

export interface MeasuredShares {
  usage: ShareUsage;
  /** DynamoDB calls per share by "<function> <operation>". */
  dynamoDbByFunction: Record<string, number>;
  cost: { totalUsd: number; lines: CostLine[] };
}

/** Runs `shares` shares through `run` and counts what they made the edge, Lambda and SFN do. */
export async function measureShares(
  runtime: LocalRuntime,
  shares: number,
  run: () => Promise<void>,
): Promise<MeasuredShares> {
  await sleep(500);
  const before = new Map(runtime.edge.targetCounts);
  const callersBefore = new Map(runtime.edge.callerCounts);
  const lambdaBefore = new Map(
    [...runtime.lambdas.usage].map(([name, u]) => [name, { ...u, busyMs: runtime.lambdas.busyMs(name) }]),
  );
  const started = new Date();
  await run();
  await sleep(500);
  const edgeRequests: Record<string, number> = {};
  for (const [key, value] of runtime.edge.targetCounts) {
    const diff = value - (before.get(key) ?? 0);
    if (diff) edgeRequests[key] = diff;
  }
  const dynamoDbByFunction: Record<string, number> = {};
  for (const [key, value] of runtime.edge.callerCounts) {
    const [fn, operation] = key.split(' ');
    const diff = value - (callersBefore.get(key) ?? 0);
    if (!diff || !operation?.startsWith('DynamoDB_')) continue;
    const name = `${fn!.replace(/[0-9A-F]{8}$/, '')} ${operation.split('.')[1]}`;
    dynamoDbByFunction[name] = round((dynamoDbByFunction[name] ?? 0) + diff / shares, 1);
  }
  const lambda = [...runtime.lambdas.usage]
    .map(([name, u]) => {
      const was = lambdaBefore.get(name) ?? { invocations: 0, ms: 0, busyMs: 0 };
      return {
        name,
        invocations: u.invocations - was.invocations,
        ms: u.ms - was.ms,
        busyMs: runtime.lambdas.busyMs(name) - was.busyMs,
        memoryMb: u.memoryMb,
      };
    })
    .filter((u) => u.invocations > 0);
  const routeFunctions = new Set(readApiRoutes(runtime.resolver).map((route) => route.functionName));
  const apiRequests = lambda
    .filter((u) => routeFunctions.has(u.name))
    .reduce((sum, u) => sum + u.invocations, 0);
  const usage: ShareUsage = {
    shares,
    apiRequestsPerShare: round(apiRequests / shares, 1),
    edgeRequests,
    lambda,
    stepFunctionsTransitions: await stateTransitionsSince(runtime, started),
  };
  return { usage, dynamoDbByFunction, cost: costPer1000Shares(usage) };
}

/** QR shares (organisation without IT): the visitor opens the QR page and shares; the branch gets mail. */
export async function measureQrShares(runtime: LocalRuntime, shares: number): Promise<MeasuredShares> {
  const { email, qrCode } = await organisationWithPoster(runtime, 'cost');
  const visitor = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_1')!;
  return measureShares(runtime, shares, async () => {
    for (let i = 0; i < shares; i++) {
      const shown = await callApi(runtime, 'GET', `/v1/qr/${qrCode}`, { token: visitor.token });
      const shared = await callApi<{ requestId: string }>(runtime, 'POST', `/v1/me/qr/${qrCode}/shares`, {
        token: visitor.token,
        body: { pin: visitor.pin, ...(shown.body.version ? { version: shown.body.version } : {}) },
      });
      if (shared.status !== 202 && shared.status !== 201)
        throw new Error(`QR share: ${shared.status} ${JSON.stringify(shared.body)}`);
      await waitForMail(runtime, email, (m) => m.Subject.includes(shared.body.requestId), 60_000);
    }
  });
}

/**
 * A share whose webhook answers 503 every time: all its attempts run (the local synth waits seconds
 * between them instead of hours; the attempts are as many as deployed). `unansweredUsd` bills each
 * attempt's Lambda run for the whole 10 s a receiver that never answers takes.
 */
export async function measureDeadWebhook(
  runtime: LocalRuntime,
): Promise<MeasuredShares & { attempts: number; unansweredUsd: number }> {
  const receiver = await startWebhookReceiver({ failFirst: Number.MAX_SAFE_INTEGER });
  try {
    const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
    const measured = await measureShares(runtime, 1, async () => {
      const { requestId, answer } = await submitShare(runtime, target);
      if (answer.status !== 202) throw new Error(`document request: ${answer.status}`);
      await approve(runtime, requestId);
      // Watched through Step Functions, not the API: polling the API would be billed to the share.
      await executionEnded(runtime, `${runtime.local.partner.partnerId}-${requestId}`, 120_000);
    });
    const webhookFunctions = measured.usage.lambda.filter((u) => u.name?.startsWith('ConsentDeliverWebhook'));
    const unanswered = costPer1000Shares({
      ...measured.usage,
      lambda: measured.usage.lambda.map((u) =>
        webhookFunctions.includes(u) ? { ...u, ms: u.invocations * 10_000 } : u,
      ),
    });
    return { ...measured, attempts: receiver.attempts(), unansweredUsd: unanswered.totalUsd };
  } finally {
    await receiver.close();
  }
}

/** Waits until the execution named `name` (of any state machine) has ended. */
async function executionEnded(runtime: LocalRuntime, name: string, timeoutMs: number): Promise<void> {
  const sfn = new SFNClient({
    endpoint: runtime.edgeUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
    await eventually(
      async () => {
        for (const machine of stateMachines) {
          const { executions = [] } = await sfn.send(
            new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, maxResults: 1000 }),
          );
          const execution = executions.find((e) => e.name === name);
          if (execution) return execution.status !== 'RUNNING';
        }
        return false;
      },
      timeoutMs,
      500,
    );
  } finally {
    sfn.destroy();
  }
}

/**
 * Step Functions Standard bills every state entered, retries included: the StateEntered events and
 * the TaskFailed events that another try followed of every execution started since `since`, read back through the SFN API.
 */
async function stateTransitionsSince(runtime: LocalRuntime, since: Date): Promise<number> {
  const sfn = new SFNClient({
    endpoint: runtime.edgeUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  let transitions = 0;
  const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
  for (const machine of stateMachines) {
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, maxResults: 1000 }),
    );
    for (const execution of executions) {
      if (!execution.startDate || execution.startDate < since) continue;
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({
            executionArn: execution.executionArn,
            nextToken,
            maxResults: 1000,
          }),
        );
        const events = page.events ?? [];
        events.forEach((event, i) => {
          if (event.type?.endsWith('StateEntered')) transitions += 1;
          // A retry is billed as a transition; a failure caught into another state (or ending the
          // execution) is not: that state's StateEntered is. The embedded runtime's histories have
          // no TaskScheduled; a caught failure is followed by the next state's StateEntered.
          const next = events[i + 1]?.type ?? 'ExecutionEnded';
          if (event.type === 'TaskFailed' && !next.endsWith('StateEntered') && !next.startsWith('Execution'))
            transitions += 1;
        });
        nextToken = page.nextToken;
      } while (nextToken);
    }
  }
  sfn.destroy();
  return transitions;
}
