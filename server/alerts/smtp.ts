import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { AlertSettings } from '../../playlists/schemas/alerts.ts';

/**
 * The hub's one way to send mail: the SMTP server set on the studio's alerts
 * page (STARTTLS and login as configured there). Alerts and the monthly
 * finance report both go through it. Resolves when the server accepted the
 * message; throws its refusal otherwise.
 */
export async function sendSmtp(smtp: AlertSettings['smtp'], mail: Omit<Mail.Options, 'from'>): Promise<void> {
  if (!smtp) throw new Error('no SMTP server is configured');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: false,
    requireTLS: smtp.starttls,
    ignoreTLS: !smtp.starttls,
    tls: { rejectUnauthorized: !smtp.allowSelfSigned },
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
  });
  try {
    await transport.sendMail({ ...mail, from: smtp.from });
  } finally {
    transport.close();
  }
}
