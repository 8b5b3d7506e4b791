// A date library: dayjs formats and manipulates dates thousands of times under a custom locale
// whose meridiem and ordinal functions run inside format's String.prototype.replace callback; then
// the locale function throws on a seeded date, from inside format.
'use strict';
const { between, lab, pick, warm } = require('./seeded');
const dayjs = lab('dayjs');
const advancedFormat = lab('dayjs/plugin/advancedFormat');

let failOn = -1;
const failing = pick(['meridiem', 'ordinal']);
function checked(kind, value) {
  if (kind === failing && value === failOn) throw new RangeError(`${kind} has no form for ${value}`);
  return value;
}
dayjs.extend(advancedFormat);
dayjs.locale({
  name: 'lab',
  weekdays: 'Sun_Mon_Tue_Wed_Thu_Fri_Sat'.split('_'),
  months: 'Jan_Feb_Mar_Apr_May_Jun_Jul_Aug_Sep_Oct_Nov_Dec'.split('_'),
  meridiem: (hour, minute) => (checked('meridiem', hour) < 12 ? `am${minute % 2}` : 'pm'),
  ordinal: (n) => `${checked('ordinal', n)}th`,
});

const start = dayjs('2026-01-01T00:00:00Z');
const format = 'dddd Do MMMM YYYY, h:mm A [quarter] Q k';
warm(between(3000, 8000), (i) => start.add(i * 7, 'hour').startOf('minute').format(format));

const day = start.add(between(0, 24 * 60), 'hour');
failOn = failing === 'meridiem' ? day.hour() : day.date();
day.format(format);
