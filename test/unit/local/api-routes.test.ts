import { describe, expect, it } from 'vitest';
import { matchRoute, readApiRoutes } from '../../../local/runtime/api-routes';
import { Resolver, type Template } from '../../../local/runtime/template';

function routesOf(keys: string[]) {
  const resources: Template['Resources'] = {};
  keys.forEach((key, index) => {
    resources[`Fn${index}`] = { Type: 'AWS::Lambda::Function', Properties: {} };
    resources[`Integration${index}`] = {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { IntegrationUri: { 'Fn::GetAtt': [`Fn${index}`, 'Arn'] } },
    };
    resources[`Route${index}`] = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        RouteKey: key,
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: `Integration${index}` }]] },
      },
    };
  });
  const resolver = new Resolver(
    { Resources: resources },
    {
      region: 'us-east-1',
      accountId: '0',
      stackName: 'S',
      parameters: {},
      physicalIds: {},
      apiUrl: 'http://x',
    },
  );
  return readApiRoutes(resolver);
}

describe('local API route matching', () => {
  const routes = routesOf([
    'GET /v1/partner/branches/{branchId}',
    'GET /v1/partner/branches/default',
    'ANY /v1/{proxy+}',
    'POST /v1/partner/branches/{branchId}/offers',
  ]);

  it('prefers an exact path to a parameterised one', () => {
    expect(matchRoute(routes, 'GET', '/v1/partner/branches/default')?.route.routeKey).toBe(
      'GET /v1/partner/branches/default',
    );
  });

  it('extracts and decodes path parameters', () => {
    const matched = matchRoute(routes, 'GET', '/v1/partner/branches/br%20x');
    expect(matched?.route.functionName).toBe('Fn0');
    expect(matched?.pathParameters).toEqual({ branchId: 'br x' });
  });

  it('falls back to a greedy route, and to nothing for other methods and paths', () => {
    expect(matchRoute(routes, 'DELETE', '/v1/anything/else')?.route.routeKey).toBe('ANY /v1/{proxy+}');
    expect(matchRoute(routes, 'GET', '/v2/nothing')).toBeUndefined();
  });
});
