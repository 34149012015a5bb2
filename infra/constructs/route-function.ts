import type { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/http/route';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

/**
 * One API route's function: named after the route's operationId, given the capability's
 * environment and table access, and added to the HTTP API. Further grants are the caller's.
 */
export function routeFunction(
  scope: Construct,
  shared: SharedResources,
  spec: RouteSpec,
  entry: string,
  options: { environment: Record<string, string>; tableAccess: 'read' | 'readWrite' },
): DocshareFunction {
  const fn = new DocshareFunction(scope, spec.operationId, { entry, environment: options.environment });
  shared.data.grantTable(fn, options.tableAccess);
  shared.api.addRoute(spec, fn);
  return fn;
}
