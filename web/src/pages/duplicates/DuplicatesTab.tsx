/**
 * The "Duplicates (n)" tab of a customer's profile. The profile page (pages/customers) renders
 * the tab only when `useDuplicateCount` is above zero and shows this panel in it; the
 * duplicates module fills it (candidates, reasons chart, compare / merge / not a duplicate).
 */
export function useDuplicateCount(_customerId: string): number {
  return 0;
}

export function DuplicatesTab(_props: { customerId: string }) {
  return null;
}
