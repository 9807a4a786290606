import type agenda from './locales/en/agenda.json';
import type auth from './locales/en/auth.json';
import type book from './locales/en/book.json';
import type bookings from './locales/en/bookings.json';
import type common from './locales/en/common.json';
import type customers from './locales/en/customers.json';
import type duplicates from './locales/en/duplicates.json';
import type imports from './locales/en/imports.json';
import type merges from './locales/en/merges.json';
import type nav from './locales/en/nav.json';
import type settings from './locales/en/settings.json';

// Typed translation keys: `t('nav:customers')` is checked against the English texts at compile time.
// Register each new namespace here.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      agenda: typeof agenda;
      auth: typeof auth;
      book: typeof book;
      bookings: typeof bookings;
      common: typeof common;
      customers: typeof customers;
      duplicates: typeof duplicates;
      imports: typeof imports;
      merges: typeof merges;
      nav: typeof nav;
      settings: typeof settings;
    };
  }
}
