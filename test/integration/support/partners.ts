import type { LocalRuntime } from '../../../local/runtime';

/** Creates another partner through the operator's Admin function, as `npm run admin` does. */
export async function createPartner(
  runtime: Pick<LocalRuntime, 'lambdas' | 'local'>,
  name: string,
  documentTypes: string[],
): Promise<{ partnerId: string; apiKey: string; webhookSecret: string }> {
  const answer = (await runtime.lambdas.invoke(runtime.local.adminFunctionName, {
    command: 'partner.create',
    name,
    documentTypes,
  })) as {
    ok: boolean;
    result: { partnerId: string; apiKey: string; webhookSecret: string };
    error?: string;
  };
  if (!answer.ok) throw new Error(answer.error);
  return answer.result;
}
