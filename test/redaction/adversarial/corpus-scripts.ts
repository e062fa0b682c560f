/** Class 6: a withheld name in another script, transliterated, respelled, or disguised. */
import type { v1 } from '../../../libs/proto/index.js';
import {
  AMINA,
  baseNotice,
  DAWIT,
  DMITRI,
  FARHAD,
  HIWET,
  KAMAL,
  LUKASZ,
  MOHAMMED,
  OMER,
  plant,
  REZA,
  SAID,
  YONAS,
  summaryCase,
  type LeakCase,
} from './corpus-base.js';

const c = (name: string, marked: string, extra?: v1.Person.$Properties): LeakCase =>
  summaryCase(6, name, marked, extra ? { overrides: { persons: [KAMAL, AMINA, YONAS, extra] } } : {});

export const scriptCases: LeakCase[] = [
  // Kamal Haddad, recorded in Latin letters.
  c('the surname in Arabic script ("حداد")', 'ذكر الركاب اسم ⟦حداد⟧ عدة مرات.'),
  c('the full name in Arabic script', 'المنظم هو ⟦كمال حداد⟧ من زوارة.'),
  c('the full name in Cyrillic ("Камаль Хаддад")', 'Организатор — ⟦Камаль Хаддад⟧, по словам пассажиров.'),
  c('the surname in Cyrillic ("Хаддад")', 'Пассажиры назвали фамилию ⟦Хаддад⟧.'),
  c('the full name in Ge\'ez script ("ካማል ሃዳድ")', 'ተሳፋሪዎቹ ⟦ካማል ሃዳድ⟧ ብለው ጠሩት።'),
  c('the surname in Ge\'ez script ("ሃዳድ")', 'ስሙ ⟦ሃዳድ⟧ ነው ይላሉ።'),
  c('a spelling variant with one d ("Hadad")', 'Passengers paid a man called ⟦Hadad⟧ at the port.'),
  c('a Cyrillic "а" inside the Latin name', 'Organiser: ⟦K\u0430mal H\u0430dd\u0430d⟧, seen at the port.'),
  c('a Cyrillic capital "К" for the Latin K', 'Payment to ⟦\u041Aamal⟧ confirmed by text.'),
  c('a Cherokee letter that looks like H', 'Signed ⟦\u13BBaddad⟧ at the bottom of the note.'),
  c('a Greek capital eta for H', 'The boss, ⟦\u0397addad⟧, was not aboard.'),
  c('tatweel inside the Arabic surname ("حـداد")', 'اتصل ⟦حـداد⟧ بالسائق ليلا.'),
  c('the Persian kaf in the Arabic given name ("کمال")', 'پول به ⟦کمال⟧ پرداخت شد.'),
  c('a zero-width non-joiner inside the name', 'Organiser: ⟦Ha\u200Cddad⟧ at the port.'),
  c('a zero-width joiner inside the name', 'The boss is ⟦Kam\u200Dal⟧ from Zuwara.'),
  c('a soft hyphen inside the surname', 'The money went to ⟦Had\u00ADdad⟧ in cash.'),
  c('a right-to-left override showing the surname reversed', 'Posted by ⟦\u202Edaddah\u202C⟧ on the forum.'),
  c('full-width letters', 'Banner reads ⟦ＨＡＤＤＡＤ⟧ over the garage.'),
  c('mathematical bold letters', 'The profile ⟦𝐇𝐚𝐝𝐝𝐚𝐝⟧ sells seats.'),
  c('added diacritics ("Ḥaddād")', 'Scholars would write ⟦Ḥaddād⟧ for the family.'),
  // Other people.
  c('"Mohamed" for a recorded "Mohammed"', 'The facilitator ⟦Mohamed⟧ arranged the rooms.', MOHAMMED),
  c('"Muhammad" for a recorded "Mohammed"', 'Rooms were booked by ⟦Muhammad⟧ in Tunis.', MOHAMMED),
  c('the facilitator in Arabic script with vowel marks ("مُحَمَّد")', 'الوسيط ⟦مُحَمَّد⟧ حجز الغرف.', MOHAMMED),
  c('the Persian yeh and kaf in a Latin-recorded name ("کریمی")', 'نام او ⟦رضا کریمی⟧ است.', REZA),
  c('the Arabic yeh and kaf in the same name ("كريمي")', 'اسمه ⟦رضا كريمي⟧ حسب القائمة.', REZA),
  c('a zero-width non-joiner inside a Persian name', 'مسافر ⟦کری\u200Cمی⟧ در قایق بود.', REZA),
  c('an Arabic-recorded name written with Arabic letters for the Persian ones', 'المسافر ⟦فرهاد يزداني⟧ كان في القارب.', FARHAD),
  c('an Arabic-recorded name transliterated to Latin', 'Passenger ⟦Farhad Yazdani⟧ was on the boat.', FARHAD),
  c('a Russian name recorded in Latin, written in Cyrillic', 'Маршрут организовал ⟦Дмитрий Соколов⟧.', DMITRI),
  c('a Polish name without its diacritics', 'The van was rented by ⟦Lukasz Wojcik⟧ in Trieste.', LUKASZ),
  c('a Polish surname in capitals without diacritics', 'Invoice addressed to ⟦WOJCIK⟧.', LUKASZ),
  c('a Turkish name with the dotless i replaced', 'Passenger ⟦Omer Yildiz⟧ paid the driver.', OMER),
  c("the child's name in Ge'ez script", 'ህጻን ⟦ሕወት ኪዳነ⟧ ብዘይ ወለዲ ተጓዒዛ።', HIWET),
  c("the child's surname in Arabic script", 'الطفلة ⟦كيداني⟧ كانت وحدها.', HIWET),
  c("the witness's name in Cyrillic", 'Свидетель ⟦Йонас Берхане⟧ видел лодку.'),
  c("the child's name in Arabic script", 'الطفلة ⟦أمينة تسفاي⟧ كانت بلا مرافق.'),
  c("a migrant's name in Ge'ez script", 'ተሳፋሪ ⟦ዳዊት መብራህቱ⟧ ኣብታ ጃልባ ነይሩ።', DAWIT),
  c('"Said" for a recorded "Sa\'id" (the apostrophe dropped)', 'The fares were collected by ⟦Said⟧ at the port.', SAID),
  c('"Saʿid" with a modifier letter for the recorded apostrophe', 'A man called ⟦Saʿid⟧ kept the list.', SAID),
  saidHaddad(),
];

/** The issue's own pair: "Sa'id Haddad" recorded, "Said" written. */
function saidHaddad(): LeakCase {
  const p = plant('Bookings were taken by ⟦Said⟧ and his brother.');
  const person = { ...KAMAL, fullName: "Sa'id Haddad" };
  return {
    kind: 'leak',
    klass: 6,
    name: '"Said" for a recorded "Sa\'id Haddad"',
    notice: baseNotice({ summary: p.text, persons: [person, AMINA, YONAS] }),
    recipient: { id: 'de-police', role: 'police', country: 'DE' },
    planted: [p],
  };
}
