// Boots the embedded AWS edge on a random loopback port with a throw-away data directory, and gives
// the settings real AWS SDK v3 clients need to talk to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Edge, type EdgeOptions, startEdge } from '../../../../local/edge';

export interface TestEdge {
  edge: Edge;
  dataDir: string;
  /** Spread into any SDK client's constructor (add `forcePathStyle: true` for S3). */
  clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  /** Stops the edge and starts a new one on the same data directory (same clientConfig shape, new port). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestEdge(options: Partial<Omit<EdgeOptions, 'dataDir'>> = {}): Promise<TestEdge> {
  const dataDir = mkdtempSync(join(tmpdir(), 'docshare-edge-'));
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const fixture: TestEdge = {
    edge: await startEdge({ ...options, port: 0, dataDir }),
    dataDir,
    clientConfig: { endpoint: '', region: 'us-east-1', credentials },
    async restart() {
      await fixture.edge.close();
      fixture.edge = await startEdge({ ...options, port: 0, dataDir });
      fixture.clientConfig.endpoint = fixture.edge.url;
    },
    async stop() {
      await fixture.edge.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  fixture.clientConfig.endpoint = fixture.edge.url;
  return fixture;
}
