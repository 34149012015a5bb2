// Lambda functions from a hand-written template and bundles, run by the local runtime's LambdaHost
// behind an embedded edge, so tests reach them through the real Lambda and Step Functions APIs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { LambdaHost } from '../../../../local/runtime/lambda-host';
import { Resolver } from '../../../../local/runtime/template';
import { startTestEdge, type TestEdge } from './edge-fixture';

export interface LambdaFixture {
  host: LambdaHost;
  edge: TestEdge;
  /** A scratch folder that is removed with the fixture. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * `bundles`: the source of each asset's index.mjs, by asset name (a function's Code.S3Key is
 * `<name>.zip`). `template`: the Resources the host reads its functions from.
 */
export async function startLambdaFixture(
  bundles: Record<string, string>,
  template: { Resources: Record<string, unknown> },
): Promise<LambdaFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'docshare-lambda-'));
  for (const [name, source] of Object.entries(bundles)) {
    mkdirSync(path.join(dir, `asset.${name}`));
    writeFileSync(path.join(dir, `asset.${name}`, 'index.mjs'), source);
  }
  const env = {
    region: 'us-east-1',
    accountId: '000000000000',
    stackName: 'Fixture',
    parameters: {},
    physicalIds: {},
    apiUrl: 'http://127.0.0.1:1',
  };
  const host = new LambdaHost(new Resolver(template as never, env), dir, {}, new PassThrough());
  const edge = await startTestEdge({ invokeLambda: (name, payload) => host.invoke(name, payload) });
  return {
    host,
    edge,
    dir,
    async stop() {
      await host.close();
      await edge.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The name, status and Lambda's reason of a refused SDK call; undefined if it succeeded. */
export const errorOf = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: { name: string; Reason?: string; $metadata: { httpStatusCode?: number } }) => ({
      name: error.name,
      status: error.$metadata.httpStatusCode,
      ...(error.Reason ? { reason: error.Reason } : {}),
    }),
  );
