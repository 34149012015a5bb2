import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { demoCitizens, registryRenewals } from '../seed/citizens';

// Seeds the demo data through the same Admin function an operator uses on AWS (locally, or on a
// LocalStack deployment: scripts/localstack-target.ts), and writes <dataDir>/local.json (api.md
// § "Local runtime"). Re-seeding keeps what already exists, so restarts keep keys, ids and data.

export interface LocalJson {
  apiUrl: string;
  awsEndpoint: string;
  adminFunctionName: string;
  partner: {
    partnerId: string;
    apiKey: string;
    webhookSecret?: string;
    encryptionPrivateJwk?: Record<string, unknown>;
    branchId?: string;
    offerId?: string;
  };
  citizens: Array<{
    citizenId: string;
    fullName: string;
    pin: string;
    token: string;
    documents: Array<{ docId: string; type: string }>;
    /** The demo business registry's companies the citizen heads (api.md § Local runtime). */
    companies: Array<{ taxId: string; name: string }>;
  }>;
}

export interface SeedContext {
  dataDir: string;
  apiUrl: string;
  edgeUrl: string;
  /** The operator's Admin function (the template's AdminFunctionName output). */
  adminFunctionName: string;
  /** Invokes a function: the local Lambda host, or the Lambda API of a deployment (LocalStack). */
  invoke(functionName: string, payload: unknown): Promise<unknown>;
}

const ALL_DOCUMENT_TYPES = [
  'internal-passport',
  'foreign-passport',
  'taxpayer-card',
  'idp-certificate',
  'birth-certificate',
  'driver-license',
  'vehicle-registration',
  'student-card',
];

export async function seedDemoData(context: SeedContext): Promise<LocalJson> {
  const localPath = path.join(context.dataDir, 'local.json');
  const previous = existsSync(localPath)
    ? (JSON.parse(readFileSync(localPath, 'utf8')) as LocalJson)
    : undefined;
  const { adminFunctionName } = context;
  const admin = async (command: Record<string, unknown>) => {
    const answer = (await context.invoke(adminFunctionName, command)) as {
      ok: boolean;
      result?: Record<string, unknown>;
      error?: string;
    };
    if (!answer.ok) throw new Error(`Admin ${String(command.command)} failed: ${answer.error}`);
    return answer.result!;
  };

  // Once per deployment, before any copy: what an operator runs after `cdk deploy` (docs/deploy.md).
  await admin({ command: 'signing-chain.issue' });

  const call = async (method: string, pathname: string, token: string, body?: unknown) => {
    const response = await fetch(context.apiUrl + pathname, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  let partner = previous?.partner;
  if (partner) {
    const exists = await admin({ command: 'partner.show', partnerId: partner.partnerId }).then(
      () => true,
      () => false,
    );
    if (!exists) partner = undefined;
  }
  if (!partner) {
    const created = await admin({
      command: 'partner.create',
      name: 'Демо-банк',
      documentTypes: ALL_DOCUMENT_TYPES,
    });
    partner = {
      partnerId: String(created.partnerId),
      apiKey: String(created.apiKey),
      webhookSecret: String(created.webhookSecret),
    };
  }
  if (!partner.encryptionPrivateJwk) {
    const { privateKey, publicKey } = await generateKeyPair('ECDH-ES+A256KW', {
      crv: 'P-256',
      extractable: true,
    });
    const publicJwk = {
      ...(await exportJWK(publicKey)),
      kid: 'demo-partner-key',
      use: 'enc',
      alg: 'ECDH-ES+A256KW',
    };
    const answer = await call('PUT', '/v1/partner/encryption-key', partner.apiKey, { jwk: publicJwk });
    if (answer.status !== 204)
      throw new Error(`Seeding the partner key failed: ${JSON.stringify(answer.body)}`);
    partner.encryptionPrivateJwk = { ...(await exportJWK(privateKey)), kid: 'demo-partner-key' };
  }
  if (!partner.branchId || !partner.offerId) {
    const branch = await call('POST', '/v1/partner/branches', partner.apiKey, {
      name: 'Відділення №1, Київ',
      email: 'branch1@demo-bank.example',
      address: 'м. Київ, вул. Хрещатик, 1',
      documentTypes: ALL_DOCUMENT_TYPES,
    });
    if (branch.status !== 201) throw new Error(`Seeding the branch failed: ${JSON.stringify(branch.body)}`);
    const offer = await call('POST', `/v1/partner/branches/${branch.body.branchId}/offers`, partner.apiKey, {
      name: 'Відкриття рахунку',
      purpose: 'Ідентифікація клієнта для відкриття рахунку',
      documentTypes: ['internal-passport', 'taxpayer-card'],
    });
    if (offer.status !== 201) throw new Error(`Seeding the offer failed: ${JSON.stringify(offer.body)}`);
    partner.branchId = branch.body.branchId;
    partner.offerId = offer.body.offerId;
  }

  const citizens: LocalJson['citizens'] = [];
  for (const citizen of demoCitizens) {
    await admin({
      command: 'registry.import',
      citizenId: citizen.citizenId,
      fullName: citizen.fullName,
      issuedBy: 'Демо-реєстр',
      documents: citizen.documents,
    });
    for (const company of citizen.companies) {
      await admin({ command: 'registry.company.put', ...company, headCitizenIds: [citizen.citizenId] });
    }
    const token = await call('POST', '/dev/citizen-token', '', { citizenId: citizen.citizenId });
    if (token.status !== 200)
      throw new Error(`Seeding a citizen token failed: ${JSON.stringify(token.body)}`);
    const alreadySet = previous?.citizens.some((known) => known.citizenId === citizen.citizenId);
    if (!alreadySet) {
      let pin = await call('PUT', '/v1/me/pin', token.body.token, { pin: citizen.pin });
      if (pin.status === 403) {
        pin = await call('PUT', '/v1/me/pin', token.body.token, {
          pin: citizen.pin,
          currentPin: citizen.pin,
        });
      }
      if (pin.status !== 204) throw new Error(`Seeding a PIN failed: ${JSON.stringify(pin.body)}`);
    }
    citizens.push({
      citizenId: citizen.citizenId,
      fullName: citizen.fullName,
      pin: citizen.pin,
      token: token.body.token,
      documents: citizen.documents.map(({ docId, type }) => ({ docId, type })),
      companies: citizen.companies,
    });
  }

  // After the import: the registry's renewed versions, for the document refresh job to find.
  for (const renewal of registryRenewals) await admin({ command: 'registry.publish', ...renewal });

  const local: LocalJson = {
    apiUrl: context.apiUrl,
    awsEndpoint: context.edgeUrl,
    adminFunctionName,
    partner,
    citizens,
  };
  writeFileSync(localPath, `${JSON.stringify(local, null, 2)}\n`, { mode: 0o600 });
  return local;
}
