import type { Resolver } from './template';

// The API Gateway HTTP API routes of the template, matched the way API Gateway does: exact paths
// before parameterised ones, greedy `{proxy+}` last, `ANY` after a specific method, `$default` at the end.

export interface ApiRoute {
  routeKey: string;
  method: string;
  path: string;
  functionName: string;
  /** The integration's timeout (TimeoutInMillis; HTTP API's default and maximum: 30 s). */
  timeoutMs: number;
  pattern: RegExp;
  paramNames: string[];
  rank: number;
}

export function readApiRoutes(resolver: Resolver): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const [, route] of resolver.resourcesOfType('AWS::ApiGatewayV2::Route')) {
    const props = route.Properties ?? {};
    const routeKey = String(props.RouteKey);
    const target = resolver.resolveString(props.Target); // integrations/<IntegrationLogicalId>
    const integration = resolver.template.Resources[target.replace(/^integrations\//, '')];
    const uri = integration?.Properties?.IntegrationUri as { 'Fn::GetAtt'?: [string, string] } | undefined;
    const functionName = uri?.['Fn::GetAtt']?.[0];
    if (!functionName) continue;
    const timeoutMs = Number(integration?.Properties?.TimeoutInMillis ?? 30_000);
    routes.push({ ...compile(routeKey, functionName), timeoutMs });
  }
  return routes.sort((a, b) => a.rank - b.rank);
}

function compile(routeKey: string, functionName: string): Omit<ApiRoute, 'timeoutMs'> {
  if (routeKey === '$default') {
    return { routeKey, method: 'ANY', path: '', functionName, pattern: /^.*$/, paramNames: [], rank: 1e9 };
  }
  const [method, path] = routeKey.split(' ') as [string, string];
  const paramNames: string[] = [];
  let greedy = false;
  const source = path
    .split('/')
    .map((segment) => {
      const greedyMatch = /^\{(.+)\+\}$/.exec(segment);
      if (greedyMatch) {
        greedy = true;
        paramNames.push(greedyMatch[1]!);
        return '(.+)';
      }
      const paramMatch = /^\{(.+)\}$/.exec(segment);
      if (paramMatch) {
        paramNames.push(paramMatch[1]!);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const rank = (greedy ? 1e6 : 0) + paramNames.length * 1000 + (method === 'ANY' ? 1 : 0) - path.length / 1e4;
  return { routeKey, method, path, functionName, pattern: new RegExp(`^${source}$`), paramNames, rank };
}

export function matchRoute(
  routes: ApiRoute[],
  method: string,
  path: string,
): { route: ApiRoute; pathParameters: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const pathParameters: Record<string, string> = {};
    route.paramNames.forEach((name, index) => {
      pathParameters[name] = decodeURIComponent(match[index + 1]!);
    });
    return { route, pathParameters };
  }
  return undefined;
}
