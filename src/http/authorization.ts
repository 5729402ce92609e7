import type { FastifyReply, FastifyRequest } from 'fastify';
import { polishDate } from '../modules/auth/calendar.ts';
import { accessOf, findLoginById } from '../modules/auth/login-store.ts';
import { findActiveSession, touchSession, type ActiveSession } from '../modules/auth/session-store.ts';
import { findStaffById, roleRank, type StaffRole } from '../modules/auth/staff-store.ts';
import { currentTerms, hasAccepted } from '../modules/auth/terms-store.ts';
import { sha256Hex } from '../modules/auth/tokens.ts';
import { AppError } from './errors.ts';
import { languageFromHeader, localize, type Language } from './language.ts';
import { sessionTokenOf } from './session-cookie.ts';

/** Who is signed in to the portal. Every customer query is scoped by `customerIds`. */
export interface CustomerAccess {
  sessionId: number;
  loginId: number;
  email: string;
  customerIds: number[];
  language: Language;
}

export interface StaffAccess {
  sessionId: number;
  staffUserId: number;
  role: StaffRole;
  email: string;
  fullName: string;
}

const resolved = new WeakMap<FastifyRequest, Promise<ActiveSession | undefined>>();

/** The request's live session (looked up once per request), its idle expiry slid forward. */
export function activeSessionOf(request: FastifyRequest): Promise<ActiveSession | undefined> {
  let session = resolved.get(request);
  if (!session) {
    session = lookUpSession(request);
    resolved.set(request, session);
  }
  return session;
}

async function lookUpSession(request: FastifyRequest): Promise<ActiveSession | undefined> {
  const token = sessionTokenOf(request);
  if (token === undefined) return undefined;
  const { database, now, config } = request.server.dependencies;
  const instant = now();
  const session = await findActiveSession(database.db, sha256Hex(token), instant);
  if (session) await touchSession(database.db, session, instant, config.sessions);
  return session;
}

const headerLanguage = (request: FastifyRequest) => languageFromHeader(request.headers['accept-language']);

const notSignedIn = (language: Language) =>
  new AppError(
    'unauthorized',
    localize({ pl: 'Zaloguj się, aby kontynuować.', en: 'Please sign in to continue.' }, language),
  );

async function loadCustomerAccess(request: FastifyRequest): Promise<CustomerAccess> {
  const session = await activeSessionOf(request);
  // A staff session is not a customer session: the portal treats it as signed out.
  if (!session || session.customerLoginId === null) throw notSignedIn(headerLanguage(request));
  const { db } = request.server.dependencies.database;
  const login = await findLoginById(db, session.customerLoginId);
  if (!login || login.disabledAt !== null || login.emailVerifiedAt === null)
    throw notSignedIn(headerLanguage(request));
  const access: CustomerAccess = {
    sessionId: session.id,
    loginId: login.id,
    email: login.email,
    customerIds: (await accessOf(db, login.id)).map((entry) => entry.customerId),
    language: login.language,
  };
  request.customerAccess = access;
  return access;
}

/**
 * preHandler (or onRequest) for portal routes: a signed-in customer who accepted the current iBOK terms.
 * Sets request.customerAccess; 401 without a customer session, 403 'terms_not_accepted' before acceptance.
 */
export async function requireCustomer(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access = await loadCustomerAccess(request);
  const { database, now } = request.server.dependencies;
  const terms = await currentTerms(database.db, 'ibok', polishDate(now()));
  if (terms && !(await hasAccepted(database.db, access.loginId, terms.id))) {
    throw new AppError(
      'terms_not_accepted',
      localize(
        {
          pl: `Zaakceptuj aktualny regulamin iBOK (wersja ${terms.version}), aby korzystać z serwisu.`,
          en: `Please accept the current iBOK terms (version ${terms.version}) to use the service.`,
        },
        access.language,
      ),
    );
  }
}

/** Like requireCustomer, without the terms check: for signing out, the session itself and accepting terms. */
export async function requireCustomerSession(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  await loadCustomerAccess(request);
}

async function loadStaffAccess(request: FastifyRequest): Promise<StaffAccess> {
  const session = await activeSessionOf(request);
  if (!session || session.staffUserId === null) throw notSignedIn(headerLanguage(request));
  const staff = await findStaffById(request.server.dependencies.database.db, session.staffUserId);
  if (!staff || staff.disabledAt !== null) throw notSignedIn(headerLanguage(request));
  const access: StaffAccess = {
    sessionId: session.id,
    staffUserId: staff.id,
    role: staff.role,
    email: staff.email,
    fullName: staff.fullName,
  };
  request.staffAccess = access;
  return access;
}

const notAllowed = (language: Language) =>
  new AppError(
    'forbidden',
    localize({ pl: 'Nie masz uprawnień do tej operacji.', en: 'You are not allowed to do this.' }, language),
  );

/** Back-office routes: a staff session whose role is at least `minimumRole` (read_only < operator < admin). */
export function requireStaff(minimumRole: StaffRole = 'read_only') {
  return async function requireStaffMember(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const access = await loadStaffAccess(request);
    if (roleRank(access.role) < roleRank(minimumRole)) throw notAllowed(headerLanguage(request));
  };
}

/** Back-office routes open to the listed roles only. */
export function requireStaffRole(roles: readonly StaffRole[]) {
  return async function requireStaffRoleMember(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const access = await loadStaffAccess(request);
    if (!roles.includes(access.role)) throw notAllowed(headerLanguage(request));
  };
}

/** The customer access set by requireCustomer; a route that forgot the hook fails closed. */
export function customerAccessOf(request: FastifyRequest): CustomerAccess {
  if (!request.customerAccess) throw notSignedIn(headerLanguage(request));
  return request.customerAccess;
}

export function staffAccessOf(request: FastifyRequest): StaffAccess {
  if (!request.staffAccess) throw notSignedIn(headerLanguage(request));
  return request.staffAccess;
}
