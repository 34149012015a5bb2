import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalRuntime } from '../local/runtime';
import { TEST_CDK_OUT } from '../test/integration/support/global-setup';
import { createBranchAndOffer } from '../test/integration/support/sharing';
import { approveAndTime, createPendingShares, startTimedReceiver } from './shares';

const runtime = await startLocalRuntime({
  dataDir: mkdtempSync(path.join(os.tmpdir(), 'prof-')),
  cdkOutDir: TEST_CDK_OUT,
});
const receiver = await startTimedReceiver();
const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
for (const id of await createPendingShares(runtime, target, 3))
  await approveAndTime(runtime, receiver, id, 20);
const n = Number(process.env.N ?? 20);
const ids = await createPendingShares(runtime, target, n);
const t = performance.now();
const res = await Promise.all(ids.map((id) => approveAndTime(runtime, receiver, id, 20 * n)));
console.log(
  'wall',
  performance.now() - t,
  'p50',
  res.map((r) => r.deliveredMs!).sort((a, b) => a - b)[Math.floor(n / 2)],
);
await receiver.close();
await runtime.close();
process.exit(0);
