import type { z } from 'zod';

// A route's contract: method, path, who may call it and the zod schemas of what goes in and out.
// The same object drives validation in the Lambda (functions/http/handler.ts), the API Gateway
// route in the CDK app (infra/constructs/http-api.ts) and the OpenAPI document (openapi.ts).

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteAuth = 'public' | 'partner' | 'citizen';
/** `form`: application/x-www-form-urlencoded (OAuth endpoints, HTML forms), validated by `body`. */
export type BodyKind = 'none' | 'json' | 'pdf' | 'form';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface RouteSpec<
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** API Gateway style path: `/v1/partner/branches/{branchId}`. */
  path: string;
  operationId: string;
  summary: string;
  tags: readonly string[];
  auth: RouteAuth;
  body?: B;
  bodyKind?: BodyKind;
  /** Body size limit in bytes; 1 MiB unless a route says otherwise. */
  maxBodyBytes?: number;
  params?: P;
  query?: Q;
  /** The status of a successful answer (200 unless given). */
  successStatus?: number;
  responses: Record<number, ResponseSpec>;
}

export const MiB = 1024 * 1024;

/** `const` keeps literal types (the auth role, the schemas) so handlers get precise input types. */
export function defineRoute<const S extends RouteSpec>(spec: S): S {
  return spec;
}

export function routeKey(route: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
