import { isValidEdrpou } from '../checks/edrpou';
import { isValidRnokpp } from '../checks/rnokpp';

// An organisation is identified by its EDRPOU code (8 digits); a sole trader (ФОП) has none and
// registers with their RNOKPP (10 digits). Both carry a check digit, checked here.

export type TaxIdKind = 'edrpou' | 'rnokpp';

export function taxIdKind(taxId: string): TaxIdKind | undefined {
  if (isValidEdrpou(taxId)) return 'edrpou';
  if (isValidRnokpp(taxId)) return 'rnokpp';
  return undefined;
}

export const TAX_ID_RULE = 'must be an EDRPOU (8 digits) or RNOKPP (10 digits) with a valid check digit';
