import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { FormAlert } from '../../shared/components/FormAlert.tsx';
import { formatDate } from '../../shared/format.ts';
import { QueryView, useErrorMessage, TableScroll } from './common.tsx';
import { deviceName } from './device-name.ts';
import type { SessionsAnswer } from './types.ts';

const formatTime = (instant: string) =>
  `${formatDate(instant)} ${new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }).format(new Date(instant))}`;

/** The login's open sessions, each with when, from what device and where; any but this one can be ended. */
export function SessionsSection() {
  const { t } = useTranslation('usage');
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['me', 'sessions'],
    queryFn: ({ signal }) => api.get<SessionsAnswer>('/api/v1/me/sessions', signal),
  });
  const [ended, setEnded] = useState(false);
  const revoke = useMutation({
    mutationFn: (id: number) => api.delete<unknown>(`/api/v1/me/sessions/${id}`),
    onSuccess: async () => {
      setEnded(true);
      await queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] });
    },
  });
  return (
    <section className="usage-section" aria-labelledby="profile-sessions">
      <h2 id="profile-sessions">{t('sessions.heading')}</h2>
      <QueryView query={sessions}>
        {(data) => (
          <TableScroll label={t('sessions.caption')}>
            <table className="usage-table">
              <caption>{t('sessions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sessions.started')}</th>
                  <th scope="col">{t('sessions.lastSeen')}</th>
                  <th scope="col">{t('sessions.device')}</th>
                  <th scope="col">{t('sessions.action')}</th>
                </tr>
              </thead>
              <tbody>
                {data.sessions.map((session) => (
                  <tr key={session.id}>
                    <th scope="row">{formatTime(session.createdAt)}</th>
                    <td>{formatTime(session.lastSeenAt)}</td>
                    <td>
                      {(session.userAgent && deviceName(session.userAgent)) ?? t('sessions.unknownDevice')}
                      {session.ip ? <span className="usage-note">{session.ip}</span> : null}
                    </td>
                    <td>
                      {session.current ? (
                        t('sessions.current')
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={revoke.isPending}
                          aria-label={t('sessions.endLabel', { started: formatTime(session.createdAt) })}
                          onClick={() => {
                            setEnded(false);
                            revoke.mutate(session.id);
                          }}
                        >
                          {t('sessions.end')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryView>
      {revoke.isError ? <FormAlert message={describeError(revoke.error)} /> : null}
      <p role="status" className="usage-status">
        {ended ? t('sessions.ended') : ''}
      </p>
    </section>
  );
}
