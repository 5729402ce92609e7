import type { FastifyBaseLogger } from 'fastify';
import type { MailMessage, MailTransport } from '../../adapters/mail/index.ts';

export interface Outbox {
  /** Sends in the background: the answer does not wait for (nor reveal, by its timing) the mail server. */
  deliver(message: MailMessage, kind: string): void;
  /** Waits for messages still being sent (shutdown, tests). */
  drain(): Promise<void>;
}

export function createOutbox(mail: MailTransport, log: FastifyBaseLogger): Outbox {
  const sending = new Set<Promise<void>>();
  return {
    deliver(message, kind) {
      const delivery = mail.send(message).then(
        () => undefined,
        (error: unknown) => {
          // The error text of a mail server often quotes the recipient: only its codes are logged.
          const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
          log.error({ kind, code, responseCode }, 'e-mail could not be sent');
        },
      );
      sending.add(delivery);
      void delivery.finally(() => sending.delete(delivery));
    },
    async drain() {
      await Promise.all([...sending]);
    },
  };
}
