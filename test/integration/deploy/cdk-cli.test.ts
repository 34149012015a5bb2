import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The real deploy path, through the pinned CDK CLI (`npx cdk`), not the app run in-process: the CLI
// and aws-cdk-lib must read and write the same cloud-assembly schema, or `cdk deploy` fails for a
// user while `npm start` (which never uses the CLI) keeps working.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(path.join(tmpdir(), 'docshare-cdk-out-'));

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(`${out}-prod`, { recursive: true, force: true });
});

describe('the CDK CLI path', () => {
  let template: { Resources: Record<string, { Type: string }> };

  it('synthesizes the app with `npx cdk synth`', async () => {
    const { stderr } = await run('npx', ['cdk', 'synth', '--quiet', '--output', out, '--no-notices'], {
      cwd: root,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stderr).not.toMatch(/schema version mismatch/i);
    template = JSON.parse(readFileSync(path.join(out, 'Docshare.template.json'), 'utf8'));
    expect(Object.keys(template.Resources).length).toBeGreaterThan(100);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.version).toMatch(/^\d+\./);
  }, 240_000);

  it('refuses to synthesize the prod stage with the dev identity provider', async () => {
    const failed = await run(
      'npx',
      [
        'cdk',
        'synth',
        '--quiet',
        '--output',
        `${out}-prod`,
        '--no-notices',
        '-c',
        'stage=prod',
        '-c',
        'docshare:local=true',
      ],
      { cwd: root, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' }, maxBuffer: 64 * 1024 * 1024 },
    ).then(
      () => undefined,
      (error: { stderr: string }) => error,
    );
    expect(failed?.stderr).toMatch(/prod stage cannot have the dev identity provider/);
  }, 120_000);

  it('asks LocalStack for every service the template uses (and none it does not)', () => {
    const compose = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
    const services = /^\s*SERVICES:\s*(\S+)\s*$/m.exec(compose)?.[1];
    expect(services).toBeDefined();
    const listed = new Set<string>(services!.split(','));
    const SERVICE_OF: Record<string, string> = {
      ApiGatewayV2: 'apigatewayv2',
      Lambda: 'lambda',
      DynamoDB: 'dynamodb',
      S3: 's3',
      KMS: 'kms',
      SES: 'ses',
      StepFunctions: 'stepfunctions',
      IAM: 'iam',
      Logs: 'logs',
      SQS: 'sqs',
      SNS: 'sns',
      Events: 'events',
      CloudWatch: 'cloudwatch',
      SSM: 'ssm',
    };
    const used = new Set<string>();
    for (const { Type } of Object.values(template.Resources)) {
      const [provider, service] = Type.split('::');
      if (provider !== 'AWS' || service === 'CDK' || service === 'CloudFormation') continue;
      const name = SERVICE_OF[service!];
      expect(name, `no LocalStack service known for ${Type}`).toBeDefined();
      used.add(name!);
    }
    // What `cdklocal bootstrap` and deploy need beyond the template's own resources; SES v2 is what
    // the functions call.
    for (const service of ['cloudformation', 'iam', 'sts', 'ssm', 'ecr', 's3', 'sesv2']) used.add(service);
    expect([...used].filter((service) => !listed.has(service)).sort()).toEqual([]);
    expect([...listed].filter((service) => !used.has(service)).sort()).toEqual([]);
  });
});
