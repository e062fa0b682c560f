/**
 * Class 10: the protections the seed policy gives must hold whatever a policy says.
 * Research never gets more than core; minor.identity never goes to research or off the
 * route; under WITNESS_PROTECTION witness.identity goes only to addressed prosecutors.
 * Cases through the default policy check the views; cases with a policy that drops a
 * protection check that the engine refuses the policy or clamps its grants.
 */
import { v1 } from '../../../libs/proto/index.js';
import {
  AMINA,
  baseNotice,
  DAWIT,
  DE_POLICE,
  DE_PROSECUTOR,
  DE_PROTECTION,
  EU_RESEARCH,
  HIWET,
  IT_IMMIGRATION,
  IT_POLICE_ADDRESSEE,
  IT_PROSECUTOR,
  IT_PROTECTION,
  KAMAL,
  LY_COASTGUARD,
  LY_PROTECTION,
  NE_IMMIGRATION,
  TN_LIAISON,
  YONAS,
  type LeakCase,
  type PolicyCase,
} from './corpus-base.js';
import type { TestRecipient } from '../../harness/views-of.js';

const WP = [v1.Caveat.WITNESS_PROTECTION];
const persons = [KAMAL, AMINA, YONAS, DAWIT];
const summary = 'Kamal Haddad took Amina Tesfaye and Dawit Mebrahtu aboard; Yonas Berhane saw it.';

function grants(
  name: string,
  recipient: TestRecipient,
  expectGrants: NonNullable<LeakCase['expectGrants']>,
  overrides: Parameters<typeof baseNotice>[0] = {},
): LeakCase {
  return { kind: 'leak', klass: 10, name, notice: baseNotice({ persons, summary, ...overrides }), recipient, planted: [], expectGrants };
}

export const defaultPolicyCases: LeakCase[] = [
  grants('research gets core and nothing more from a CLEAR notice', EU_RESEARCH, ['core'], { tlp: v1.Tlp.CLEAR }),
  grants('research gets core and nothing more from a GREEN notice about minors', EU_RESEARCH, ['core'], {
    caveats: [v1.Caveat.MINORS_INVOLVED],
    persons: [KAMAL, HIWET, AMINA],
  }),
  grants('research addressed in a RED notice is not delivered it', EU_RESEARCH, 'none', { tlp: v1.Tlp.RED, addressees: [EU_RESEARCH.id] }),
  grants('research addressed in an AMBER notice is not delivered it', EU_RESEARCH, 'none', {
    tlp: v1.Tlp.AMBER,
    addressees: [EU_RESEARCH.id],
  }),
  grants('a protection body off the route gets no migrant or minor identity', DE_PROTECTION, ['core', 'person.profile']),
  grants("a protection body in a transit country gets adults' identities, not a child's", LY_PROTECTION, [
    'core',
    'migrant.identity',
    'person.profile',
  ]),
  grants("immigration in the origin country gets adults' identities, not a child's", NE_IMMIGRATION, [
    'core',
    'migrant.identity',
    'person.profile',
  ]),
  grants("immigration at the destination gets the child's identity too", IT_IMMIGRATION, [
    'core',
    'migrant.identity',
    'minor.identity',
    'person.profile',
  ]),
  grants(
    "a protection body at the destination gets a minor's identity",
    IT_PROTECTION,
    ['core', 'migrant.identity', 'minor.identity', 'person.profile'],
    { persons: [KAMAL, HIWET] },
  ),
  grants(
    'under WITNESS_PROTECTION a prosecutor on the route but not addressed gets no witness identity',
    IT_PROSECUTOR,
    ['core', 'financial', 'person.profile', 'smuggler.identity', 'summary'],
    { caveats: WP },
  ),
  grants(
    'under WITNESS_PROTECTION an addressed police force gets no witness identity',
    IT_POLICE_ADDRESSEE,
    ['conveyance', 'core', 'person.profile', 'smuggler.identity', 'summary'],
    { caveats: WP, addressees: [IT_POLICE_ADDRESSEE.id] },
  ),
  grants(
    'under WITNESS_PROTECTION an addressed protection body gets no witness identity',
    IT_PROTECTION,
    ['core', 'migrant.identity', 'minor.identity', 'person.profile'],
    { caveats: WP, addressees: [IT_PROTECTION.id] },
  ),
  grants(
    'under WITNESS_PROTECTION an addressed prosecutor off the route gets the witness identity',
    DE_PROSECUTOR,
    ['core', 'financial', 'person.profile', 'summary', 'witness.identity'],
    { caveats: WP, addressees: [DE_PROSECUTOR.id] },
  ),
  grants('a prosecutor off the route, not addressed, gets no witness identity', DE_PROSECUTOR, [
    'core',
    'financial',
    'person.profile',
    'summary',
  ]),
  grants('a coastguard on the route gets no migrant, child or witness identity', LY_COASTGUARD, [
    'conveyance',
    'core',
    'location.precise',
    'person.profile',
    'smuggler.identity',
    'summary',
  ]),
];

const everyone: TestRecipient[] = [
  EU_RESEARCH,
  DE_PROTECTION,
  DE_POLICE,
  IT_PROSECUTOR,
  DE_PROSECUTOR,
  LY_COASTGUARD,
  IT_PROTECTION,
  TN_LIAISON,
];
const ALL =
  'person.profile, smuggler.identity, migrant.identity, witness.identity, minor.identity, summary, conveyance, financial, location.precise';

function policy(name: string, id: string, rules: string, overrides: Parameters<typeof baseNotice>[0] = {}): PolicyCase {
  const text = `schema: 1\npolicy: ${id}\nrules:\n${rules}`;
  return {
    kind: 'policy',
    klass: 10,
    name,
    policy: text,
    notice: baseNotice({ persons: [KAMAL, AMINA, YONAS, HIWET], tlp: v1.Tlp.CLEAR, ...overrides }),
    recipients: everyone,
  };
}

export const policyCases: PolicyCase[] = [
  policy(
    'a policy granting research every category is refused or clamped to core',
    'research-everything',
    `  - id: everything-to-research\n    when: { recipient: { role: [research] } }\n    grant: [${ALL}]\n`,
  ),
  policy(
    'a policy granting every recipient the identity of minors is refused or clamped',
    'minors-to-all',
    `  - id: minors-to-everyone\n    grant: [person.profile, migrant.identity, minor.identity]\n`,
  ),
  policy(
    'a policy granting every recipient protected witnesses is refused or clamped to addressed prosecutors',
    'witnesses-to-all',
    `  - id: witnesses-to-everyone\n    when: { notice: { withCaveats: [WITNESS_PROTECTION] } }\n    grant: [person.profile, witness.identity]\n`,
    { caveats: WP, addressees: [IT_PROSECUTOR.id] },
  ),
  policy(
    'the seed without its research rules, granting profiles and the summary to all, is refused or clamped',
    'seed-without-research-rules',
    `  - id: profiles-and-summary-to-everyone\n    grant: [person.profile, summary]\n`,
  ),
  policy(
    'a policy granting everything to everyone is refused or clamped',
    'everything-to-everyone',
    `  - id: everything\n    grant: [${ALL}]\n`,
    { caveats: WP, addressees: [IT_PROSECUTOR.id, DE_POLICE.id] },
  ),
];
