import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const INSTALL_HINT: Record<string, string> = {
  pdfsig: 'apt-get install -y poppler-utils',
  pdftotext: 'apt-get install -y poppler-utils',
  pdftoppm: 'apt-get install -y poppler-utils',
  certutil: 'apt-get install -y libnss3-tools',
  chromium: 'apt-get install -y --no-install-recommends chromium',
};

/**
 * Whether tests that need external tools should run. They are skipped only on a developer machine that
 * lacks a tool (with the reason printed); under CI=true they always run, and fail if a tool is missing.
 */
export function toolsAvailable(...names: string[]): boolean {
  const missing = names.filter((name) => !onPath(name));
  if (missing.length === 0 || process.env.CI === 'true') return true;
  const hints = [...new Set(missing.map((name) => INSTALL_HINT[name] ?? name))].join('; ');
  console.warn(`Skipping tests that need ${missing.join(', ')} (not installed; CI is not 'true'): ${hints}`);
  return false;
}

export async function runTool(
  name: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  if (!onPath(name)) throw new Error(`${name} is required (CI=true): ${INSTALL_HINT[name] ?? 'install it'}`);
  try {
    const { stdout, stderr } = await execFileAsync(name, args, { maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: failed.code ?? 1 };
  }
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * An NSS database (for pdfsig's `-nssdir`) that trusts one root certificate, made with certutil in
 * `dir`; returns the `sql:` path. Throws if certutil fails.
 */
export async function nssDbTrusting(dir: string, rootPem: string): Promise<string> {
  const nss = join(dir, 'nss');
  await mkdir(nss, { recursive: true });
  const rootFile = join(dir, 'trusted-root.pem');
  await writeFile(rootFile, rootPem.endsWith('\n') ? rootPem : `${rootPem}\n`);
  const db = `sql:${nss}`;
  for (const args of [
    ['-N', '-d', db, '--empty-password'],
    ['-A', '-n', 'docshare-root', '-t', 'CT,C,C', '-i', rootFile, '-d', db],
  ]) {
    const run = await runTool('certutil', args);
    if (run.code !== 0) throw new Error(`certutil ${args[0]} failed: ${run.stderr}`);
  }
  return db;
}
