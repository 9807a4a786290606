import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// A calm petrol accent on neutral greys. Shade 9 of cyan keeps white button text above the WCAG AA
// contrast ratio of 4.5:1 (shade 8 is 4.35:1).
export const theme = createTheme({
  primaryColor: 'cyan',
  primaryShade: 9,
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
});

// Mantine's dimmed text (gray 6) is 3.3:1 on white; gray 7 keeps secondary text readable (AA).
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057' },
  dark: {},
});
