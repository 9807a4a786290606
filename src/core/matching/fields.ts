/**
 * The fields the model compares and the levels each comparison can end in, best evidence first.
 * A level index of -1 means "missing": one side has no value, which is no evidence either way.
 */
export const FIELDS = [
  {
    name: 'firstName',
    levels: ['exact', 'nickname', 'fuzzyHigh', 'phonetic', 'fuzzyLow', 'initial', 'different'],
  },
  { name: 'lastName', levels: ['exact', 'fuzzyHigh', 'phonetic', 'fuzzyLow', 'different'] },
  { name: 'email', levels: ['exact', 'sameLocal', 'fuzzyLocal', 'different'] },
  { name: 'phone', levels: ['exact', 'oneDigit', 'different'] },
  { name: 'birthDate', levels: ['exact', 'swapped', 'oneDigit', 'sameYear', 'different', 'farApart'] },
  { name: 'street', levels: ['exact', 'sameStreet', 'similarStreet', 'different'] },
  { name: 'place', levels: ['postalAndCity', 'postal', 'city', 'different'] },
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
export const FIRST_DIFFERENT = 6;
export const FIRST_INITIAL = 5;
export const FIRST_NICKNAME = 1;
export const LAST_DIFFERENT = 4;
export const BIRTH_SAME_YEAR = 3;
export const BIRTH_FAR_APART = 5;
export const GENDER_CHILD_ADULT = 1;
export const GENDER_CONFLICT = 2;
export const EXACT = 0;
