import { describe, expect, it } from 'vitest';
import { makeRnokpp } from '../../../functions/core/checks/rnokpp';
import type { Organisation, OrgBranch, OrgService } from '../../../functions/core/organisations/organisation';
import { publicQrView } from '../../../functions/core/organisations/qr-share';

const at = '2026-01-01T00:00:00.000Z';
const organisation = (name: string, taxId: string): Organisation => ({
  orgId: 'org_1',
  ownerId: 'cit_1',
  name,
  taxId,
  status: 'active',
  notices: [],
  createdAt: at,
  updatedAt: at,
});
const branch = {
  orgId: 'org_1',
  branchId: 'ob_1',
  name: 'Рецепція',
  email: 'desk@hotel.example',
  address: 'Львів',
  emailStatus: 'verified',
  createdAt: at,
  updatedAt: at,
} as OrgBranch;
const service = {
  orgId: 'org_1',
  serviceId: 'os_1',
  name: 'Поселення',
  documentTypes: ['internal-passport'],
} as unknown as OrgService;

describe('what a poster’s QR shows to anyone who scans it', () => {
  it('shows a legal entity’s EDRPOU', () => {
    const view = publicQrView({ organisation: organisation('ТОВ «Готель»', '40075815'), branch, service });
    expect(view.organisation).toEqual({ name: 'ТОВ «Готель»', taxId: '40075815' });
  });

  it('never shows a sole trader’s tax id: it is their personal RNOKPP', () => {
    const rnokpp = makeRnokpp('1985-04-12', 'F', 17);
    const view = publicQrView({ organisation: organisation('ФОП Коваль', rnokpp), branch, service });
    expect(view.organisation).toEqual({ name: 'ФОП Коваль' });
    expect(JSON.stringify(view)).not.toContain(rnokpp);
  });

  it('never shows the branch’s e-mail', () => {
    const view = publicQrView({ organisation: organisation('ТОВ «Готель»', '40075815'), branch, service });
    expect(JSON.stringify(view)).not.toContain('desk@hotel.example');
  });
});
