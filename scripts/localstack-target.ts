// Makes a LocalStack deployment a target for the integration suite (`npm run test:localstack`):
//   1. deploys the CDK app with cdklocal, with the dev identity provider (context docshare:local),
//   2. deploys again with the citizen-token parameters pointing at the deployed API (its URL is known
//      only after the first deployment),
//   3. seeds the demo partner and citizens through the Admin function, as `npm start` does locally,
//   4. writes .docshare-localstack/local.json, the file DOCSHARE_TARGET names.
// Needs a running LocalStack (docker-compose.yml) with API Gateway v2 and Lambda layers. Our machines
// have no Docker engine: this script is kept small and is not run by CI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { seedDemoData } from '../local/runtime/seed';
import { STACK_NAME } from '../local/runtime/synth';

const endpoint = process.env.AWS_ENDPOINT_URL ?? 'http://localhost:4566';
const dataDir = path.resolve('.docshare-localstack');
const outputsFile = path.join(dataDir, 'outputs.json');
const env = {
  ...process.env,
  AWS_ENDPOINT_URL: endpoint,
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
};

function deploy(parameters: Record<string, string> = {}): Record<string, string> {
  const args = ['cdklocal', 'deploy', '--all', '--require-approval', 'never', '-c', 'docshare:local=true'];
  args.push('--outputs-file', outputsFile);
  for (const [name, value] of Object.entries(parameters)) args.push('--parameters', `${name}=${value}`);
  execFileSync('npx', args, { stdio: 'inherit', env });
  return JSON.parse(readFileSync(outputsFile, 'utf8'))[STACK_NAME];
}

/** LocalStack serves an HTTP API at <id>.execute-api.localhost.localstack.cloud on its own port. */
function reachableApiUrl(apiUrl: string): string {
  const id = /^https?:\/\/([a-z0-9]+)\.execute-api\./.exec(apiUrl)?.[1];
  if (!id) return apiUrl;
  const edge = new URL(endpoint);
  return `${edge.protocol}//${id}.execute-api.localhost.localstack.cloud:${edge.port || '4566'}`;
}

mkdirSync(dataDir, { recursive: true });
execFileSync('npx', ['cdklocal', 'bootstrap'], { stdio: 'inherit', env });
const apiUrl = reachableApiUrl(deploy().ApiUrl!);
const outputs = deploy({
  PublicBaseUrl: apiUrl,
  CitizenIssuer: `${apiUrl}/dev`,
  CitizenAudience: 'docshare-local',
  CitizenJwksUrl: `${apiUrl}/dev/jwks.json`,
  CitizenAuthorizeUrl: `${apiUrl}/dev/authorize`,
  CitizenTokenUrl: `${apiUrl}/dev/token`,
  CitizenClientId: 'docshare-local',
});

const lambda = new LambdaClient({ endpoint, region: env.AWS_REGION });
const local = await seedDemoData({
  dataDir,
  apiUrl,
  edgeUrl: endpoint,
  adminFunctionName: outputs.AdminFunctionName!,
  async invoke(functionName, payload) {
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(payload) }),
    );
    const text = new TextDecoder().decode(out.Payload);
    if (out.FunctionError) throw new Error(`${functionName} failed: ${text}`);
    return JSON.parse(text);
  },
});
console.log(`LocalStack target ready: ${path.join(dataDir, 'local.json')} (API ${local.apiUrl})`);
