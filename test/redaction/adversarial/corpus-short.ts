/** Class 2: a short part of a withheld name, alone, written as a name. */
import { ALI, AMINA, HOA, IBRAHIMA, JIN, KAMAL, LE, YONAS, YUSUF, summaryCase, type LeakCase } from './corpus-base.js';
import type { v1 } from '../../../libs/proto/index.js';

const withPerson = (p: v1.Person.$Properties) => ({ overrides: { persons: [KAMAL, AMINA, YONAS, p] } });
const c = (name: string, person: v1.Person.$Properties, marked: string): LeakCase => summaryCase(2, name, marked, withPerson(person));

export const shortCases: LeakCase[] = [
  c('a two-letter surname after "Mr" ("Mr Le")', LE, 'Mr ⟦Le⟧ collected the money at the port.'),
  c('a two-letter surname after "Mrs"', LE, 'The driver said Mrs ⟦Le⟧ keeps the ledger.'),
  c('a two-letter surname after "Dr."', LE, 'A Dr. ⟦Le⟧ signed the fake certificates.'),
  c('a two-letter surname after "Herr"', LE, 'Herr ⟦Le⟧ wurde in Hamburg gesehen.'),
  c('a two-letter surname after "M." (French)', LE, 'Selon le témoin, M. ⟦Le⟧ a payé le chauffeur.'),
  c('a two-letter surname after "Sig." (Italian)', LE, 'Il Sig. ⟦Le⟧ ha noleggiato il furgone.'),
  c('a two-letter surname in capitals ("LE")', LE, 'Contact ⟦LE⟧ for the next departure.'),
  c('a two-letter surname capitalised in mid-sentence', LE, 'The money went to ⟦Le⟧ and nobody else.'),
  c('the full name, surname first ("LE Van Ba")', LE, 'Organiser: ⟦LE Van Ba⟧, seen twice at the port.'),
  c('a two-letter given name next to the surname ("Ba, Le")', LE, 'Listed as ⟦Ba, Le⟧ on the manifest.'),
  c('a two-letter surname after a Cyrillic title ("господин Ле")', LE, 'По словам водителя, господин ⟦Ле⟧ оплатил топливо.'),
  c('a two-letter surname after an Arabic title ("السيد لي")', LE, 'قال السائق إن السيد ⟦لي⟧ دفع ثمن الوقود.'),
  c('a two-letter surname as a handle ("@le")', LE, 'Messages signed ⟦@le⟧ set the meeting point.'),
  c('a two-letter Senegalese surname after "Mr" ("Mr Sy")', IBRAHIMA, 'Mr ⟦Sy⟧ was on the second boat.'),
  c('a two-letter surname after "M." ("M. Sy")', IBRAHIMA, 'On a vu M. ⟦Sy⟧ au port de Zuwara.'),
  c('a two-letter Chinese surname after "Mrs" ("Mrs Wu")', JIN, 'The interpreter said Mrs ⟦Wu⟧ paid in cash.'),
  c('a two-letter surname capitalised in mid-sentence ("to Wu")', JIN, 'The fare was handed to ⟦Wu⟧ at night.'),
  c('a two-letter Turkish surname with its diacritic ("Herr Öz")', YUSUF, 'Herr ⟦Öz⟧ organisierte die Unterkunft.'),
  c('a two-letter surname without its diacritic ("Mr Oz")', YUSUF, 'Mr ⟦Oz⟧ arranged the flat.'),
  c('a three-letter given name alone ("Ali")', ALI, '⟦Ali⟧ paid the driver in dollars.'),
  c('a three-letter given name in mid-sentence', ALI, 'The driver was paid by ⟦Ali⟧ in dollars.'),
  c('a three-letter given name in capitals', ALI, 'Seat 12 was booked for ⟦ALI⟧ only.'),
  c('a three-letter Vietnamese given name alone ("Hoa")', HOA, 'The group waited for ⟦Hoa⟧ before leaving.'),
  c('a Vietnamese family name alone, without diacritics ("Nguyen")', HOA, 'A woman named ⟦Nguyen⟧ was on the list.'),
];
