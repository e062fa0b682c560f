/** Class 3: phones, documents, accounts, vessel numbers and amounts in other forms. */
import { AMINA, DAWIT, KAMAL, REZA, YONAS, summaryCase, type CaseOptions, type LeakCase } from './corpus-base.js';

const c = (name: string, marked: string, more: CaseOptions = {}): LeakCase => summaryCase(3, name, marked, more);
const withMigrants = { overrides: { persons: [KAMAL, AMINA, YONAS, DAWIT, REZA] } };

export const numberCases: LeakCase[] = [
  // The smuggler's phone, +218 91 555 0101.
  c('a phone in Arabic-Indic digits ("٠٩١٥٥٥٠١٠١")', 'Call ⟦٠٩١٥٥٥٠١٠١⟧ to book a seat.'),
  c('a phone in Persian digits', 'The number ⟦۰۹۱۵۵۵۰۱۰۱⟧ was written on the wall.'),
  c('a phone in Devanagari digits', 'A card with ⟦०९१५५५०१०१⟧ was found on the beach.'),
  c('a phone in full-width digits', 'The flyer gives ⟦０９１５５５０１０１⟧ for bookings.'),
  c('the last 7 digits of a phone ("5550101")', 'Ask for extension ⟦5550101⟧ at the garage.'),
  c('the last 7 digits with a dash ("555-0101")', 'The local number ⟦555-0101⟧ still answers.'),
  c('the last 7 digits in pairs ("555 01 01")', 'Dial ⟦555 01 01⟧ after midnight.'),
  c('a phone with the trunk zero in brackets', 'Call ⟦+218 (0)91-555-0101⟧ for the boat.'),
  c('a phone with the international prefix 00, regrouped', 'Bookings on ⟦00218 915 550 101⟧ only.'),
  c('a phone written digit by digit', 'He repeated ⟦0 9 1 5 5 5 0 1 0 1⟧ twice.'),
  c('a phone with dots', 'Reach the driver on ⟦091.555.0101⟧ tonight.'),
  c('a phone split by slashes', 'Contact: ⟦091/555/0101⟧.'),
  // The smuggler's passport, LY4455667.
  c('a document number without its letter prefix', 'Passport number ⟦4455667⟧ was used to rent the flat.'),
  c('a document number with a letter glued after ("LY4455667A")', 'The visa sticker reads ⟦LY4455667A⟧ in the scan.'),
  c('a document number regrouped with dashes', 'Rental contract in the name on passport ⟦LY-445-5667⟧.'),
  c('a document number in lower case', 'Booking made with ⟦ly4455667⟧ as the id.'),
  c('a document number spaced out', 'The clerk typed ⟦L Y 4 4 5 5 6 6 7⟧ into the form.'),
  c('a document number in Arabic-Indic digits', 'رقم الجواز ⟦LY٤٤٥٥٦٦٧⟧ مسجل في الفندق.'),
  // The vessel, IMO 9074729, and another IMO number in no field.
  c('an IMO number with its label ("IMO No. 9074729")', 'The mother ship is ⟦IMO No. 9074729⟧, seen off the coast.'),
  c('a bare IMO number when conveyance is withheld', 'The tanker ⟦9074729⟧ towed the boat for an hour.'),
  c('an IMO number regrouped', 'AIS showed ⟦907 4729⟧ near the platform.'),
  c('a bare IMO number with a valid check digit in no field', 'A second ship, ⟦9241061⟧, took the passengers.', {
    extraSecrets: [{ kind: 'number', value: '9241061', category: 'conveyance', field: 'an IMO number in the summary' }],
  }),
  // The account LY83 0020 4800 0020 1001 2036 1, and the amount 1500.00.
  c('an IBAN in groups of four', 'Fares were paid into ⟦LY83 0020 4800 0020 1001 2036 1⟧ by relatives.'),
  c('an IBAN without its country code and check digits', 'Account ⟦0020 4800 0020 1001 2036 1⟧ at the branch.'),
  c('the last 7 digits of an account', 'Transfers to the account ending ⟦0120361⟧ kept coming.'),
  c('an amount with a thousands comma ("1,500")', 'Each passenger paid ⟦1,500⟧ euros.'),
  c('an amount in the continental format ("1.500,00")', 'Jeder zahlte ⟦1.500,00⟧ Euro.'),
  c('an amount in Arabic-Indic digits', 'دفع كل راكب ⟦١٥٠٠⟧ يورو.'),
  c('an amount with a space as thousands separator', 'Fare: EUR ⟦1 500⟧ per seat.'),
  // Migrants' phones and documents (migrant.identity withheld from police).
  c("a migrant's phone without its country code", 'He called home from ⟦07 184 392⟧ after landing.', withMigrants),
  c("a migrant's passport without its prefix", 'A passport numbered ⟦1122334⟧ was found in the boat.', withMigrants),
  c("a migrant's phone in Persian digits", 'شماره ⟦۰۷۰۲۴۶۸۱۳۵⟧ روی کاغذ نوشته شده بود.', withMigrants),
];
