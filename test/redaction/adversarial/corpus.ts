/**
 * The adversarial corpus of issue 16, by class: each case a notice written the way an
 * adversarial (or careless) originator would write it, a recipient, and what must not
 * show in the recipient's view.
 */
import type { AdversarialCase, ClassNo, LeakCase } from './corpus-base.js';
import { coordinateCases } from './corpus-coordinates.js';
import { dateCases } from './corpus-dates.js';
import { fieldCases, refusalCases } from './corpus-fields.js';
import { gluedCases } from './corpus-glued.js';
import { numberCases } from './corpus-numbers.js';
import { defaultPolicyCases, policyCases } from './corpus-policy.js';
import { pseudonymCases, pseudonymRenderCases } from './corpus-pseudonyms.js';
import { scriptCases } from './corpus-scripts.js';
import { shortCases } from './corpus-short.js';
import { witnessCases } from './corpus-witness.js';

export { CLASSES } from './corpus-base.js';
export type { AdversarialCase, ClassNo, LeakCase, PolicyCase, PseudonymCase, RefusalCase } from './corpus-base.js';

export const corpus: readonly AdversarialCase[] = [
  ...gluedCases,
  ...shortCases,
  ...numberCases,
  ...dateCases,
  ...coordinateCases,
  ...scriptCases,
  ...fieldCases,
  ...refusalCases,
  ...witnessCases,
  ...pseudonymCases,
  ...pseudonymRenderCases,
  ...defaultPolicyCases,
  ...policyCases,
];

export const leakCases: readonly LeakCase[] = corpus.filter((c): c is LeakCase => c.kind === 'leak');

export const casesOfClass = (klass: ClassNo): AdversarialCase[] => corpus.filter((c) => c.klass === klass);
