/** Class 1: withheld values glued to other characters, or broken apart. */
import { AMINA, DAWIT, KAMAL, YONAS, summaryCase, type CaseOptions, type LeakCase } from './corpus-base.js';

const c = (name: string, marked: string, more: CaseOptions = {}): LeakCase => summaryCase(1, name, marked, more);

export const gluedCases: LeakCase[] = [
  c('a surname with a plural s ("Haddads")', 'The ⟦Haddads⟧ run the crossings from Zuwara.'),
  c('a full name as a hashtag ("#KamalHaddad")', 'Posts tagged ⟦#KamalHaddad⟧ advertise places on the boat.'),
  c('a handle with a birth year ("@haddad84")', 'Bookings go through the account ⟦@haddad84⟧ on a messaging app.'),
  c('a profile address ("facebook.com/kamalhaddad84")', 'Adverts appear on ⟦facebook.com/kamalhaddad84⟧ every week.'),
  c('the Arabic conjunction glued to the surname ("وحداد")', 'قال الشاهد إن الرجل ⟦وحداد⟧ نظما الرحلة.'),
  c('Arabic-Indic digits glued to the surname ("Haddad٨٤")', 'The account ⟦Haddad٨٤⟧ posts departure times.'),
  c('a possessive ("Haddad\'s")', "Passengers paid at ⟦Haddad's⟧ garage before leaving."),
  c('the full name in capitals, run together ("KAMALHADDAD")', 'Payments reference ⟦KAMALHADDAD⟧ in the memo line.'),
  c('an e-mail address made of the name', 'Receipts come from ⟦kamal.haddad@mail.example⟧ in the evening.'),
  c('a messenger link with the surname', 'Join via ⟦t.me/haddad_zuwara⟧ to get a seat.'),
  c('a hyphenated compound ("Haddad-led")', 'A ⟦Haddad-led⟧ crew took the boat out.'),
  c('camel case with another word ("HaddadBrothers")', 'The group calls itself ⟦HaddadBrothers⟧ online.'),
  c('a nisba suffix ("Haddadi")', 'Locals speak of the ⟦Haddadi⟧ network in the port.'),
  c('the article glued to the surname ("ElHaddad")', 'The page ⟦ElHaddad⟧ lists prices for the crossing.'),
  c('a birth year glued to the surname ("haddad1984")', 'A wallet named ⟦haddad1984⟧ received the fares.'),
  c('the letters of the surname spaced out ("H a d d a d")', 'The caller spelled the name as ⟦H a d d a d⟧ on the phone.'),
  c('the letters of the surname dotted ("H.A.D.D.A.D.")', 'The note was signed ⟦H.A.D.D.A.D.⟧ in block letters.'),
  c('the letters of the surname hyphenated ("H-a-d-d-a-d")', 'The driver wrote ⟦H-a-d-d-a-d⟧ on the crate.'),
  c('a child\'s name as a handle with digits ("@Tesfaye2009")', 'The girl posted from ⟦@Tesfaye2009⟧ before the trip.'),
  c("a child's name in a profile path", 'Photos on ⟦instagram.com/amina.tesfaye⟧ show the warehouse.'),
  c("a witness's surname as a hashtag", 'Messages under ⟦#Berhane⟧ mention the departure.'),
  c("a witness's surname in a compound", 'The ⟦Berhane-family⟧ group chat had the timetable.'),
  c('a phone glued into a messenger link ("wa.me/218915550101")', 'Bookings by ⟦wa.me/218915550101⟧ only.'),
  c('a phone glued to "tel:"', 'The flyer says ⟦tel:+218915550101⟧ under the picture.'),
  c("a migrant's phone glued into a URL", 'He could be reached at ⟦wa.me/2917184392⟧ after landing.', {
    overrides: { persons: [KAMAL, AMINA, YONAS, DAWIT] },
  }),
  c('a given name glued to the surname\'s initial ("KamalH")', 'The handle ⟦KamalH⟧ answered the call.'),
  c('the full name as a domain ("kamalhaddad.ly")', 'Prices were listed on ⟦kamalhaddad.ly⟧ until March.'),
  c('a surname glued to an emoji', 'Seat confirmed by ⟦Haddad🚤⟧ the same night.'),
];
