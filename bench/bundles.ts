import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ASSETS_DIR } from '../test/unit/copies/support/sample-copy';

// Every Lambda's bundle (issue 17, item 4): its size and how long a fresh Node process takes to import
// it — what a cold start pays before the handler runs. Read from the synthesized cloud assembly, so
// the figures are those of the zips `cdk deploy` uploads.

export interface FunctionBundle {
  /** The function's logical id in the template. */
  name: string;
  kb: number;
  /** Median of `runs` fresh-process imports; null when the import failed (error says why). */
  moduleLoadMs: number | null;
  error?: string;
}

export interface BundleFigures {
  functions: FunctionBundle[];
  largest: FunctionBundle;
  slowest: FunctionBundle;
  medianKb: number;
  medianLoadMs: number;
  totalMb: number;
}

interface TemplateFunction {
  Type: string;
  Properties?: { Code?: { S3Key?: string }; Environment?: { Variables?: Record<string, unknown> } };
}

export function benchBundles(cdkOutDir: string, runs = 3): BundleFigures {
  const template = JSON.parse(readFileSync(path.join(cdkOutDir, 'Docshare.template.json'), 'utf8')) as {
    Resources: Record<string, TemplateFunction>;
    Parameters?: Record<string, { Default?: string | number }>;
  };
  const parameters = template.Parameters ?? {};
  const functions = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function' && resource.Properties?.Code?.S3Key)
    .map(([name, resource]): FunctionBundle => {
      const bundle = path.join(
        cdkOutDir,
        `asset.${resource.Properties!.Code!.S3Key!.replace(/\.zip$/, '')}`,
        'index.mjs',
      );
      const kb = Number((statSync(bundle).size / 1024).toFixed(1));
      try {
        return { name, kb, moduleLoadMs: moduleLoadMs(bundle, environmentOf(resource, parameters), runs) };
      } catch (error) {
        const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
        const message =
          stderr?.split('\n').find((line) => /^\S*\s?\[?\w*Error\]?:/.test(line)) ?? String(error);
        return { name, kb, moduleLoadMs: null, error: message };
      }
    })
    .sort((a, b) => b.kb - a.kb);
  const loads = functions
    .flatMap((f) => (f.moduleLoadMs === null ? [] : [f.moduleLoadMs]))
    .sort((a, b) => a - b);
  const sizes = functions.map((f) => f.kb).sort((a, b) => a - b);
  const median = (values: number[]) => values[Math.floor(values.length / 2)] ?? 0;
  return {
    functions,
    largest: functions[0]!,
    slowest: [...functions].sort((a, b) => (b.moduleLoadMs ?? 0) - (a.moduleLoadMs ?? 0))[0]!,
    medianKb: median(sizes),
    medianLoadMs: median(loads),
    totalMb: Number((sizes.reduce((sum, kb) => sum + kb, 0) / 1024).toFixed(1)),
  };
}

/**
 * The function's environment as configured: a stack parameter's default where there is one, and
 * placeholders for what CloudFormation resolves at deploy time (key ids, table names). Config is
 * parsed at import, so it must be there.
 */
function environmentOf(
  resource: TemplateFunction,
  parameters: Record<string, { Default?: string | number }>,
): Record<string, string> {
  const variables = resource.Properties?.Environment?.Variables ?? {};
  const resolve = (key: string, value: unknown): string => {
    if (typeof value === 'string') return value;
    const ref = (value as { Ref?: string }).Ref;
    const fallback = ref ? parameters[ref]?.Default : undefined;
    return fallback === undefined ? placeholderFor(key) : String(fallback);
  };
  const environment = Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [key, resolve(key, value)]),
  );
  // The layer's PDF assets are mounted under /opt on Lambda; here they are the project's own.
  if (environment.PDF_ASSETS_DIR) environment.PDF_ASSETS_DIR = ASSETS_DIR;
  delete environment.NODE_OPTIONS; // source maps: prod ships none (docs/benchmarks.md, "Bundles")
  return environment;
}

function placeholderFor(key: string): string {
  if (/URL$|_URL_|ENDPOINT/.test(key)) return 'https://bench.invalid/';
  if (/ARN$/.test(key)) return 'arn:aws:states:us-east-1:000000000000:stateMachine:bench';
  return 'bench';
}

/** Median time to import a bundle in a fresh Node process (exits at once: nothing keeps it alive). */
export function moduleLoadMs(bundle: string, environment: Record<string, string>, runs: number): number {
  const env = {
    PATH: process.env.PATH,
    ...environment,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const script = `const t = performance.now(); await import(${JSON.stringify(bundle)}); console.log(performance.now() - t); process.exit(0);`;
  const timings = Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
        .toString()
        .trim()
        .split('\n')
        .at(-1),
    ),
  ).sort((a, b) => a - b);
  return Number(timings[Math.floor(runs / 2)]!.toFixed(1));
}
