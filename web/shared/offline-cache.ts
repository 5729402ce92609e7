/** The service worker keeps the customer's own GET answers here for offline reading; logout empties it. */
export const personalDataCacheName = 'ibok-api-me';
export const personalDataPathPrefix = '/api/v1/me/';
