import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type LocalRuntime, startLocalRuntime } from '../local/runtime';
import { synthesize } from '../local/runtime/synth';
import { demoCitizens } from '../local/seed/citizens';
import { TEST_CDK_OUT } from '../test/integration/support/global-setup';
import { benchCall } from './http-client';
import { pool, round, summarize, tally } from './stats';

// The three hot paths of items 2–3 of `npm run bench`, alone: `BENCH_ONLY=latency,barcodes,validations
// npm run bench` (any subset) runs just these, REPEAT times on one warm runtime, and prints each
// figure's runs and median. Quick enough (≈ 1 min) to measure an optimisation before and after, and
// to run under `node --cpu-prof`. Same parameters as the full run, so the figures are comparable.

export const PHASES = ['latency', 'barcodes', 'validations'] as const;
export type Phase = (typeof PHASES)[number];

export const LATENCY = { warmup: 20, requests: 500 };
// Throughput is measured at steady state, as a service that has been up for a minute has: a fresh
// Lambda worker runs at about half speed for its first thousand or so calls while V8 compiles and
// re-optimises the hot code (the SDK's middleware above all), and minting was still 5–10 % faster
// after 5,000 calls than after 2,400. So each phase first makes untimed warm-up calls, 10–20 s of
// them, and reports their rate apart.
export const MINT = { clients: 4, total: 400, warmup: 6000 };
// Each round validates one fresh code per document: the 12 demo documents and 4 copies of them made
// for the benchmark (60 in all), so that 4 clients are rarely left idle at the end of a round.
export const VALIDATION = { clients: 4, rounds: 8, warmupRounds: 40, documentCopies: 4 };

export async function latencyPhase(runtime: LocalRuntime) {
  const latency = async (pathname: string, token?: string) => {
    for (let i = 0; i < LATENCY.warmup; i++) await benchCall(runtime.apiUrl, 'GET', pathname, { token });
    const samples: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < LATENCY.requests; i++) {
      const started = performance.now();
      const answer = await benchCall(runtime.apiUrl, 'GET', pathname, { token });
      samples.push(performance.now() - started);
      statuses.push(answer.status);
    }
    return { ...summarize(samples), statuses: tally(statuses) };
  };
  const health = await latency('/health');
  const partner = await latency('/v1/partner', runtime.local.partner.apiKey);
  return { health, partner };
}

export async function barcodesPhase(runtime: LocalRuntime) {
  const citizen1 = runtime.local.citizens.find((c) => c.citizenId === 'cit_demo_1')!;
  const mintPath = '/v1/me/documents/doc_demo_1_passport/barcodes';
  const warmupStarted = performance.now();
  await pool(MINT.warmup, MINT.clients, () =>
    benchCall(runtime.apiUrl, 'POST', mintPath, { token: citizen1.token }),
  );
  const warmupPerSecond = round(MINT.warmup / ((performance.now() - warmupStarted) / 1000), 1);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const mints = await pool(MINT.total, MINT.clients, async () => {
    const t0 = performance.now();
    const answer = await benchCall(runtime.apiUrl, 'POST', mintPath, { token: citizen1.token });
    return { ms: performance.now() - t0, status: answer.status };
  });
  const wallMs = performance.now() - started;
  const ok = mints.filter((m) => m.status === 201);
  return {
    clients: MINT.clients,
    warmup: { calls: MINT.warmup, perSecond: warmupPerSecond },
    attempted: MINT.total,
    wallMs: round(wallMs),
    cpuMsPerCall: cpuMsPer(cpuBefore, ok.length),
    succeeded: ok.length,
    errors: tally(mints.filter((m) => m.status !== 201).map((m) => m.status)),
    perSecond: round(ok.length / (wallMs / 1000), 1),
    latency: summarize(ok.map((m) => m.ms)),
  };
}

const benchDocuments = new WeakMap<LocalRuntime, Promise<{ token: string; docId: string }[]>>();

