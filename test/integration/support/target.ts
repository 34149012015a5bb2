import { readFileSync } from 'node:fs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LocalJson } from '../../../local/runtime/seed';

// The integration suite against a deployment instead of the embedded runtime: DOCSHARE_TARGET names
// a local.json-shaped file (apiUrl, awsEndpoint, the seeded partner and citizens, the Admin function)
// — for LocalStack, scripts/localstack-target.ts deploys, seeds and writes it. Tests then use only
// what a deployment offers: HTTP, LocalStack's `/_aws/ses`, and the Lambda API for the operator's
// Admin function, all through AWS_ENDPOINT_URL. `npm run test:target` runs the files that need
// nothing more (vitest.config.ts, project `target`).

export const targetFile = process.env.DOCSHARE_TARGET;

export interface TargetRuntime {
  apiUrl: string;
  edgeUrl: string;
  local: LocalJson;
  lambdas: { invoke(functionName: string, payload: unknown): Promise<unknown> };
  dispose(): Promise<void>;
}

export function openTarget(file: string): TargetRuntime {
  const local = JSON.parse(readFileSync(file, 'utf8')) as LocalJson;
  const lambda = new LambdaClient({ endpoint: process.env.AWS_ENDPOINT_URL ?? local.awsEndpoint });
  return {
    apiUrl: local.apiUrl,
    edgeUrl: local.awsEndpoint,
    local,
    lambdas: {
      async invoke(functionName, payload) {
        const out = await lambda.send(
          new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(payload) }),
        );
        const text = new TextDecoder().decode(out.Payload);
        if (out.FunctionError) throw new Error(`${functionName} failed: ${text}`);
        return text ? JSON.parse(text) : undefined;
      },
    },
    async dispose() {
      lambda.destroy();
    },
  };
}
