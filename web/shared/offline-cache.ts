/** The service worker keeps the customer's own GET answers here for offline reading; logout empties it. */
export const personalDataCacheName = 'ibok-api-me';
/**
 * What goes into that cache: the customer's own data, and the session check, so that opening the installed
 * app offline shows the last synced pages instead of the sign-in form. Online, the server's answer always
 * wins (a 401 is never cached), so an ended session still ends.
 */
export const personalDataPattern = /\/api\/v1\/(me\/|auth\/session$)/;
