/**
 * "Chrome, Android" from a User-Agent header: enough for people to recognise their own devices in the list
 * of sessions (the raw header is a wall of version numbers). Order matters: Edge and Opera also say
 * "Chrome", Chrome also says "Safari", Android also says "Linux", an iPhone also says "Mac OS X".
 */
const browsers: Array<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/Chrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

const systems: Array<[RegExp, string]> = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone|\biPad|\biPod/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const firstMatch = (userAgent: string, names: Array<[RegExp, string]>) =>
  names.find(([pattern]) => pattern.test(userAgent))?.[1];

/** The browser and the system, or null when neither can be told (the page then says "unknown device"). */
export function deviceName(userAgent: string): string | null {
  const parts = [firstMatch(userAgent, browsers), firstMatch(userAgent, systems)].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}
