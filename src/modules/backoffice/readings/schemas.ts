import { z } from 'zod';
import { readingOut } from '../customers/schemas.ts';
import {
  cubicMetresInput,
  dateOut,
  id,
  instantOut,
  isoDate,
  litres,
  meterKind,
  pageOf,
  reason,
  shortText,
} from '../shared/schemas.ts';

export const readingStatus = z.enum(['pending', 'accepted', 'rejected', 'superseded'], { error: 'choice' });
export const readingSource = z.enum(['staff', 'amr', 'customer', 'estimate'], { error: 'choice' });
export const rejectionReason = z
  .enum([
    'malformed_line',
    'malformed_date',
    'malformed_value',
    'unknown_source',
    'unknown_meter',
    'meter_not_installed',
    'future_date',
    'below_previous',
    'above_following',
    'duplicate',
  ])
  .describe('Why a line was rejected (docs/back-office.md lists them).');

export const readingEntry = z.object({
  meterId: id,
  date: isoDate,
  valueM3: cubicMetresInput,
  acceptImplausible: z
    .boolean({ error: 'choice' })
    .default(false)
    .describe('Take an implausible value in as accepted (else it waits for review).'),
});

export const enteredReading = readingOut.extend({
  meterId: z.number().int(),
  previous: z.object({
    date: dateOut,
    valueLitres: litres('Previous accepted register (or the installation value).'),
  }),
});

export const readingListQuery = z
  .object({
    meterId: id.optional(),
    status: readingStatus.optional(),
    source: readingSource.optional(),
    importBatchId: id.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    error: 'dateOrder',
    path: ['to'],
  });

export const readingListItem = readingOut.extend({
  meterId: z.number().int(),
  meterSerial: z.string(),
  supersededById: z.number().int().nullable(),
  importBatchId: z.number().int().nullable(),
  createdAt: instantOut,
});
export const readingPage = pageOf(readingListItem);

export const importQuery = z.object({
  fileName: shortText(200).default('odczyty.csv').describe('Name of the uploaded file, kept with the batch.'),
});

export const importReportSchema = z.object({
  batchId: z.number().int(),
  fileName: z.string(),
  importedAt: instantOut,
  alreadyImported: z
    .boolean()
    .describe('The same file (SHA-256) was imported before: nothing changed; this is its first report.'),
  lines: z.number().int().describe('Data lines (header and empty lines not counted).'),
  accepted: z.number().int().describe('Lines taken in (pendingReview included).'),
  pendingReview: z
    .number()
    .int()
    .describe('Taken in as pending: implausible values waiting in the review queue.'),
  rejected: z.number().int(),
  rejections: z.array(
    z.object({
      line: z.number().int().describe('Line number in the file; the header is line 1.'),
      reason: rejectionReason,
      detail: z.string(),
      content: z.string(),
    }),
  ),
});

export const importBatchPage = pageOf(
  z.object({
    id: z.number().int(),
    fileName: z.string(),
    importedAt: instantOut,
    importedBy: z.string().nullable().describe('Staff member; null for the CLI.'),
    lines: z.number().int(),
    accepted: z.number().int(),
    pendingReview: z.number().int(),
    rejected: z.number().int(),
  }),
);

export const reviewQuery = z.object({
  source: z.enum(['customer', 'staff', 'amr'], { error: 'choice' }).optional(),
});

export const reviewItem = z.object({
  id: z.number().int(),
  meterId: z.number().int(),
  meterSerial: z.string(),
  meterKind,
  date: dateOut,
  valueLitres: litres('Submitted register value.'),
  source: z.enum(['customer', 'staff', 'amr']),
  reviewNote: z
    .string()
    .nullable()
    .describe('Why it was held, e.g. "Do weryfikacji [above_average_multiple]: …".'),
  submittedAt: instantOut,
  submittedBy: z.string().nullable().describe('Portal login e-mail, staff name or "import #N".'),
  servicePointId: z.number().int(),
  servicePointCode: z.string(),
  servicePointAddress: z.string(),
  customer: z.object({ id: z.number().int(), customerNumber: z.string(), name: z.string() }).nullable(),
  previous: z.object({
    date: dateOut,
    valueLitres: litres('Previous accepted register.'),
    installation: z.boolean().describe('The previous value is the installation value.'),
  }),
  consumptionLitres: litres('Value − previous.'),
  days: z.number().int(),
  dailyLitres: litres('Consumption per day since the previous value.'),
});
export const reviewPage = pageOf(reviewItem);

export const acceptBody = z.object({
  note: z.string({ error: 'text' }).trim().max(500, { error: 'text' }).optional(),
});
export const rejectBody = z.object({
  reason: reason.describe('Shown to the customer in the portal for a self-reading.'),
});
export const correctBody = z.object({
  valueM3: cubicMetresInput,
  reason: reason.describe('Kept with the reading and on any correcting invoice.'),
});

export const decidedReading = readingOut.extend({ meterId: z.number().int() });

export const correctionAnswer = z.object({
  reading: decidedReading.describe('The new accepted reading.'),
  supersededReadingId: z.number().int(),
  corrections: z
    .array(
      z.object({
        invoiceId: z.number().int(),
        invoiceNumber: z.string(),
        correctionId: z.number().int().nullable(),
        correctionNumber: z.string().nullable().describe('KOR/… number of the correcting invoice issued.'),
        error: z
          .string()
          .nullable()
          .describe('Why none was issued (e.g. nothing changed); the invoice can be corrected by hand.'),
      }),
    )
    .describe('One entry per invoice that had used the corrected reading.'),
});
