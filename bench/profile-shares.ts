import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalRuntime } from '../local/runtime';
import { TEST_CDK_OUT } from '../test/integration/support/global-setup';
import { createBranchAndOffer } from '../test/integration/support/sharing';
import { approveAndTime, createPendingShares, startTimedReceiver } from './shares';
import { summarize } from './stats';

// `npm run bench:profile`: N shares approved at once (PROFILE_SHARES, default 40) on the local runtime,
// under node --cpu-prof; then `npm run bench:profile:read` says where the main thread's time went
// during them (edge, storage, IAM, HTTP, the API) — docs/benchmarks.md "Where a share's time goes".

const n = Number(process.env.PROFILE_SHARES ?? 40);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docshare-profile-'));
const runtime = await startLocalRuntime({ dataDir, cdkOutDir: TEST_CDK_OUT });
const receiver = await startTimedReceiver();
try {
  const target = await createBranchAndOffer(runtime, { callbackUrl: receiver.url });
  for (const id of await createPendingShares(runtime, target, 3))
    await approveAndTime(runtime, receiver, id, 20);
  const ids = await createPendingShares(runtime, target, n);
  const started = performance.now();
  console.error(`profile: window starts at ${Date.now()}`);
  const timings = await Promise.all(
    ids.map((id) => approveAndTime(runtime, receiver, id, 20 * n, 30_000, 'after-webhook')),
  );
  console.error(`profile: window ends at ${Date.now()}`);
  const delivered = summarize(timings.flatMap((t) => (t.deliveredMs === undefined ? [] : [t.deliveredMs])));
  console.log(
    `${n} shares at once: ${Math.round(performance.now() - started)} ms in all, delivered p50 ${Math.round(delivered.p50)} ms, p99 ${Math.round(delivered.p99)} ms`,
  );
} finally {
  await receiver.close();
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
}