/**
 * The demo documents, plus `VALIDATION.documentCopies` copies of each demo citizen imported through
 * the operator's `registry.import` (ids prefixed `bench<k>_`), each with a token from the dev
 * identity provider. Made once per runtime.
 */
function validationDocuments(runtime: LocalRuntime) {
  const made = benchDocuments.get(runtime);
  if (made) return made;
  const making = (async () => {
    const documents = runtime.local.citizens.flatMap((c) =>
      c.documents.map((d) => ({ token: c.token, docId: d.docId })),
    );
    for (let k = 1; k <= VALIDATION.documentCopies; k++) {
      for (const citizen of demoCitizens) {
        const citizenId = `bench${k}_${citizen.citizenId}`;
        const copies = citizen.documents.map((d) => ({ ...d, docId: `bench${k}_${d.docId}` }));
        const imported = (await runtime.lambdas.invoke(runtime.local.adminFunctionName, {
          command: 'registry.import',
          citizenId,
          fullName: citizen.fullName,
          documents: copies,
        })) as { ok?: boolean };
        if (!imported?.ok)
          throw new Error(`bench: importing ${citizenId} failed: ${JSON.stringify(imported)}`);
        const token = await benchCall(runtime.apiUrl, 'POST', '/dev/citizen-token', { body: { citizenId } });
        if (token.status !== 200) throw new Error(`bench: no token for ${citizenId}: ${token.status}`);
        documents.push(...copies.map((d) => ({ token: String(token.body?.token), docId: d.docId })));
      }
    }
    return documents;
  })();
  benchDocuments.set(runtime, making);
  return making;
}

/** As in bench/run.ts: each round mints one code per document (not timed), then validates them. */
export async function validationsPhase(runtime: LocalRuntime) {
  const partnerKey = runtime.local.partner.apiKey;
  const documents = await validationDocuments(runtime);
  const body = (barcode: string) => ({
    branchId: runtime.local.partner.branchId!,
    barcode,
    checks: { ageOver: 18 },
  });
  // A failed code would count towards the partner's guessing limit (20 per 60 s → 429): stop there.
  const samples: number[] = [];
  const statuses: number[] = [];
  const mintErrors: number[] = [];
  let wallMs = 0;
  let cpuMicros = 0;
  let warmupMs = 0;
  let warmupCalls = 0;
  let rateLimited = false;
  const passes = VALIDATION.warmupRounds + VALIDATION.rounds;
  for (let pass = 0; pass < passes && !rateLimited; pass++) {
    const timed = pass >= VALIDATION.warmupRounds;
    const minted = await pool(documents.length, VALIDATION.clients, async (i) => {
      const doc = documents[i]!;
      const answer = await benchCall(runtime.apiUrl, 'POST', `/v1/me/documents/${doc.docId}/barcodes`, {
        token: doc.token,
      });
      if (answer.status !== 201 && timed) mintErrors.push(answer.status);
      return answer.status === 201 ? String(answer.body?.barcode) : undefined;
    });
    const codes = minted.filter((code): code is string => code !== undefined);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await pool(codes.length, VALIDATION.clients, async (i) => {
      const t0 = performance.now();
      const answer = await benchCall(runtime.apiUrl, 'POST', '/v1/partner/document-validations', {
        token: partnerKey,
        body: body(codes[i]!),
      });
      if (answer.status === 429) rateLimited = true;
      if (!timed) return;
      statuses.push(answer.status);
      if (answer.status === 200) samples.push(performance.now() - t0);
    });
    if (!timed) {
      warmupMs += performance.now() - started;
      warmupCalls += codes.length;
      continue;
    }
    wallMs += performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros += cpu.user + cpu.system;
  }
  return {
    clients: VALIDATION.clients,
    warmup: { calls: warmupCalls, perSecond: round(warmupCalls / (warmupMs / 1000), 1) },
    rounds: VALIDATION.rounds,
    attempted: statuses.length,
    timedWallMs: round(wallMs),
    cpuMsPerCall: round(cpuMicros / 1000 / samples.length, 2),
    succeeded: samples.length,
    errors: tally(statuses.filter((status) => status !== 200)),
    mintErrors: tally(mintErrors),
    stoppedAtRateLimit: rateLimited,
    perSecond: round(samples.length / (wallMs / 1000), 1),
    latency: summarize(samples),
  };
}

