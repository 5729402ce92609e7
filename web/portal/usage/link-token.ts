import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The token of a link from an e-mail (`?token=`), handed to `send` once when the page opens. Such a link works
 * once, so React's development double effects must not send it twice.
 */
export function useLinkToken(send: (token: string) => void): string {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const sent = useRef(false);
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      send(token);
    }
  }, [token, send]);
  return token;
}
