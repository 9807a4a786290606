// The booking form's pure helpers: the wished moment from the date and time fields (in the
// browser's time zone, which is the customer's), and the checks the page makes before sending.

export interface BookingFormValues {
  service: string;
  date: string;
  time: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  note: string;
  /** The honeypot: hidden from people. */
  website: string;
}

export type BookingField = keyof BookingFormValues;
export type BookingErrors = Partial<Record<BookingField, string>>;

export const EMPTY_BOOKING: BookingFormValues = {
  service: '',
  date: '',
  time: '',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  note: '',
  website: '',
};

/** "2026-12-01" + "09:30" → the ISO instant of that local time; null when either is not filled in or not real. */
export function wishedStart(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const at = new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (at.getDate() !== Number(d[3]) || at.getMonth() !== Number(d[2]) - 1) return null;
  return at.toISOString();
}

/** Error keys (in the `book` namespace) per field, before anything is sent. */
export function validateBooking(v: BookingFormValues, loggedIn: boolean, now: Date): BookingErrors {
  const errors: BookingErrors = {};
  if (!v.service) errors.service = 'form.required';
  const at = wishedStart(v.date, v.time);
  if (!v.date) errors.date = 'form.required';
  if (!v.time) errors.time = 'form.required';
  if (v.date && v.time && at === null) errors.date = 'form.invalidDate';
  if (at !== null && new Date(at) <= now) errors.date = 'form.inPast';
  if (!loggedIn) {
    if (!v.firstName.trim() && !v.lastName.trim()) errors.lastName = 'form.nameRequired';
    if (!v.email.trim() && !v.phone.trim()) errors.email = 'form.contactRequired';
    if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim()))
      errors.email = 'form.invalidEmail';
  }
  return errors;
}
