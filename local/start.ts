import path from 'node:path';
import { type StartStep, startLocalRuntime } from './runtime';

// `npm start`: the whole service on this machine, with the embedded AWS. Binds 127.0.0.1 only.

// Silences the SDK's notice about Node 20 (see README § Node version); clients are made later.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const startedAt = Date.now();
const dataDir = path.resolve(process.env.DOCSHARE_DATA_DIR ?? '.docshare');
const STEPS: Record<StartStep, string> = {
  synth: 'synthesizing the CDK app and bundling the functions',
  edge: 'starting the embedded AWS (DynamoDB, S3, SES, KMS, SQS, Step Functions)',
  provision: 'creating the tables, buckets, keys, queues and state machines the template declares',
  functions: 'loading the Lambda functions',
  seed: 'seeding the demo partner and citizens',
  ready: 'starting the scheduled jobs',
};
const runtime = await startLocalRuntime({
  onProgress: (step) =>
    console.log(`  [${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${STEPS[step]}…`),
  dataDir,
  apiPort: Number(process.env.DOCSHARE_API_PORT ?? 3000),
  edgePort: Number(process.env.DOCSHARE_EDGE_PORT ?? 4566),
});

const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
console.log(`
  API            ${runtime.apiUrl}
  Start page     ${runtime.apiUrl}/
  OpenAPI        ${runtime.apiUrl}/openapi.json
  AWS edge       ${runtime.edgeUrl}   (AWS_ENDPOINT_URL for SDKs and the AWS CLI)
  E-mail inbox   ${runtime.edgeUrl}/_aws/ses/inbox
  Demo data      ${path.join(dataDir, 'local.json')}
  Lambda logs    ${path.join(dataDir, 'lambda.log')}

docshare is ready in ${seconds} s`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping docshare…`);
  await runtime.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
