import type { Branch, Offer } from '../core/partners/partner';

// What partners see of their own records (internal keys and owner ids left out).
export const branchView = ({ partnerId: _partnerId, ...branch }: Branch) => branch;
export const offerView = ({ partnerId: _partnerId, ...offer }: Offer) => offer;
