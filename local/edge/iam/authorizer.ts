// IAM at the edge: every request signed with a local function's credentials is judged against that
// function's role — its identity policies, plus the resource's own policy (KMS key policy, bucket or
// queue policy) — by @cloud-copilot/iam-simulate, the same evaluation logic AWS documents (explicit
// deny, same-account rules, KMS's key-policy requirement, conditions). A missing grant therefore fails
// locally with the AccessDenied AWS would answer. Requests signed with any other key (the test
// process, seeding, the operator CLI) act as the account's administrator, as LocalStack treats them.
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { ArnScope, IamRequest } from './iam-requests';

export interface PolicyDocument {
  Version?: string;
  Statement: unknown[] | Record<string, unknown>;
}

/** What the template says about IAM, with every intrinsic resolved to local names. */
export interface IamDirectory {
  accountId: string;
  /** The role session behind each local access key (each function gets its own), with its secret. */
  sessions: ReadonlyMap<string, { roleArn: string; sessionName: string; secretAccessKey: string }>;
  /** Identity policies by role ARN (inline, attached and customer-managed). */
  roles: ReadonlyMap<string, ReadonlyArray<{ name: string; policy: PolicyDocument }>>;
  /** Resource policies by resource ARN; a bucket's also governs its objects. */
  resourcePolicies: ReadonlyMap<string, PolicyDocument>;
}

export interface IamPrincipal {
  /** arn:aws:sts::<account>:assumed-role/<role>/<session>, as AWS names the caller in a denial. */
  arn: string;
  roleArn: string;
}

// The edge speaks plain HTTP on loopback; on AWS the SDK always uses TLS, so that is what policies see.
const REQUEST_CONTEXT = { 'aws:SecureTransport': 'true' };
const CACHE_LIMIT = 10_000;

export class IamAuthorizer {
  private readonly decisions = new Map<string, Promise<string | undefined>>();
  /** The resource patterns of each role's policies (and of each resource policy), compiled once. */
  private readonly patterns = new Map<string, ResourcePattern[] | undefined>();
  /** Policy evaluations run (decisions not found in the cache). */
  evaluations = 0;

  constructor(private readonly directory: IamDirectory) {}

  /** The secret of a local function's access key (presigned URLs are checked with it). */
  secretFor(accessKeyId: string): string | undefined {
    return this.directory.sessions.get(accessKeyId)?.secretAccessKey;
  }

  /** The role session a request signed with this key acts as; undefined for an administrator's key. */
  principalForAccessKey(accessKeyId: string | undefined): IamPrincipal | undefined {
    const session = accessKeyId ? this.directory.sessions.get(accessKeyId) : undefined;
    return session ? this.principalForRole(session.roleArn, session.sessionName) : undefined;
  }

  /** A service acting with a role it was given (a state machine's execution role). */
  principalForRole(roleArn: string, sessionName: string): IamPrincipal | undefined {
    if (!this.directory.roles.has(roleArn)) return undefined;
    const roleName = roleArn.split('/').pop() ?? roleArn;
    return {
      arn: `arn:aws:sts::${this.directory.accountId}:assumed-role/${roleName}/${sessionName}`,
      roleArn,
    };
  }

  /**
   * Undefined when every request is allowed, else the AccessDenied message AWS gives for the first one
   * refused. `requests` undefined means the call could not be mapped to IAM actions: refused.
   */
  async check(
    principal: IamPrincipal,
    requests: IamRequest[] | undefined,
    operation: string,
  ): Promise<string | undefined> {
    if (!requests) {
      return `User: ${principal.arn} is not authorized to perform: ${operation} (the local IAM check cannot name the action this call needs)`;
    }
    for (const request of requests) {
      const denial = await this.decide(principal, request);
      if (denial) return denial;
    }
    return undefined;
  }

