import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TEST_CDK_OUT } from '../test/integration/support/global-setup';

// Reads the main thread's .cpuprofile (the largest) that `npm run bench:profile` wrote (test-output/profiles)
// and prints where the time of the last WINDOW_MS went (default 8 s before the last 0.5 s, the
// shares' own window): busy vs idle, then the self time by package or project folder; then how busy
// every other thread (each Lambda function's worker) was in the same window. Hand-written:
// the profile format is a small JSON tree, and the tools that read it are interactive viewers.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const dir = path.resolve('test-output/profiles');
const mainThread = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(dir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0];
if (!mainThread) throw new Error(`no .cpuprofile in ${dir}: run npm run bench:profile first`);
const profile = JSON.parse(readFileSync(mainThread, 'utf8')) as Profile;
const windowUs = Number(process.env.WINDOW_MS ?? 8000) * 1000;
const end = profile.endTime - 500_000;

/** node_modules/<package>, or the project folder two levels deep, or the runtime's own bucket. */
function bucketOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  if (url.startsWith('node:')) return 'node: (HTTP, streams, timers)';
  const project = /\/(local|functions|bench|test)\/([^/]+)/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

/** Calls `visit` with each sample of the window and the microseconds it stands for. */
function eachSampleInWindow(of: Profile, visit: (node: ProfileNode, us: number) => void): void {
  const byId = new Map(of.nodes.map((node) => [node.id, node]));
  let at = of.startTime;
  of.samples.forEach((id, i) => {
    at += of.timeDeltas[i] ?? 0;
    if (at >= end - windowUs && at <= end) visit(byId.get(id)!, of.timeDeltas[i + 1] ?? 0);
  });
}

let total = 0;
const byBucket = new Map<string, number>();
eachSampleInWindow(profile, (node, us) => {
  total += us;
  const bucket = bucketOf(node);
  byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + us);
});
const idle = byBucket.get('(idle)') ?? 0;
console.log(
  `${path.basename(mainThread)}: ${Math.round(total / 1000)} ms window, ${Math.round((total - idle) / 1000)} ms busy`,
);
for (const [bucket, us] of [...byBucket].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${String(Math.round(us / 1000)).padStart(7)} ms  ${bucket}`);

// Every thread's busy time in the same window (profiles share the process's clock), named by the
// function whose bundle it ran.
const functionOfAsset = new Map<string, string>();
const templateFile = path.join(TEST_CDK_OUT, 'Docshare.template.json');
if (existsSync(templateFile)) {
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as {
    Resources: Record<string, { Type: string; Properties?: { Code?: { S3Key?: string } } }>;
  };
  for (const [id, resource] of Object.entries(template.Resources)) {
    const key = resource.Properties?.Code?.S3Key;
    if (resource.Type !== 'AWS::Lambda::Function' || !key) continue;
    // Functions built from the same entry share a bundle: a thread is named by all of them.
    const asset = key.replace(/\.zip$/, '');
    const known = functionOfAsset.get(asset);
    functionOfAsset.set(asset, known ? `${known} / ${id}` : id);
  }
}
const threads = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(dir, f))
  .filter((file) => file !== mainThread)
  .map((file) => {
    const thread = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    // The worker's bundle appears in its call frames (any of them: the name, not the time, is wanted).
    const asset = thread.nodes
      .map((node) => /asset\.([0-9a-f]{64})/.exec(node.callFrame.url)?.[1])
      .find((hash) => hash && functionOfAsset.has(hash));
    let busy = 0;
    eachSampleInWindow(thread, (node, us) => {
      if (node.callFrame.functionName !== '(idle)') busy += us;
    });
    return { name: (asset && functionOfAsset.get(asset)) ?? '(no function)', busy };
  })
  .filter(({ busy }) => busy > 0)
  .sort((a, b) => b.busy - a.busy);
console.log('\nother threads, busy in the same window:');
for (const { name, busy } of threads)
  console.log(`${String(Math.round(busy / 1000)).padStart(7)} ms  ${name}`);
