import {
  IconCalendar,
  IconCalendarCheck,
  IconCopy,
  IconFileImport,
  IconHistory,
  IconSettings,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';

export interface NavItem {
  to: string;
  /** Key in the `nav` namespace. */
  label: 'customers' | 'agenda' | 'bookings' | 'duplicates' | 'imports' | 'merges' | 'settings';
  icon: TablerIcon;
  /** Shown to owners only. */
  ownerOnly?: boolean;
}

/** The navbar, top to bottom. Each item's test id is `nav-<label>`. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/customers', label: 'customers', icon: IconUsers },
  { to: '/agenda', label: 'agenda', icon: IconCalendar },
  { to: '/bookings', label: 'bookings', icon: IconCalendarCheck },
  { to: '/duplicates', label: 'duplicates', icon: IconCopy },
  { to: '/imports', label: 'imports', icon: IconFileImport },
  { to: '/merges', label: 'merges', icon: IconHistory },
  { to: '/settings', label: 'settings', icon: IconSettings, ownerOnly: true },
];
