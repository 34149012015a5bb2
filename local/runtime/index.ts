import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Edge, startEdge } from '../edge';
import { readApiRoutes } from './api-routes';
import { type ApiServer, type ApiServerState, startApiServer } from './api-server';
import { readIamDirectory } from './iam-directory';
import { LambdaHost } from './lambda-host';
import { localPages } from './local-pages';
import { localClients, provisionKeys, provisionResources } from './provision';
import { type Scheduler, type SchedulerOptions, schedulerOptionsFromEnv, startScheduler } from './scheduler';
import { type LocalJson, seedDemoData } from './seed';
import { projectRoot, STACK_NAME, synthesize } from './synth';
import { type LocalEnvironment, loadTemplate, Resolver } from './template';

// The local runtime: synthesizes the CDK app, starts the embedded AWS edge, creates what the
// template declares, serves the template's API routes with the same Lambda bundles, seeds demo data
// and writes local.json. Used by `npm start` and by the integration tests alike.

export interface LocalRuntimeOptions {
  dataDir: string;
  apiPort?: number;
  edgePort?: number;
  /** Where to synthesize; defaults to <dataDir>/cdk.out. Tests share one synthesized app. */
  cdkOutDir?: string;
  region?: string;
  /** Stack parameter values, e.g. a short RequestLifetimeSeconds for expiry tests. */
  parameters?: Record<string, string>;
  /** The scheduled rules' timing; defaults from DOCSHARE_SCHEDULE_SCALE / DOCSHARE_SCHEDULE_ON_START. */
  schedules?: SchedulerOptions;
  /** Told each step as it starts (`npm start` prints them): the first start takes a while. */
  onProgress?: (step: StartStep) => void;
}

export type StartStep = 'synth' | 'edge' | 'provision' | 'functions' | 'seed' | 'ready';

export interface LocalRuntime {
  apiUrl: string;
  edgeUrl: string;
  dataDir: string;
  local: LocalJson;
  lambdas: LambdaHost;
  resolver: Resolver;
  edge: Edge;
  /** Runs the template's scheduled rules (EventBridge) locally. */
  scheduler: Scheduler;
  close(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const dataDir = path.resolve(options.dataDir);
  const region = options.region ?? 'us-east-1';
  mkdirSync(dataDir, { recursive: true });
  const cdkOutDir = path.resolve(options.cdkOutDir ?? path.join(dataDir, 'cdk.out'));
  const progress = options.onProgress ?? (() => undefined);
  progress('synth');
  const synth = await synthesize(cdkOutDir);
  const template = loadTemplate(synth.templatePath);

  const state: ApiServerState = { routes: [] };
  let lambdas: LambdaHost | undefined;
  // Step Functions resumes persisted executions as soon as the edge starts, before the functions are
  // loaded: their invocations wait for the host instead of failing.
  let hostReady!: (host: LambdaHost) => void;
  let hostFailed!: (error: Error) => void;
  const host = new Promise<LambdaHost>((resolve, reject) => {
    hostReady = resolve;
    hostFailed = reject;
  });
  host.catch(() => undefined);
  progress('edge');
  const edge = await startEdge({
    port: options.edgePort ?? 0,
    dataDir: path.join(dataDir, 'aws'),
    region,
    invokeLambda: (name, payload) => host.then((loaded) => loaded.invoke(name, payload)),
  });
  let api: ApiServer | undefined;
  try {
    api = await startApiServer(options.apiPort ?? 0, state);
    const clients = localClients(edge.url, region);
    const env: LocalEnvironment = {
      region,
      accountId: '000000000000',
      stackName: STACK_NAME,
      apiUrl: api.url,
      awsEndpoint: edge.url,
      physicalIds: {},
      parameters: {
        PublicBaseUrl: api.url,
        SenderAddress: 'no-reply@docshare.local',
        CitizenIssuer: `${api.url}/dev`,
        CitizenAudience: 'docshare-local',
        CitizenJwksUrl: `${api.url}/dev/jwks.json`,
        // The pages sign in through the dev identity provider's code flow, as deployed ones through a real one.
        CitizenAuthorizeUrl: `${api.url}/dev/authorize`,
        CitizenTokenUrl: `${api.url}/dev/token`,
        CitizenClientId: 'docshare-local',
        ...options.parameters,
      },
    };
    const resolver = new Resolver(template, env);
    progress('provision');
    env.physicalIds = await provisionKeys(resolver, clients);
    await provisionResources(resolver, clients);
    // From here on, each function's calls are judged by its role's policies, as on AWS.
    edge.enforceIam(readIamDirectory(resolver));

    progress('functions');
    const logStream = createWriteStream(path.join(dataDir, 'lambda.log'), { flags: 'a' });
    logStream.setMaxListeners(0); // every function's worker pipes into it
    lambdas = new LambdaHost(
      resolver,
      cdkOutDir,
      {
        AWS_ENDPOINT_URL: edge.url,
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SESSION_TOKEN: '',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
      },
      logStream,
    );
    hostReady(lambdas);
    state.routes = readApiRoutes(resolver);
    state.lambdas = lambdas;
    progress('seed');
    const local = await seedDemoData({
      dataDir,
      apiUrl: api.url,
      edgeUrl: edge.url,
      adminFunctionName: resolver.resolveString(resolver.template.Outputs?.AdminFunctionName?.Value),
      invoke: (name, payload) => lambdas!.invoke(name, payload),
    });
    state.localPages = localPages(local);
    const runningHost = lambdas;
    const scheduler = startScheduler(
      resolver,
      (name, event) => runningHost.invoke(name, event),
      options.schedules ?? schedulerOptionsFromEnv(),
    );

    progress('ready');
    const runningApi = api;
    const runningLambdas = lambdas;
    return {
      apiUrl: api.url,
      edgeUrl: edge.url,
      dataDir,
      local,
      lambdas,
      resolver,
      edge,
      scheduler,
      async close() {
        scheduler.stop();
        await runningApi.close();
        await runningLambdas.close();
        await edge.close();
        await new Promise((resolve) => logStream.end(resolve));
      },
    };
  } catch (error) {
    hostFailed(error as Error);
    await api?.close();
    await lambdas?.close();
    await edge.close();
    throw error;
  }
}

export { projectRoot };
