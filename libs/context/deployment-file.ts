import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_BUS_SETTINGS, type BusSettings } from '../bus/index.js';
import { writeSecretFile } from '../config/index.js';
import { AccordError } from '../errors/index.js';
import type { ContextLayout } from './context-layout.js';

/** DIR/deployment.json: the bus settings administration creates consumers with. */
export interface DeploymentFile {
  settings: BusSettings;
}

export function readDeploymentFile(layout: ContextLayout): DeploymentFile {
  if (!existsSync(layout.deployment)) {
    throw new AccordError(
      'E_STATE',
      `${layout.deployment} does not exist: make ${layout.dir} a stack (\`accord stack up\`; a stack made by an older version gets it when started again) or a deployment context (\`accord deployment init\`)`,
    );
  }
  const parsed = JSON.parse(readFileSync(layout.deployment, 'utf8')) as Partial<DeploymentFile>;
  return { settings: { ...DEFAULT_BUS_SETTINGS, ...parsed.settings } };
}

export function writeDeploymentFile(layout: ContextLayout, file: DeploymentFile): void {
  writeSecretFile(layout.deployment, `${JSON.stringify(file, null, 2)}\n`);
}
