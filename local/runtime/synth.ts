import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Synthesizes the CDK app exactly as `cdk synth` would (same app, same esbuild bundles), with the
// `docshare:local` context that adds the dev identity provider. Skipped when nothing it reads has
// changed since the last run, which keeps warm starts fast.

export const projectRoot = path.resolve(import.meta.dirname, '../..');
const INPUTS = ['infra', 'functions', 'layers', 'package-lock.json', 'cdk.json'];
export const STACK_NAME = 'Docshare';

export interface SynthResult {
  outDir: string;
  templatePath: string;
  reused: boolean;
}

export async function synthesize(outDir: string): Promise<SynthResult> {
  const templatePath = path.join(outDir, `${STACK_NAME}.template.json`);
  const stampPath = path.join(outDir, '.docshare-inputs');
  const fingerprint = fingerprintInputs();
  if (existsSync(templatePath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === fingerprint) {
    provideSdk(outDir);
    return { outDir, templatePath, reused: true };
  }
  await runApp(outDir);
  writeFileSync(stampPath, fingerprint);
  provideSdk(outDir);
  return { outDir, templatePath, reused: false };
}

/**
 * Bundles leave the AWS SDK out because the Lambda runtime provides it. Locally the project's own
 * node_modules play that part: a link beside the assets lets their imports resolve from anywhere.
 */
function provideSdk(outDir: string): void {
  const link = path.join(outDir, 'node_modules');
  if (!existsSync(link)) symlinkSync(path.join(projectRoot, 'node_modules'), link, 'dir');
}

function runApp(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'infra/app.ts')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        CDK_OUTDIR: outDir,
        // The local stack: dev identity provider; webhook retries seconds apart instead of minutes.
        CDK_CONTEXT_JSON: JSON.stringify({
          'docshare:local': 'true',
          'docshare:webhookRetryIntervalSeconds': '1',
          'docshare:webhookRetryMaxDelaySeconds': '2',
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`CDK synth failed (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

function fingerprintInputs(): string {
  const hash = createHash('sha256');
  const visit = (relative: string) => {
    const full = path.join(projectRoot, relative);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative).update(String(stat.size)).update(String(stat.mtimeMs));
    }
  };
  for (const input of INPUTS) visit(input);
  return hash.digest('hex');
}
