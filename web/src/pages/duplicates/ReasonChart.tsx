import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import type { DuplicateReason } from './duplicatesApi.ts';
import { reasonBars } from './reasonBars.ts';

const BAR_HEIGHT = 10;

/**
 * Why two profiles look like one person: a row per field with its reason in words and a bar from
 * the middle line — green to the right for evidence that they match, red to the left against.
 */
export function ReasonChart({ fields }: { fields: readonly DuplicateReason[] }) {
  const { t } = useTranslation('duplicates');
  const bars = reasonBars(fields);
  return (
    <Stack gap={6} data-testid="reason-chart" aria-label={t('reasons.label')}>
      {bars.map((bar) => (
        <Group
          key={`${bar.field}-${bar.sentence}`}
          gap="sm"
          wrap="nowrap"
          data-testid={`reason-${bar.field}`}
        >
          <Box style={{ display: 'flex', width: 180, flexShrink: 0, height: BAR_HEIGHT }} aria-hidden>
            <Box style={{ flex: 1, display: 'flex', justifyContent: 'flex-end' }}>
              {bar.direction === 'against' && (
                <Box
                  bg="red.6"
                  style={{ width: `${bar.length * 100}%`, minWidth: 2, height: '100%', borderRadius: 2 }}
                />
              )}
            </Box>
            <Box bg="gray.5" style={{ width: 1, height: BAR_HEIGHT + 4, marginTop: -2 }} />
            <Box style={{ flex: 1, display: 'flex' }}>
              {bar.direction !== 'against' && (
                <Box
                  bg={bar.direction === 'for' ? 'teal.6' : 'gray.4'}
                  style={{ width: `${bar.length * 100}%`, minWidth: 2, height: '100%', borderRadius: 2 }}
                />
              )}
            </Box>
          </Box>
          <Tooltip
            label={t('reasons.weight', { bits: formatNumber(bar.weight, { maximumFractionDigits: 1 }) })}
          >
            <Text size="sm" c={bar.direction === 'against' ? 'red.8' : undefined}>
              {bar.sentence}
            </Text>
          </Tooltip>
        </Group>
      ))}
    </Stack>
  );
}
