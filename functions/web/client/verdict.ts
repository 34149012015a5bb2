import type { CopyQrClaims } from '../../core/qr/copy-qr-claims';

// What a verification answer means for the person holding the copy (docs/api.md, Public: /v1/verify).

export interface CopyStatus {
  status: 'valid' | 'revoked' | 'expired';
  documentType: string;
  issuedTo: { partner: string; branch: string };
  generatedAt: string;
  /** An extract shows only the fields named here. */
  extract?: boolean;
  fields?: string[];
}

export interface Verification {
  signature: 'valid' | 'invalid' | 'missing';
  /** QR only: the holder details the QR signs, to compare with the paper and the person. */
  holder?: { holderName?: string; birthDate?: string; numberEnd?: string };
  /** QR checked in the browser: what it signs. */
  claims?: CopyQrClaims;
  /** Checked with the cached keys only: the copy's revocation status could not be asked. */
  checkedOffline?: boolean;
  /** PDF only: bytes outside the signed ranges. */
  modified?: boolean;
  copy?: CopyStatus;
}

export type Verdict = 'genuine' | 'modified' | 'unsigned' | 'revoked' | 'expired' | 'unknown';

/** A broken or partial signature outranks the copy's status: a modified file is never "genuine". */
export function verdictOf(answer: Verification): Verdict {
  if (answer.signature === 'missing') return 'unsigned';
  if (answer.signature === 'invalid' || answer.modified) return 'modified';
  if (!answer.copy) {
    // Checked offline: the signature is proof; only a copy past its own end is known to be expired.
    if (answer.checkedOffline && answer.claims) {
      return answer.claims.expiresAt.getTime() <= Date.now() ? 'expired' : 'genuine';
    }
    return 'unknown';
  }
  if (answer.copy.status === 'revoked') return 'revoked';
  if (answer.copy.status === 'expired') return 'expired';
  return 'genuine';
}