/**
 * CPU time of the whole process (client, API server, edge and every Lambda worker thread) per
 * successful call: unlike wall time it hardly depends on what else runs on the machine, and
 * 2 cores × 1000 ms / this is the ceiling of calls per second on an idle machine.
 */
function cpuMsPer(before: NodeJS.CpuUsage, calls: number): number {
  const cpu = process.cpuUsage(before);
  return round((cpu.user + cpu.system) / 1000 / calls, 2);
}

export function selectedPhases(value: string | undefined): Phase[] {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(PHASES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown phase(s) ${unknown.join(', ')}; known: ${PHASES}`);
  return names as Phase[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** Boots a warm runtime once, then runs the phases `repeat` times; prints the runs and medians. */
export async function runHotPaths(phases: Phase[], repeat: number): Promise<Record<string, number[]>> {
  const log = (message: string) =>
    console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  const cdkOutDir = process.env.BENCH_CDK_OUT ?? TEST_CDK_OUT;
  const synth = await synthesize(cdkOutDir);
  log(`synth cache ${synth.reused ? 'warm' : 'cold (CDK app run)'}; starting the runtime…`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docshare-bench-'));
  const loadAtStart = os.loadavg();
  const runtime = await startLocalRuntime({ dataDir, cdkOutDir });
  const figures: Record<string, number[]> = {};
  const note = (name: string, value: number) => {
    figures[name] ??= [];
    figures[name].push(value);
  };
  try {
    for (let run = 1; run <= repeat; run++) {
      if (phases.includes('latency')) {
        const { health, partner } = await latencyPhase(runtime);
        log(
          `run ${run}: GET /health p50 ${health.p50} ms; GET /v1/partner p50 ${partner.p50} ms p99 ${partner.p99} ms ${JSON.stringify(partner.statuses)}`,
        );
        note('health p50 ms', health.p50);
        note('partner p50 ms', partner.p50);
        note('partner p99 ms', partner.p99);
      }
      if (phases.includes('barcodes')) {
        const mints = await barcodesPhase(runtime);
        log(
          `run ${run}: barcodes ${mints.perSecond}/s, p50 ${mints.latency.p50} ms, CPU ${mints.cpuMsPerCall} ms each, errors ${JSON.stringify(mints.errors)} (warm-up ${mints.warmup.perSecond}/s)`,
        );
        note('barcodes /s', mints.perSecond);
        note('barcode CPU ms', mints.cpuMsPerCall);
      }
      if (phases.includes('validations')) {
        const validations = await validationsPhase(runtime);
        log(
          `run ${run}: validations ${validations.perSecond}/s (${validations.succeeded} ok), p50 ${validations.latency.p50} ms, CPU ${validations.cpuMsPerCall} ms each, errors ${JSON.stringify(validations.errors)} (warm-up ${validations.warmup.perSecond}/s)`,
        );
        note('validations /s', validations.perSecond);
        note('validation CPU ms', validations.cpuMsPerCall);
        // The partner's guessing limit is per 60 s; a next round right away could meet it.
        if (validations.stoppedAtRateLimit) break;
      }
    }
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const load = (values: number[]) => values.map((v) => v.toFixed(1)).join(' / ');
  console.log(`load average at start ${load(loadAtStart)}, at end ${load(os.loadavg())} (2 cores)`);
  for (const [name, values] of Object.entries(figures)) {
    console.log(`${name.padEnd(16)} median ${median(values)}  (runs: ${values.join(', ')})`);
  }
  return figures;
}
