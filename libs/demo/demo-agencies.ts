import type { AddAgencyInput } from '../admin/index.js';
import { addAgencyIn } from '../context/index.js';

/**
 * Agencies of a central Mediterranean route (origin NE, transit LY, destination IT),
 * for demos and the walkthrough. Each gets a demo signing key in the stack's folder.
 */
export const DEMO_AGENCIES: AddAgencyInput[] = [
  { id: 'it-police', country: 'IT', role: 'police', groups: ['med-route'] },
  { id: 'it-prosecutor', country: 'IT', role: 'prosecutor', groups: ['med-route'] },
  { id: 'it-protection', country: 'IT', role: 'protection', groups: ['med-route'] },
  { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med-route'] },
  { id: 'ne-police', country: 'NE', role: 'police', groups: ['med-route'] },
  { id: 'mt-fiu', country: 'MT', role: 'fiu', groups: ['med-route'] },
  { id: 'fr-liaison', country: 'FR', role: 'liaison-office', groups: ['med-route'] },
  { id: 'eu-research', country: 'BE', role: 'research', groups: ['stats'] },
];

export async function addDemoAgencies(dir: string, progress: (line: string) => void): Promise<void> {
  for (const agency of DEMO_AGENCIES) {
    await addAgencyIn(dir, agency);
    progress(`agency ${agency.id} (${agency.role}, ${agency.country}) registered`);
  }
}