  private decide(principal: IamPrincipal, request: IamRequest): Promise<string | undefined> {
    const key = `${principal.roleArn} ${request.action} ${this.resourceKey(principal, request.resource)} ${request.unlisted ?? ''}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      if (this.decisions.size >= CACHE_LIMIT) this.decisions.clear();
      this.evaluations += 1;
      decision = this.evaluate(principal, request);
      // Said once per role, action and resource: the first thing to read when a local call is refused.
      void decision.then((denial) => denial && console.warn(`edge: AccessDenied: ${denial}`));
      this.decisions.set(key, decision);
    }
    return decision;
  }

  /**
   * What of a resource its decision can depend on. Every S3 object is a resource of its own, so a
   * cache by ARN never hits for new objects (four policy evaluations of ~2 ms per share); the decision
   * depends on the key only through which of the policies' resource patterns match it (the request's
   * context is the same for every call), so objects of one bucket that match the same patterns share
   * a decision — told apart by the patterns matched both as IAM documents them and as the simulator
   * matches them, so the key is never coarser than the evaluation. Patterns with policy variables
   * (`${…}`) keep the exact ARN.
   */
  private resourceKey(principal: IamPrincipal, resource: string): string {
    const bucket = /^(arn:aws:s3:::[^/]+)\//.exec(resource)?.[1];
    if (!bucket) return resource;
    const identity = this.compiled(principal.roleArn, () =>
      (this.directory.roles.get(principal.roleArn) ?? []).map(({ policy }) => policy),
    );
    const own = this.compiled(bucket, () => {
      const policy = this.directory.resourcePolicies.get(bucket);
      return policy ? [policy] : [];
    });
    if (!identity || !own) return resource;
    const matches = [...identity, ...own]
      .map(({ strict, loose }) => `${strict.test(resource) ? 1 : 0}${loose.test(resource) ? 1 : 0}`)
      .join('');
    return `${bucket}/ matching ${matches}`;
  }

  private compiled(owner: string, policies: () => PolicyDocument[]): ResourcePattern[] | undefined {
    if (!this.patterns.has(owner)) this.patterns.set(owner, resourcePatterns(policies()));
    return this.patterns.get(owner);
  }

  private async evaluate(principal: IamPrincipal, request: IamRequest): Promise<string | undefined> {
    const { action, resource } = request;
    const simulation: Simulation = {
      identityPolicies: (this.directory.roles.get(principal.roleArn) ?? []).map(({ name, policy }) => ({
        name,
        policy,
      })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: this.resourcePolicy(resource),
      request: {
        action,
        principal: principal.arn,
        resource: { accountId: this.directory.accountId, resource },
        contextVariables: REQUEST_CONTEXT,
      },
    };
    const denied = `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource}`;
    if (request.unlisted) {
      // The simulator would refuse the action/resource pairing its data does not list; AWS does not.
      // (Its unvalidated path cannot take a resource policy: none exists for these resources.)
      let outcome: string;
      try {
        outcome = runUnsafeSimulation({ ...simulation, resourcePolicy: undefined }, {});
      } catch (error) {
        return `${denied} (the policies could not be evaluated: ${String(error)})`;
      }
      return outcome === 'Allowed'
        ? undefined
        : `${denied} ${outcome === 'ExplicitlyDenied' ? 'with an explicit deny' : `because no identity-based policy allows the ${action} action`}`;
    }
    const result = await runSimulation(simulation, {});
    if (result.resultType === 'error')
      return `${denied} (the policies could not be evaluated: ${result.errors.message})`;
    if (result.overallResult === 'Allowed') return undefined;
    if (result.overallResult === 'ExplicitlyDenied') return `${denied} with an explicit deny`;
    const analysis = result.resultType === 'single' ? result.result.analysis : result.results[0]?.analysis;
    const identityAllowed = analysis?.identityAnalysis?.result === 'Allowed';
    return identityAllowed
      ? `${denied} because no resource-based policy allows the ${action} action`
      : `${denied} because no identity-based policy allows the ${action} action`;
  }

  private resourcePolicy(resource: string): Simulation['resourcePolicy'] {
    const policies = this.directory.resourcePolicies;
    const exact = policies.get(resource);
    if (exact) return exact as Simulation['resourcePolicy'];
    const bucket = /^(arn:aws:s3:::[^/]+)\//.exec(resource)?.[1];
    return (bucket ? policies.get(bucket) : undefined) as Simulation['resourcePolicy'];
  }
}

/** A policy's resource pattern matched two ways; a key that tells both apart is as fine as either. */
interface ResourcePattern {
  /** IAM's wildcards (`*`, `?`), everything else literal. */
  strict: RegExp;
  /** As the simulator matches a resource segment: any case, only `*` and `?` translated. */
  loose: RegExp;
}

/**
 * Every Resource and NotResource pattern of the policies, compiled; undefined if one uses a policy
 * variable (`${…}`), whose value would depend on the request.
 */
function resourcePatterns(policies: PolicyDocument[]): ResourcePattern[] | undefined {
  const patterns: string[] = [];
  for (const policy of policies) {
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    for (const statement of statements as Array<Record<string, unknown>>) {
      for (const field of ['Resource', 'NotResource']) {
        const value = statement[field];
        if (value !== undefined) patterns.push(...(Array.isArray(value) ? value : [value]).map(String));
      }
    }
  }
  if (patterns.some((pattern) => pattern.includes('${'))) return undefined;
  const wildcards = (c: string) => (c === '*' ? '.*' : c === '?' ? '.' : undefined);
  return patterns.map((pattern) => {
    const chars = pattern.split('');
    const strict = chars.map((c) => wildcards(c) ?? c.replace(/[.+^$()|[\]{}\\]/g, '\\$&')).join('');
    const loose = chars.map((c) => wildcards(c) ?? c.replace(/[+^$()|[\]{}\\]/g, '\\$&')).join('');
    return { strict: new RegExp(`^${strict}$`, 's'), loose: new RegExp(`^${loose}$`, 'is') };
  });
}

/** IAM as one request's handler sees it: the caller's role, ready to judge what the request asks for. */
export interface RequestIam {
  scope: ArnScope;
  /** Undefined when allowed, else AWS's AccessDenied message. */
  authorize(requests: IamRequest[] | undefined, operation: string): Promise<string | undefined>;
}

export function requestIam(authorizer: IamAuthorizer, principal: IamPrincipal, scope: ArnScope): RequestIam {
  return { scope, authorize: (requests, operation) => authorizer.check(principal, requests, operation) };
}
