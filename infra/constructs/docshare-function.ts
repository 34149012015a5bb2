import { execSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IRole, ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  type ILayerVersion,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type BuildOptions, buildSync } from 'esbuild';
import { retention, retentionEnvironment } from '../config/retention';
import { bundleAliases } from './bundle-aliases';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DocshareFunctionProps {
  /** The handler's path under functions/, without extension: `partner/get-partner`. */
  entry: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  layers?: ILayerVersion[];
  /** Shell commands run after esbuild, e.g. to build files that ship beside the bundle. */
  afterBundling?: (inputDir: string, outputDir: string) => string[];
  /**
   * Functions of one construct with the same privilege share a role; give a function reachable by
   * anyone (`public`) a privilege of its own so it does not inherit what its neighbours may do.
   */
  privilege?: string;
  /** Executions reserved for (and the most allowed to) this function; see `reservedConcurrency`. */
  reservedConcurrency?: number;
}

/**
 * Reserved concurrency from CDK context `docshare:<key>`, else `fallback`; 0 means none. It caps what
 * a burst of shares can ask of KMS and of partners' servers, and keeps those functions runnable when
 * the rest of the account is busy. A new account's quota (10 executions) cannot spare any: deploy
 * there with `-c docshare:<key>=0`.
 */
export function reservedConcurrency(scope: Construct, key: string, fallback: number): number | undefined {
  const value = Number(scope.node.tryGetContext(`docshare:${key}`) ?? fallback);
  return value > 0 ? value : undefined;
}

// The functions of one capability construct share an execution role and a log group. One role and
// one log group per function would put the stack over CloudFormation's 500-resource limit (seven
// resources per route); the grants stay scoped to the capability, whose functions need the same
// resources anyway. Each function's log lines carry its name in the JSON logs.
class FunctionGroup extends Construct {
  readonly role: IRole;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    // Suppressed here, on this role only, so a wildcard anywhere else still fails cdk-nag.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) are defined on no resource.',
    });
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: retention.logDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}

function functionGroupOf(scope: Construct, privilege?: string): FunctionGroup {
  // The default group keeps its original id, so existing roles and log groups keep their logical ids.
  const id = privilege ? `Functions${privilege[0]!.toUpperCase()}${privilege.slice(1)}` : 'Functions';
  return (scope.node.tryFindChild(id) as FunctionGroup | undefined) ?? new FunctionGroup(scope, id);
}

// Every Lambda of docshare: Node 22 on arm64, an ESM bundle made by esbuild (minified; source maps
// outside prod), X-Ray tracing, JSON logs in the capability's log group. The AWS SDK v3 is bundled:
// every target runs the SDK version the tests ran, not whichever one the Lambda runtime ships, and a
// minified bundle loads faster than the runtime's SDK files (docs/architecture.md, "The AWS SDK").
//
// The bundle is built by esbuild's JavaScript API inside the synth process (CDK asset bundling with a
// local bundler) rather than by NodejsFunction, which spawns `npx esbuild` once per function: with
// ~70 functions that npm start-up alone took over a minute of every cold `npm start` and CI run.
// Same esbuild options as NodejsFunction used; the asset hash is the bundle's (AssetHashType.OUTPUT).
/** Set by the stack from its stage: false in prod (no source maps, no --enable-source-maps). */
export const SOURCE_MAPS_CONTEXT = 'docshare:sourceMaps';

export class DocshareFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: DocshareFunctionProps) {
    const { role, logGroup } = functionGroupOf(scope, props.privilege);
    const entry = path.join(projectRoot, 'functions', `${props.entry}.ts`);
    // Source maps cost ~150 ms of every cold start (Node parses the map at load with
    // --enable-source-maps) and ~3/4 of the deployed bytes: dev stages keep them for readable stack
    // traces, prod ships none (docs/benchmarks.md, "Bundles").
    const sourceMaps = scope.node.tryGetContext(SOURCE_MAPS_CONTEXT) !== false;
    super(scope, id, {
      role,
      code: Code.fromAsset(path.join(projectRoot, 'functions'), {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never used: the local bundler always succeeds or throws.
          image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
          // Part of CDK's asset cache key, which ignores the local bundler: one bundle per entry.
          command: ['esbuild', props.entry, sourceMaps ? 'maps' : 'no-maps'],
          local: { tryBundle: (outputDir) => bundle(entry, outputDir, sourceMaps, props.afterBundling) },
        },
      }),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      layers: props.layers,
      reservedConcurrentExecutions: props.reservedConcurrency,
      // Every function knows the retention periods (infra/config/retention.ts).
      environment: {
        ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...retentionEnvironment(),
        ...props.environment,
      },
    });
  }
}

/** How every Lambda is bundled (the tests of the stand-ins build with the same options). */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
  alias: bundleAliases(projectRoot),
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
} satisfies BuildOptions;

function bundle(
  entry: string,
  outputDir: string,
  sourceMaps: boolean,
  afterBundling?: (inputDir: string, outputDir: string) => string[],
): boolean {
  buildSync({
    ...LAMBDA_BUNDLE_OPTIONS,
    entryPoints: [entry],
    outfile: path.join(outputDir, 'index.mjs'),
    sourcemap: sourceMaps,
  });
  for (const command of afterBundling?.(projectRoot, outputDir) ?? []) {
    execSync(command, { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return true;
}
