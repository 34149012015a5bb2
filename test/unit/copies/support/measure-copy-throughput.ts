// Not a test: measures render + sign per copy with the in-memory signer, and the PDF size.
// Run: npx tsx test/unit/copies/support/measure-copy-throughput.ts [copies]
import { renderCopy } from '../../../../functions/core/copies/render-copy';
import { encodeCopyQr } from '../../../../functions/core/qr/copy-qr';
import { signPdf } from '../../../../functions/core/signing/sign-pdf';
import { ASSETS_DIR, createSigningSetup, sampleClaims, sampleCopyInput } from './sample-copy';

const copies = Number(process.argv[2] ?? 300);
const setup = await createSigningSetup();

async function produceCopy(index: number): Promise<Uint8Array> {
  const copyId = `0f8e2c4a-6b1d-4e3f-9a27-${String(index).padStart(12, '0')}`;
  const qr = await encodeCopyQr(sampleClaims(copyId), setup.copySigner, setup.chain.signingCertDer);
  const pdf = await renderCopy(sampleCopyInput(qr, copyId), { assetsDir: ASSETS_DIR });
  return signPdf(pdf, setup.copySigner, setup.chain);
}

const coldStart = performance.now();
await produceCopy(0);
const firstMs = performance.now() - coldStart;
for (let i = 1; i <= 30; i++) await produceCopy(i); // warm up the JIT

const timings: number[] = [];
let bytes = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
for (let i = 0; i < copies; i++) {
  const t = performance.now();
  bytes = (await produceCopy(1000 + i)).length;
  timings.push(performance.now() - t);
}
const totalMs = performance.now() - started;
// CPU time is what a core can do; wall time also counts whatever else the machine runs meanwhile.
const cpu = process.cpuUsage(cpuBefore);
const cpuMsPerCopy = (cpu.user + cpu.system) / 1000 / copies;
timings.sort((a, b) => a - b);
const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(2);
console.log(
  JSON.stringify({
    copies,
    firstCopyMs: Number(firstMs.toFixed(1)),
    medianMs: Number(at(0.5)),
    p95Ms: Number(at(0.95)),
    copiesPerSecondWall: Math.round((copies * 1000) / totalMs),
    cpuMsPerCopy: Number(cpuMsPerCopy.toFixed(2)),
    copiesPerCpuSecond: Math.round(1000 / cpuMsPerCopy),
    pdfBytes: bytes,
  }),
);
