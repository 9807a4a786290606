import { Alert, Badge, Checkbox, Group, List, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { CustomerLink, valueText } from './display.tsx';
import { HISTORY_TABLES } from './mergeApi.ts';
import type { Clash, MergePlan } from './mergeApi.ts';
import type { Decisions } from './mergeForm.ts';

interface PlanViewProps {
  plan: MergePlan;
  /** With these, the clashes' decisions can be changed (the merge form); without, it is read-only. */
  decisions?: Decisions;
  onDecisions?: (decisions: Partial<Decisions>) => void;
}

/** A merge plan in full: final values and their origin, what moves, decisions, warnings. */
export function PlanView({ plan, decisions, onDecisions }: PlanViewProps) {
  const { t } = useTranslation('merges');
  const byId = new Map(plan.customers.map((c) => [c.id, c]));
  const numberOf = (id: string | null) => (id === null ? '?' : (byId.get(id)?.number ?? '?'));
  const merged = plan.customers.filter((c) => c.role === 'merged');
  const movedTables = HISTORY_TABLES.filter((table) => plan.moves.some((m) => m.table === table));

  return (
    <Stack gap="lg" data-testid="merge-plan">
      {plan.warnings.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={20} />} title={t('plan.warnings')}>
          <List size="sm">
            {plan.warnings.map((w) => (
              <List.Item key={w.code} data-testid={`plan-warning-${w.code}`}>
                {t(`warnings.${w.code}` as 'warnings.survivor_not_default', w.params)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('plan.values')}
        </Title>
        <Table striped withRowBorders={false} data-testid="plan-values">
          <Table.Tbody>
            {plan.fields.map((f) => (
              <Table.Tr key={f.field} data-testid={`plan-field-${f.field}`}>
                <Table.Th w={200}>{t(`fields.${f.field}`)}</Table.Th>
                <Table.Td data-testid={`plan-value-${f.field}`}>{valueText(t, f.field, f.value)}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {t(`plan.source.${f.source}`, { number: numberOf(f.from) })}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" mt="sm">
          {t('plan.customerSince', { date: formatDate(plan.customerSince.value) })}
        </Text>
      </Paper>

      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('plan.moves')}
        </Title>
        {movedTables.length === 0 ? (
          <Text c="dimmed">{t('plan.nothingMoves')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table data-testid="plan-moves">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plan.from')}</Table.Th>
                  {movedTables.map((table) => (
                    <Table.Th key={table}>{t(`tables.${table}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {merged.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <CustomerLink customer={c} />
                    </Table.Td>
                    {movedTables.map((table) => (
                      <Table.Td key={table}>
                        {plan.moves.find((m) => m.from === c.id && m.table === table)?.count ?? 0}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
                <Table.Tr fw={600}>
                  <Table.Td>{t('plan.total')}</Table.Td>
                  {movedTables.map((table) => (
                    <Table.Td key={table} data-testid={`plan-total-${table}`}>
                      {plan.totals[table]}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="sm" mt="sm" data-testid="plan-loyalty">
          {t('plan.loyalty', {
            before: plan.customers.map((c) => formatNumber(plan.loyaltyPoints.before[c.id] ?? 0)).join(' + '),
            after: formatNumber(plan.loyaltyPoints.after),
          })}
        </Text>
        {plan.contactPointsAdded.length > 0 && (
          <>
            <Text size="sm" mt="sm" fw={500}>
              {t('plan.contactPoints')}
            </Text>
            <List size="sm" data-testid="plan-contact-points">
              {plan.contactPointsAdded.map((p) => (
                <List.Item key={`${p.kind}:${p.value}`}>{p.value}</List.Item>
              ))}
            </List>
          </>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('plan.clashes')}
        </Title>
        {plan.clashes.length === 0 ? (
          <Text c="dimmed">{t('plan.noClashes')}</Text>
        ) : (
          <Stack gap="md">
            {plan.clashes.map((clash, i) => (
              <ClashView
                key={clashKey(clash, i)}
                clash={clash}
                numberOf={numberOf}
                decisions={decisions}
                onDecisions={onDecisions}
              />
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

function clashKey(clash: Clash, i: number): string {
  return clash.kind === 'appointments' ? clash.appointments.map((a) => a.id).join('-') : `${clash.kind}-${i}`;
}

interface ClashViewProps {
  clash: Clash;
  numberOf: (id: string | null) => number | string;
  decisions: Decisions | undefined;
  onDecisions: ((decisions: Partial<Decisions>) => void) | undefined;
}

function ClashView({ clash, numberOf, decisions, onDecisions }: ClashViewProps) {
  const { t } = useTranslation('merges');
  const editable = decisions !== undefined && onDecisions !== undefined;
  if (clash.kind === 'appointments') {
    return (
      <Stack gap={4} data-testid="clash-appointments">
        <Text fw={500}>{t('plan.appointmentClash')}</Text>
        {clash.appointments.map((a) => (
          <Group key={a.id} gap="sm">
            <Checkbox
              label={`#${numberOf(a.customerId)} · ${formatDateTime(a.startAt)} · ${a.service} — ${t('plan.cancel')}`}
              checked={clash.cancel.includes(a.id)}
              disabled={!editable}
              onChange={(event) => {
                if (!editable) return;
                const others = decisions.cancelAppointments.filter((id) => id !== a.id);
                onDecisions({
                  cancelAppointments: event.currentTarget.checked ? [...others, a.id] : others,
                });
              }}
            />
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          {t('plan.keepBoth')}
        </Text>
      </Stack>
    );
  }
  if (clash.kind === 'online_accounts') {
    return (
      <Radio.Group
        label={t('plan.accounts')}
        description={t('plan.accountsNote')}
        value={clash.kept}
        onChange={(value) => editable && onDecisions({ onlineAccount: value })}
        data-testid="clash-accounts"
      >
        <Stack gap={6} mt="xs">
          {clash.accounts.map((a) => (
            <Radio
              key={a.id}
              value={a.id}
              disabled={!editable}
              label={`${a.loginEmail} (#${numberOf(a.customerId)}, ${t(`plan.accountState.${a.state}`)}, ${
                a.lastLoginAt
                  ? t('plan.lastLogin', { date: formatDate(a.lastLoginAt) })
                  : t('plan.neverLoggedIn')
              })`}
              data-testid={`account-choice-${a.loginEmail}`}
            />
          ))}
        </Stack>
      </Radio.Group>
    );
  }
  return (
    <Radio.Group
      label={t('plan.newsletter')}
      description={t('plan.newsletterNote')}
      value={clash.from ?? ''}
      onChange={(value) => editable && onDecisions({ newsletter: value })}
      data-testid="clash-newsletter"
    >
      <Stack gap={6} mt="xs">
        {clash.consents.map((c) => (
          <Radio
            key={c.customerId}
            value={c.customerId}
            disabled={!editable}
            label={
              <Group gap={6}>
                <span>#{numberOf(c.customerId)}</span>
                <Badge color={c.consent ? 'teal' : 'gray'} variant="light">
                  {c.consent ? t('plan.subscribed') : t('plan.notSubscribed')}
                </Badge>
                {c.at && (
                  <Text size="xs" c="dimmed">
                    {formatDate(c.at)}
                  </Text>
                )}
              </Group>
            }
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
