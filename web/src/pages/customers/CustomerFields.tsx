import { Badge, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './customerForm.ts';
import { GENDERS, type FormField, type FormValues, type TenantSettings } from './customersApi.ts';

interface CustomerFieldsProps {
  values: FormValues;
  onChange: (values: FormValues) => void;
  errors: FieldErrors;
  required: TenantSettings['requiredFields'];
  disabled?: boolean;
}

/**
 * Every field of a customer. Fields the business requires (Settings) carry a "Required" label; a
 * phone is required as "any of mobile, landline, second phone", so the label sits on the mobile.
 */
export function CustomerFields({ values, onChange, errors, required, disabled }: CustomerFieldsProps) {
  const { t } = useTranslation('customers');
  const set = (field: Exclude<FormField, 'newsletterConsent'>) => (value: string) =>
    onChange({ ...values, [field]: value });
  const label = (field: FormField, isRequired = false): ReactNode =>
    isRequired ? (
      <Group gap={6} component="span" display="inline-flex">
        {t(`fields.${field}`)}
        <Badge size="xs" color="orange" variant="light" data-testid={`required-${field}`}>
          {t('form.required')}
        </Badge>
      </Group>
    ) : (
      t(`fields.${field}`)
    );
  const text = (
    field: Exclude<FormField, 'newsletterConsent' | 'gender' | 'notes' | 'language'>,
    isRequired = false,
    type = 'text',
  ) => (
    <TextInput
      label={label(field, isRequired)}
      type={type}
      value={values[field]}
      onChange={(event) => set(field)(event.currentTarget.value)}
      error={errors[field]}
      disabled={disabled}
      data-testid={`field-${field}`}
    />
  );

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NativeSelect
          label={label('gender')}
          data={[
            { value: '', label: t('form.none') },
            ...GENDERS.map((g) => ({ value: g, label: t(`genders.${g}`) })),
          ]}
          value={values.gender}
          onChange={(event) => set('gender')(event.currentTarget.value)}
          error={errors.gender}
          disabled={disabled}
          data-testid="field-gender"
        />
        {text('firstName')}
        {text('lastName')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {text('displayName')}
        {text('email', required.email, 'email')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {text('mobile', required.phone, 'tel')}
        {text('landline', false, 'tel')}
        {text('phone2', false, 'tel')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {text('birthDate', false, 'date')}
        <NativeSelect
          label={label('language')}
          data={[
            { value: '', label: t('form.none') },
            ...(['nl', 'fr', 'de', 'en'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) })),
          ]}
          value={values.language}
          onChange={(event) => set('language')(event.currentTarget.value)}
          error={errors.language}
          disabled={disabled}
          data-testid="field-language"
        />
        {text('statusLabel')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        {text('street')}
        {text('houseNumber')}
        {text('postalCode')}
        {text('city')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {text('country')}
        {text('vatNumber')}
      </SimpleGrid>
      <Checkbox
        label={t('fields.newsletterConsent')}
        description={t('form.newsletterHelp')}
        checked={values.newsletterConsent === true}
        onChange={(event) => onChange({ ...values, newsletterConsent: event.currentTarget.checked })}
        disabled={disabled}
        data-testid="field-newsletterConsent"
      />
      <Textarea
        label={label('notes')}
        autosize
        minRows={2}
        value={values.notes}
        onChange={(event) => set('notes')(event.currentTarget.value)}
        error={errors.notes}
        disabled={disabled}
        data-testid="field-notes"
      />
    </Stack>
  );
}
