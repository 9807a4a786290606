/**
 * Sends e-mail through SMTP with nodemailer when SMTP_URL is set. Without it (the embedded
 * default) nothing leaves the machine: the caller stores the message with status "outbox" and
 * staff read it in the app. Either way the caller stores every message it sends.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export type SendResult =
  { status: 'sent'; messageId: string } | { status: 'outbox' } | { status: 'failed'; error: string };

export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      mode: 'outbox',
      send: async () => ({ status: 'outbox' }),
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    mode: 'smtp',
    async send(mail) {
      try {
        const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
        return { status: 'sent', messageId: info.messageId };
      } catch (err) {
        return { status: 'failed', error: (err as Error).message };
      }
    },
    close: () => transport.close(),
  };
}
