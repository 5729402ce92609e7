import { addDays, formatCubicMetres, formatDate, type CalendarDate } from '../../../domain/index.ts';
import type { Localized } from '../../../http/language.ts';
import { checkPlausibility, HISTORY_DAYS } from '../../portal/self-readings/plausibility.ts';

/** Why a reading is refused; the codes are stable (documented in docs/back-office.md, stored with import reports). */
export type RejectionReason =
  | 'malformed_line'
  | 'malformed_date'
  | 'malformed_value'
  | 'unknown_source'
  | 'unknown_meter'
  | 'meter_not_installed'
  | 'future_date'
  | 'below_previous'
  | 'above_following'
  | 'duplicate';

export interface Rejection {
  reason: RejectionReason;
  detail: Localized;
}

export interface RegisterValue {
  date: CalendarDate;
  valueLitres: number;
}

/** What the checks of one meter need: its installation, accepted readings (ascending) and the days already taken. */
export interface MeterState {
  id: number;
  serialNumber: string;
  installedOn: CalendarDate;
  installReadingLitres: number;
  removedOn: CalendarDate | null;
  registerDigits: number;
  /** Accepted readings, ascending by date. */
  accepted: RegisterValue[];
  /** Days with an accepted or pending reading: a second reading of the same day is a duplicate. */
  takenDays: Set<string>;
}

export type ReadingVerdict =
  | { ok: false; rejection: Rejection }
  | { ok: true; status: 'accepted' | 'pending'; reviewNote: string | null; previous: RegisterValue };

const pl = (date: CalendarDate) => formatDate(date, 'pl');

export function installedOn(
  meter: Pick<MeterState, 'installedOn' | 'removedOn'>,
  date: CalendarDate,
): boolean {
  return meter.installedOn <= date && (meter.removedOn === null || date <= meter.removedOn);
}

/** The register value the reading continues from: the last accepted one before `date`, else the installation. */
export function previousValue(meter: MeterState, date: CalendarDate): RegisterValue {
  let previous: RegisterValue = { date: meter.installedOn, valueLitres: meter.installReadingLitres };
  for (const reading of meter.accepted) {
    if (reading.date >= date) break;
    previous = reading;
  }
  return previous;
}

/**
 * The rules every new reading passes, whether typed by staff or imported: the meter is installed that day,
 * the date is not in the future, the day has no reading yet, and the value fits between the neighbouring
 * accepted readings. A value that passes but is implausible (portal rule: more than 10 m³ a day, or more than
 * five times the 12-month average) is taken in as pending, for review.
 */
export function judgeReading(
  meter: MeterState,
  date: CalendarDate,
  valueLitres: number,
  today: CalendarDate,
): ReadingVerdict {
  const reject = (reason: RejectionReason, detail: Localized): ReadingVerdict => ({
    ok: false,
    rejection: { reason, detail },
  });
  if (date > today)
    return reject('future_date', {
      pl: `Data ${pl(date)} jest z przyszłości.`,
      en: `The date ${date} is in the future.`,
    });
  if (!installedOn(meter, date)) {
    return reject('meter_not_installed', {
      pl: `Wodomierz ${meter.serialNumber} nie był zamontowany ${pl(date)}.`,
      en: `Meter ${meter.serialNumber} was not installed on ${date}.`,
    });
  }
  if (valueLitres >= 10 ** meter.registerDigits * 1000) {
    return reject('malformed_value', {
      pl: `Liczydło wodomierza ma ${meter.registerDigits} cyfr przed przecinkiem.`,
      en: `The meter's register has ${meter.registerDigits} whole digits.`,
    });
  }
  if (meter.takenDays.has(date)) {
    return reject('duplicate', {
      pl: `Wodomierz ${meter.serialNumber} ma już odczyt z ${pl(date)}.`,
      en: `Meter ${meter.serialNumber} already has a reading of ${date}.`,
    });
  }
  const previous = previousValue(meter, date);
  if (valueLitres < previous.valueLitres) {
    return reject('below_previous', {
      pl: `Stan ${formatCubicMetres(valueLitres, 'pl')} jest niższy niż poprzedni odczyt ${formatCubicMetres(previous.valueLitres, 'pl')} z ${pl(previous.date)}.`,
      en: `The value ${formatCubicMetres(valueLitres, 'en')} is below the previous reading ${formatCubicMetres(previous.valueLitres, 'en')} of ${previous.date}.`,
    });
  }
  const following = meter.accepted.find((reading) => reading.date > date);
  if (following && valueLitres > following.valueLitres) {
    return reject('above_following', {
      pl: `Stan jest wyższy niż późniejszy odczyt ${formatCubicMetres(following.valueLitres, 'pl')} z ${pl(following.date)}.`,
      en: `The value is above the later reading ${formatCubicMetres(following.valueLitres, 'en')} of ${following.date}.`,
    });
  }
  const history = [
    { date: meter.installedOn, valueLitres: meter.installReadingLitres },
    ...meter.accepted.filter((reading) => reading.date < previous.date),
  ];
  const yearAgo = history.find((reading) => reading.date >= addDays(previous.date, -HISTORY_DAYS)) ?? null;
  const plausibility = checkPlausibility({
    baseline: previous,
    yearAgo: yearAgo && yearAgo.date < previous.date ? yearAgo : null,
    date,
    valueLitres,
  });
  if (plausibility.reasons.length === 0) return { ok: true, status: 'accepted', reviewNote: null, previous };
  const note = `Do weryfikacji [${plausibility.reasons.map((reason) => reason.code).join(', ')}]: ${plausibility.reasons.map((reason) => reason.text.pl).join(' ')}`;
  return { ok: true, status: 'pending', reviewNote: note, previous };
}

/** Keeps a meter's state current after a reading was taken in, so the next line of a file sees it. */
export function remember(
  meter: MeterState,
  date: CalendarDate,
  valueLitres: number,
  status: 'accepted' | 'pending',
): void {
  meter.takenDays.add(date);
  if (status !== 'accepted') return;
  meter.accepted.push({ date, valueLitres });
  meter.accepted.sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0));
}
