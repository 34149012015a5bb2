import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

// The operator CLI: `npm run admin -- partner create --name "Bank" --document-types a,b`.
// It invokes the stack's Admin function with the caller's AWS credentials; locally it finds the
// function and the embedded AWS endpoint in <DOCSHARE_DATA_DIR>/local.json.

const usage = `usage: npm run admin -- <command> [options]
  partner create --name <name> --document-types <type,type,…>
  partner rotate-key --partner-id <id>
  partner rotate-webhook-secret --partner-id <id>
  partner show --partner-id <id>
  signing-chain issue                   once per deployment, before the first copy: certify the signing key
  documents refresh                     refresh documents due from their registries now (F9)
  copies expire                         mark copies past their expiry \`expired\` now
  error-reports receive [--max <1-10>]  take reports off the registry queue (marks them in_review)
  error-reports set-status --report-id <id> --status <in_review|resolved|rejected> [--note <text>]
options: --function <Admin function name> (default: $DOCSHARE_ADMIN_FUNCTION or local.json)`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    'document-types': { type: 'string' },
    'partner-id': { type: 'string' },
    'report-id': { type: 'string' },
    status: { type: 'string' },
    note: { type: 'string' },
    max: { type: 'string' },
    function: { type: 'string' },
    help: { type: 'boolean' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

if (values.help || positionals.length < 2) fail('Which command?');
const [noun, verb] = positionals as [string, string];
const command =
  noun === 'partner' && verb === 'create'
    ? {
        command: 'partner.create',
        name: values.name ?? fail('--name is required'),
        documentTypes: (values['document-types'] ?? fail('--document-types is required')).split(','),
      }
    : noun === 'partner' && ['rotate-key', 'rotate-webhook-secret', 'show'].includes(verb)
      ? { command: `partner.${verb}`, partnerId: values['partner-id'] ?? fail('--partner-id is required') }
      : (otherCommand(noun, verb) ?? fail(`Unknown command: ${noun} ${verb}`));

/** The jobs and the registry's error-report commands. */
function otherCommand(noun: string, verb: string): Record<string, unknown> | undefined {
  if (noun === 'signing-chain' && verb === 'issue') return { command: 'signing-chain.issue' };
  if (noun === 'documents' && verb === 'refresh') return { command: 'documents.refresh' };
  if (noun === 'copies' && verb === 'expire') return { command: 'copies.expire' };
  if (noun === 'error-reports' && verb === 'receive')
    return { command: 'error-reports.receive', ...(values.max ? { max: Number(values.max) } : {}) };
  if (noun === 'error-reports' && verb === 'set-status')
    return {
      command: 'error-reports.set-status',
      reportId: values['report-id'] ?? fail('--report-id is required'),
      status: values.status ?? fail('--status is required'),
      ...(values.note ? { note: values.note } : {}),
    };
  return undefined;
}

const localJsonPath = path.resolve(process.env.DOCSHARE_DATA_DIR ?? '.docshare', 'local.json');
const local = existsSync(localJsonPath)
  ? (JSON.parse(readFileSync(localJsonPath, 'utf8')) as { adminFunctionName: string; awsEndpoint: string })
  : undefined;
const functionName = values.function ?? process.env.DOCSHARE_ADMIN_FUNCTION ?? local?.adminFunctionName;
if (!functionName)
  fail('No Admin function: pass --function, set DOCSHARE_ADMIN_FUNCTION, or run npm start first');

const usingLocal = !values.function && !process.env.DOCSHARE_ADMIN_FUNCTION && local !== undefined;
const client = new LambdaClient(
  usingLocal
    ? {
        endpoint: local!.awsEndpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }
    : {},
);
const out = await client.send(
  new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(command)) }),
);
const answer = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8') || '{}');
if (out.FunctionError || !answer.ok) {
  console.error(`Failed: ${answer.error ?? answer.errorMessage ?? 'unknown error'}`);
  process.exit(1);
}
console.log(JSON.stringify(answer.result, null, 2));
if (answer.result?.apiKey || answer.result?.webhookSecret) {
  console.error('\nSecrets are shown only this once: store them now.');
}
