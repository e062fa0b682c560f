/** Class 4: dates of birth in other formats, languages, scripts and calendars' spellings. */
import { AMINA, DAWIT, KAMAL, YONAS, summaryCase, type LeakCase } from './corpus-base.js';

const withDawit = { overrides: { persons: [KAMAL, AMINA, YONAS, DAWIT] } };
// Dawit Mebrahtu was born 2001-03-03; Kamal Haddad 1984-03-12.
const c = (name: string, marked: string): LeakCase => summaryCase(4, name, marked, withDawit);

export const dateCases: LeakCase[] = [
  c('a date of birth as an RFC 3339 time ("2001-03-03T00:00:00Z")', 'Record created with birth date ⟦2001-03-03T00:00:00Z⟧.'),
  c('a date of birth as "03-Mar-2001"', 'The passenger list gives ⟦03-Mar-2001⟧ for one of the young men.'),
  c('a date of birth as "03MAR2001" (travel-document style)', 'Boarding card field DOB ⟦03MAR2001⟧.'),
  c('a date of birth with a French month ("3 mars 2001")', 'Né le ⟦3 mars 2001⟧ à Keren, selon ses déclarations.'),
  c('a date of birth with a German month ("3. März 2001")', 'Geboren am ⟦3. März 2001⟧ in Asmara.'),
  c('a date of birth with an Italian month ("3 marzo 2001")', 'Nato il ⟦3 marzo 2001⟧ secondo il registro di bordo.'),
  c('a date of birth with a Spanish month ("3 de marzo de 2001")', 'Nacido el ⟦3 de marzo de 2001⟧ según la lista.'),
  c('a date of birth with a Portuguese month', 'Nascido em ⟦3 de março de 2001⟧, segundo a lista.'),
  c('a date of birth with an Arabic month ("3 مارس 2001")', 'ولد في ⟦3 مارس 2001⟧ حسب القائمة.'),
  c('a date of birth with an Arabic month and Arabic-Indic digits', 'تاريخ الميلاد ⟦٣ مارس ٢٠٠١⟧ كما ورد في القائمة.'),
  c('a date of birth with a Levantine month ("آذار")', 'مواليد ⟦٣ آذار ٢٠٠١⟧ بحسب أقواله.'),
  c('a date of birth in the Russian style ("03.03.2001г.")', 'Дата рождения: ⟦03.03.2001г.⟧'),
  c('a date of birth with a Russian month ("3 марта 2001 г.")', 'Родился ⟦3 марта 2001⟧ г., по его словам.'),
  c('a date of birth with a Turkish month ("3 Mart 2001")', 'Doğum tarihi ⟦3 Mart 2001⟧ olarak verildi.'),
  c('a date of birth with a Dutch month ("3 maart 2001")', 'Geboren op ⟦3 maart 2001⟧ volgens de lijst.'),
  c('a date of birth in US order ("March 3, 2001")', 'Born ⟦March 3, 2001⟧ according to the list.'),
  c('a date of birth with an ordinal ("3rd of March 2001")', 'Born on the ⟦3rd of March 2001⟧ in Keren.'),
  c('a date of birth with slashes and a two-digit year ("03/03/01")', 'DOB ⟦03/03/01⟧ on the handwritten list.'),
  c('a date of birth year first with slashes ("2001/03/03")', 'Registered as born ⟦2001/03/03⟧ at the centre.'),
  c('a date of birth run together ("20010303")', 'The file name ends in ⟦20010303⟧ for him.'),
  c('a date of birth in Persian digits ("۲۰۰۱/۰۳/۰۳")', 'تاریخ تولد ⟦۲۰۰۱/۰۳/۰۳⟧ ثبت شده است.'),
  c('the smuggler\'s date of birth with dots ("12.03.1984")', 'The skipper, born ⟦12.03.1984⟧, was armed.'),
  c("the smuggler's date of birth with a French month", 'Le passeur, né le ⟦12 mars 1984⟧, était armé.'),
  c('the smuggler\'s date of birth as an MRZ date ("840312")', 'The MRZ line shows ⟦840312⟧ as the birth date.'),
  c('the smuggler\'s date of birth as "12-MAR-84"', 'Ticket issued to a man born ⟦12-MAR-84⟧.'),
  c("the smuggler's date of birth with a German month abbreviation", 'Geb. ⟦12. Mrz. 1984⟧ laut Ausweiskopie.'),
];
