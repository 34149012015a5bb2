import { afterAll, describe, expect, it } from 'vitest';
import { readApiRoutes } from '../../../local/runtime/api-routes';
import { type ApiServer, startApiServer } from '../../../local/runtime/api-server';
import { Resolver } from '../../../local/runtime/template';

// The local API Gateway gives up on an integration after its timeout as HTTP API does: 503
// {"message":"Service Unavailable"}, at 30 s unless the integration sets less.

const env = {
  region: 'us-east-1',
  accountId: '000000000000',
  stackName: 'Timeouts',
  parameters: {},
  physicalIds: {},
  apiUrl: 'http://127.0.0.1:1',
};
const templateWith = (integration: Record<string, unknown>) =>
  new Resolver(
    {
      Resources: {
        Route: {
          Type: 'AWS::ApiGatewayV2::Route',
          Properties: { RouteKey: 'GET /slow', Target: 'integrations/Integration' },
        },
        Integration: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: { IntegrationUri: { 'Fn::GetAtt': ['Slow', 'Arn'] }, ...integration },
        },
      },
    } as never,
    env,
  );

let server: ApiServer | undefined;
afterAll(async () => server?.close());

describe('the local HTTP API integration timeout', () => {
  it('is 30 s unless the integration sets TimeoutInMillis', () => {
    expect(readApiRoutes(templateWith({}))[0]!.timeoutMs).toBe(30_000);
    expect(readApiRoutes(templateWith({ TimeoutInMillis: 200 }))[0]!.timeoutMs).toBe(200);
  });

  it('answers 503 Service Unavailable when the function outlasts it', async () => {
    const slow = (ms: number) =>
      new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'late' }), ms));
    let delay = 1000;
    server = await startApiServer(0, {
      routes: readApiRoutes(templateWith({ TimeoutInMillis: 200 })),
      lambdas: { invoke: () => slow(delay) },
    });
    const late = await fetch(`${server.url}/slow`);
    expect(late.status).toBe(503);
    expect(await late.json()).toEqual({ message: 'Service Unavailable' });
    delay = 10;
    const inTime = await fetch(`${server.url}/slow`);
    expect(inTime.status).toBe(200);
    expect(await inTime.text()).toBe('late');
  });
});
