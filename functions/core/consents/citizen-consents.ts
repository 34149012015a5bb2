import { type CopyRecord, effectiveCopyStatus } from '../copies/copy-record';
import { type Consent, isLive } from './consent';

// GET /v1/me/consents: every partner that holds access or copies right now, one entry per partner,
// with its live standing access and its unexpired copies. Built from the citizen's own partition
// and copy index (tens of items), then paged in memory.

export interface PartnerHolding {
  partner: { partnerId: string; name: string };
  /** The earliest live grant or copy. */
  since: string;
  /** When the last of it ends. */
  until: string;
  documentTypes: string[];
  purposes: string[];
  standingAccess: Array<{
    consentId: string;
    branch: { name: string; address: string };
    purpose: string;
    documentTypes: string[];
    fields?: Partial<Record<string, string[]>>;
    since: string;
    until: string;
    uses: number;
    lastUsedAt?: string;
  }>;
  copies: Array<{
    copyId: string;
    type: string;
    purpose: string;
    branch: string;
    generatedAt: string;
    expiresAt: string;
    /** An extract: the only fields the partner received. */
    fields?: string[];
  }>;
}

export function holdingsOf(consents: Consent[], copies: CopyRecord[], now: Date): PartnerHolding[] {
  const byPartner = new Map<string, PartnerHolding>();
  const entry = (partnerId: string, name: string, since: string, until: string) => {
    let holding = byPartner.get(partnerId);
    if (!holding) {
      holding = {
        partner: { partnerId, name },
        since,
        until,
        documentTypes: [],
        purposes: [],
        standingAccess: [],
        copies: [],
      };
      byPartner.set(partnerId, holding);
    }
    if (since < holding.since) holding.since = since;
    if (until > holding.until) holding.until = until;
    return holding;
  };
  const note = (holding: PartnerHolding, types: string[], purpose: string) => {
    for (const type of types) if (!holding.documentTypes.includes(type)) holding.documentTypes.push(type);
    if (!holding.purposes.includes(purpose)) holding.purposes.push(purpose);
  };
  for (const consent of consents) {
    if (!isLive(consent, now)) continue;
    const holding = entry(consent.partnerId, consent.partnerName, consent.since, consent.until);
    holding.standingAccess.push({
      consentId: consent.consentId,
      branch: { name: consent.branchName, address: consent.branchAddress },
      purpose: consent.purpose,
      documentTypes: consent.documentTypes,
      ...(consent.fields ? { fields: consent.fields } : {}),
      since: consent.since,
      until: consent.until,
      uses: consent.uses,
      lastUsedAt: consent.lastUsedAt,
    });
    note(holding, consent.documentTypes, consent.purpose);
  }
  for (const copy of copies) {
    if (effectiveCopyStatus(copy, now) !== 'valid') continue;
    const { issuedTo } = copy;
    const holding = entry(issuedTo.partnerId, issuedTo.partnerName, copy.generatedAt, copy.expiresAt);
    holding.copies.push({
      copyId: copy.copyId,
      type: copy.documentType,
      purpose: copy.purpose,
      branch: issuedTo.branchName,
      generatedAt: copy.generatedAt,
      expiresAt: copy.expiresAt,
      ...(copy.fields ? { fields: copy.fields } : {}),
    });
    note(holding, [copy.documentType], copy.purpose);
  }
  return [...byPartner.values()].sort(
    (a, b) => b.since.localeCompare(a.since) || a.partner.partnerId.localeCompare(b.partner.partnerId),
  );
}
