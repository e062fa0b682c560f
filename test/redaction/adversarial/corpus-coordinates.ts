/** Class 5: the coordinates of a withheld location, in other notations. */
import { DE_POLICE, LY_BORDER, summaryCase, TN_LIAISON, type CaseOptions, type LeakCase } from './corpus-base.js';
import { v1 } from '../../../libs/proto/index.js';

// The withheld landing place is 32.9312, 12.0815 (32°55'52.3"N 12°04'53.4"E).
const c = (name: string, marked: string, more: CaseOptions = {}): LeakCase => summaryCase(5, name, marked, more);

export const coordinateCases: LeakCase[] = [
  c('hemisphere letters after the numbers ("32.9312N 12.0815E")', 'Landing expected at ⟦32.9312N⟧ ⟦12.0815E⟧ before dawn.'),
  c('hemisphere letters before the numbers ("N32.9312")', 'Waypoint ⟦N32.9312⟧ ⟦E12.0815⟧ was sent by text.'),
  c('a zero-padded longitude ("012.0815")', 'GPS log: ⟦32.9312⟧, ⟦012.0815⟧.'),
  c('degrees, minutes and seconds (32°55\'52"N)', 'The boat was spotted at ⟦32°55\'52"N⟧ ⟦12°04\'53"E⟧.'),
  c("degrees and decimal minutes (32°55.87'N)", "Position reported as ⟦32°55.87'N⟧ ⟦12°04.89'E⟧ by the crew."),
  c('a one-decimal coordinate, verbatim ("32.9, 12.1")', 'Roughly ⟦32.9⟧, ⟦12.1⟧ according to the fisherman.'),
  c('comma decimals', 'Koordinaten ⟦32,9312⟧ / ⟦12,0815⟧ laut Handy.'),
  c('Arabic-Indic digits with the Arabic decimal separator', 'الإحداثيات ⟦٣٢٫٩٣١٢⟧ و ⟦١٢٫٠٨١٥⟧ حسب الهاتف.'),
  c('Persian digits with the Arabic decimal separator', 'موقعیت ⟦۳۲٫۹۳⟧ و ⟦۱۲٫۰۸⟧ بود.'),
  c('labels "lat" and "lon" with two decimals', 'Last fix ⟦lat 32.93⟧ ⟦lon 12.08⟧ at 04:10.'),
  c('a map link', 'Pin shared: ⟦maps.google.com/?q=32.9312,12.0815⟧ in the group.'),
  c('a geo URI', 'Location message ⟦geo:32.9312,12.0815⟧ received.'),
  c('degrees with the degree sign and hemisphere words', 'At ⟦32.93120° N⟧, ⟦12.08150° E⟧ the engine stopped.'),
  c('prime and double-prime signs', 'Fix at ⟦32°55′52″N⟧ ⟦12°04′53″E⟧.'),
  c('the ordinal indicator for degrees ("32º55\'52")', 'Posición ⟦32º55\'52"⟧ N, ⟦12º04\'53"⟧ E.'),
  c('degrees, minutes, seconds as letters ("32d 55m 52s")', 'Logged as ⟦32d 55m 52s⟧ N ⟦12d 4m 53s⟧ E.'),
  c('degrees, minutes and seconds with spaces only', 'Chart mark ⟦32 55 52 N⟧ ⟦12 04 53 E⟧ pencilled in.'),
  c('three decimals, rounded', 'The drone saw them at ⟦32.931⟧ ⟦12.082⟧.'),
  c('a nearby point within 0.05 degrees', 'They circled near ⟦32.95⟧, ⟦12.05⟧ for an hour.'),
  c('a latitude alone', 'Drifting south of ⟦32.93⟧ at noon.'),
  c('degrees and decimal minutes without hemisphere ("N 32° 55.872")', 'Handheld GPS: ⟦N 32° 55.872⟧ ⟦E 012° 04.890⟧.'),
  c('a coordinate pair separated by a slash', 'Meeting point ⟦32.93/12.08⟧ at night.'),
  c('a liaison office off the route does not get the position either', 'The crew radioed ⟦32.9312⟧ ⟦12.0815⟧ at 03:00.', {
    recipient: TN_LIAISON,
  }),
  c('a border guard on the route of a sea notice does not get the position', 'Pick-up at ⟦32.9312⟧, ⟦12.0815⟧ confirmed.', {
    recipient: LY_BORDER,
  }),
  c('police off the route of a land notice do not get the position', 'Truck stopped at ⟦32.9312⟧, ⟦12.0815⟧.', {
    recipient: DE_POLICE,
    overrides: { mode: v1.Mode.LAND },
  }),
];
