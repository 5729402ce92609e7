const warsawDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Poland at an instant ('YYYY-MM-DD'): contracts and terms take effect on Polish dates. */
export function polishDate(instant: Date): string {
  return warsawDate.format(instant);
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}
