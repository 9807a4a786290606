/**
 * The fields the model compares and the levels each comparison can end in, best evidence first.
 * A level index of -1 means "missing": one side has no value (or the values say nothing about this
 * pair, such as two e-mail names that are only the customers' names), which is no evidence either way.
 */
export const FIELDS = [
  {
    name: 'firstName',
    levels: ['exact', 'nickname', 'fuzzyHigh', 'phonetic', 'fuzzyLow', 'initial', 'different'],
  },
  { name: 'lastName', levels: ['exact', 'fuzzyHigh', 'phonetic', 'fuzzyLow', 'initial', 'different'] },
  { name: 'email', levels: ['exact', 'sameLocal', 'fuzzyLocal', 'different'] },
  { name: 'phone', levels: ['exact', 'landline', 'oneDigit', 'different'] },
  {
    name: 'birthDate',
    levels: [
      'exact',
      'swapped',
      'oneDigit',
      'sameYear',
      'different',
      'farApart',
      'emailYear',
      'emailOtherYear',
    ],
  },
  { name: 'street', levels: ['exact', 'sameStreet', 'similarStreet', 'different'] },
  {
    name: 'place',
    levels: ['postalAndCity', 'postal', 'districtAndCity', 'city', 'district', 'different'],
  },
  { name: 'gender', levels: ['same', 'childAdult', 'conflict'] },
] as const;

export type FieldName = (typeof FIELDS)[number]['name'];
export const FIELD_COUNT = FIELDS.length;

export const F_FIRST = 0;
export const F_LAST = 1;
export const F_EMAIL = 2;
export const F_PHONE = 3;
export const F_BIRTH = 4;
export const F_STREET = 5;
export const F_PLACE = 6;
export const F_GENDER = 7;

/** Level indices used by rules elsewhere (kept next to the table they index). */
export const EXACT = 0;
export const FIRST_NICKNAME = 1;
export const FIRST_FUZZY_HIGH = 2;
export const FIRST_PHONETIC = 3;
export const FIRST_FUZZY_LOW = 4;
export const FIRST_INITIAL = 5;
export const FIRST_DIFFERENT = 6;
export const LAST_FUZZY_HIGH = 1;
export const LAST_PHONETIC = 2;
export const LAST_FUZZY_LOW = 3;
export const LAST_INITIAL = 4;
export const LAST_DIFFERENT = 5;
export const EMAIL_SAME_LOCAL = 1;
export const EMAIL_FUZZY_LOCAL = 2;
export const EMAIL_DIFFERENT = 3;
export const PHONE_LANDLINE = 1;
export const PHONE_ONE_DIGIT = 2;
export const PHONE_DIFFERENT = 3;
export const BIRTH_SWAPPED = 1;
export const BIRTH_ONE_DIGIT = 2;
export const BIRTH_SAME_YEAR = 3;
export const BIRTH_DIFFERENT = 4;
export const BIRTH_FAR_APART = 5;
/** Only one record has a birth date; the other's e-mail name ends in that year / in another year. */
export const BIRTH_EMAIL_YEAR = 6;
export const BIRTH_EMAIL_OTHER_YEAR = 7;
export const STREET_SAME_STREET = 1;
export const STREET_SIMILAR = 2;
export const STREET_DIFFERENT = 3;
export const PLACE_POSTAL = 1;
export const PLACE_DISTRICT_CITY = 2;
export const PLACE_CITY = 3;
export const PLACE_DISTRICT = 4;
export const PLACE_DIFFERENT = 5;
export const GENDER_CHILD_ADULT = 1;
export const GENDER_CONFLICT = 2;
