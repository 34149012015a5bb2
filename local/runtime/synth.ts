import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    forgetSdkLink(outDir);
    return { outDir, templatePath, reused: true };
  }
  await runApp(outDir);
  writeFileSync(stampPath, fingerprint);
  forgetSdkLink(outDir);
  return { outDir, templatePath, reused: false };
}

/**
 * Bundles carry the AWS SDK and everything else they import, as on Lambda, where nothing outside the
 * bundle resolves. Older data dirs linked the project's node_modules beside the assets (the SDK was
 * left out then); the link goes, so a bundle cannot lean on a package Lambda would not have.
 */
function forgetSdkLink(outDir: string): void {
  const link = path.join(outDir, 'node_modules');
  if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(link);
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
