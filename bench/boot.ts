import { spawn } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type LocalRuntime, projectRoot, startLocalRuntime } from '../local/runtime';
import { synthesize } from '../local/runtime/synth';
import { TEST_CDK_OUT } from '../test/integration/support/global-setup';

// Start-up figures: the synthesized app is the one the integration tests share (test-output/cdk.out),
// reused while infra/, functions/, layers/, package-lock.json and cdk.json are unchanged. Every start
// runs `synthesize` again; if a source changed since the last synth (e.g. someone is editing), that
// start includes a whole CDK synth. The stamp file tells whether it did.

const STAMP = path.join(TEST_CDK_OUT, '.docshare-inputs');
const stamp = () => (existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : undefined);

export interface SynthTiming {
  ms: number;
  /** True when the cached cdk.out was still current (no CDK app run, no esbuild). */
  reused: boolean;
  outDir: string;
}

export async function timeSynth(): Promise<SynthTiming> {
  const started = performance.now();
  const result = await synthesize(TEST_CDK_OUT);
  return { ms: performance.now() - started, reused: result.reused, outDir: TEST_CDK_OUT };
}

export interface StartTiming {
  ms: number;
  /** True when the start had to synthesize again (inputs changed after the preceding timeSynth). */
  resynthesized: boolean;
}

/** `startLocalRuntime` in this process, timed from the call until it resolves (API up, data seeded). */
export async function timedStart(dataDir: string): Promise<StartTiming & { runtime: LocalRuntime }> {
  const before = stamp();
  const started = performance.now();
  const runtime = await startLocalRuntime({ dataDir, cdkOutDir: TEST_CDK_OUT });
  return { ms: performance.now() - started, resynthesized: stamp() !== before, runtime };
}

export interface NpmStartTiming {
  /** From spawning the process until it printed "docshare is ready" (includes loading tsx and modules). */
  wallMs: number;
  /** What `npm start` itself printed ("ready in N s": after its imports, until the runtime resolved). */
  reportedMs: number;
  /** From SIGTERM until the process exited. */
  stopMs: number;
  resynthesized: boolean;
}

/**
 * Runs `npm start`'s entry point (local/start.ts under tsx, as `npm start` does, without npm's own
 * start-up) in a child process on `dataDir`, random loopback ports, then stops it with SIGTERM.
 * `<dataDir>/cdk.out` links to the shared synthesized app so the synth cache applies.
 */
export async function timeNpmStart(dataDir: string, timeoutMs = 120_000): Promise<NpmStartTiming> {
  const cdkOut = path.join(dataDir, 'cdk.out');
  if (!existsSync(cdkOut)) symlinkSync(TEST_CDK_OUT, cdkOut, 'dir');
  const before = stamp();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'local/start.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DOCSHARE_DATA_DIR: dataDir,
      DOCSHARE_API_PORT: '0',
      DOCSHARE_EDGE_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const reportedMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('npm start: not ready in time')), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const ready = /docshare is ready in ([\d.]+) s/.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(Number(ready[1]) * 1000);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', reject);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}) before it was ready:\n${output.slice(-2000)}`));
      });
    });
    const wallMs = performance.now() - started;
    const stopping = performance.now();
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
    return { wallMs, reportedMs, stopMs: performance.now() - stopping, resynthesized: stamp() !== before };
  } catch (error) {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    throw error;
  }
}
