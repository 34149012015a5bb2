import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CopyRenderInput } from '../../../../functions/core/copies/copy-input';
import { renderCopy } from '../../../../functions/core/copies/render-copy';
import { encodeCopyQr } from '../../../../functions/core/qr/copy-qr';
import type { CopyQrClaims } from '../../../../functions/core/qr/copy-qr-claims';
import {
  createRootCertificate,
  createSigningCertificate,
} from '../../../../functions/core/signing/certificates';
import { signPdf } from '../../../../functions/core/signing/sign-pdf';
import { MemorySigner } from '../../signing/support/memory-signer';

export const ASSETS_DIR = fileURLToPath(new URL('../../../../layers/pdf-assets', import.meta.url));

/** A root CA key and a copy-signing key, both in memory, with their certificates. */
export async function createSigningSetup() {
  const rootSigner = new MemorySigner();
  const copySigner = new MemorySigner();
  const rootCertDer = await createRootCertificate(rootSigner);
  const signingCertDer = await createSigningCertificate(
    rootSigner,
    rootCertDer,
    await copySigner.publicKeySpki(),
  );
  return { rootSigner, copySigner, chain: { rootCertDer, signingCertDer } };
}

export const GENERATED_AT = new Date('2025-03-14T09:26:53Z');
export const EXPIRES_AT = new Date('2025-03-21T09:26:53Z');

export function sampleClaims(copyId = '0f8e2c4a-6b1d-4e3f-9a27-5c8d1e0b7f64'): CopyQrClaims {
  return {
    copyId,
    documentType: 'internal-passport',
    partnerId: '3d6f0a1e-8c2b-4f5d-a9e7-1b4c6d8e0f2a',
    branchId: 'b7e1c3d5-2a4f-4c6e-8b0d-9f1a3c5e7d9b',
    purpose: 'Відкриття рахунку',
    generatedAt: GENERATED_AT,
    expiresAt: EXPIRES_AT,
    metadataSha256: new Uint8Array(createHash('sha256').update(copyId).digest()),
  };
}

export function sampleCopyInput(qrPayload: string, copyId = sampleClaims().copyId): CopyRenderInput {
  return {
    copyId,
    documentType: 'internal-passport',
    title: 'Паспорт громадянина України',
    fields: [
      {
        label: 'Прізвище, ім’я, по батькові',
        value: 'Щербина Юлія Олександрівна',
        latin: 'Shcherbyna Yuliia Oleksandrivna',
      },
      { label: 'Дата народження', value: '24.08.1991' },
      {
        label: 'Місце народження',
        value: 'м. Біла Церква, Київська обл.',
        latin: 'Bila Tserkva, Kyivska obl.',
      },
      { label: 'Стать', value: 'Жіноча', latin: 'F' },
      { label: 'Громадянство', value: 'Україна', latin: 'Ukraine' },
      { label: 'Номер документа', value: '004512937' },
      { label: 'Запис № (УНЗР)', value: '19910824-01234' },
      { label: 'Дата видачі', value: '12.05.2019' },
      { label: 'Дійсний до', value: '12.05.2029' },
      { label: 'Орган, що видав', value: '3210' },
      { label: 'РНОКПП', value: '3345678901' },
      { label: 'Місце проживання', value: 'м. Київ, вул. Ярославів Вал, буд. 15, кв. 42' },
    ],
    recipient: { partnerName: 'ПриватБанк', branchName: 'Відділення №14, Київ' },
    purpose: 'Відкриття рахунку',
    generatedAt: GENERATED_AT,
    expiresAt: EXPIRES_AT,
    qrPayload,
  };
}

export type SigningSetup = Awaited<ReturnType<typeof createSigningSetup>>;

/** Renders and signs the sample copy; returns the PDF and its QR text. */
export async function renderSignedSample(setup: SigningSetup, input?: Partial<CopyRenderInput>) {
  const qrPayload = await encodeCopyQr(sampleClaims(), setup.copySigner, setup.chain.signingCertDer);
  const unsigned = await renderCopy({ ...sampleCopyInput(qrPayload), ...input }, { assetsDir: ASSETS_DIR });
  const signed = await signPdf(unsigned, setup.copySigner, setup.chain);
  return { unsigned, signed, qrPayload };
}
