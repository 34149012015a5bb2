// The business registry (in Ukraine, the ЄДР): who heads which legal entity or sole trader. A citizen
// may register an organisation that receives copies only under a tax id the registry says they head;
// anything else waits for an operator's review. The name on posters, e-mails and copies is then the
// registry's, not the one typed in, so nobody can present a bank's copies as "issued to" a look-alike.

export interface RegistryCompany {
  taxId: string;
  /** The registered name. */
  name: string;
  /** The citizens the registry names as the company's head (a sole trader: themselves). */
  headCitizenIds: string[];
}

export interface BusinessRegistry {
  lookup(taxId: string): Promise<RegistryCompany | undefined>;
}

/** Where an organisation stands: only an active one gets posters and shares. */
export type OrganisationStatus = 'active' | 'pending_review';

/** Active, under the registry's name, when the registry names the registrant as head; else pending. */
export function judgeRegistration(
  company: RegistryCompany | undefined,
  registrantId: string,
  typedName: string,
): { status: OrganisationStatus; name: string } {
  if (company?.headCitizenIds.includes(registrantId)) return { status: 'active', name: company.name };
  return { status: 'pending_review', name: typedName };
}

export const PENDING_REVIEW =
  'The organisation waits for review: the business registry does not name you as the head of this tax id. An operator will check it; posters and shares open once it is active.';
