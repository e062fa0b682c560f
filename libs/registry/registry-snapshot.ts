import type { Agency, AgencyKey } from './agency.js';

/** What the bus knows of agencies and keys at one moment; the services keep one current. */
export interface RegistrySnapshot {
  agency(id: string): Agency | undefined;
  key(kid: string): AgencyKey | undefined;
  agencies(): Agency[];
}

export class MutableRegistry implements RegistrySnapshot {
  private readonly byId = new Map<string, Agency>();
  private readonly byKid = new Map<string, AgencyKey>();

  agency(id: string): Agency | undefined {
    return this.byId.get(id);
  }

  key(kid: string): AgencyKey | undefined {
    return this.byKid.get(kid);
  }

  agencies(): Agency[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  putAgency(agency: Agency): void {
    this.byId.set(agency.id, agency);
  }

  deleteAgency(id: string): void {
    this.byId.delete(id);
  }

  putKey(key: AgencyKey): void {
    this.byKid.set(key.kid, key);
  }

  deleteKey(kid: string): void {
    this.byKid.delete(kid);
  }
}
