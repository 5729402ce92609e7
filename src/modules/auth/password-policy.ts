import type { Localized } from '../../http/language.ts';
import { commonPasswords, commonPasswordWords } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Length over composition rules (NIST SP 800-63B): at least 12 characters, nothing from the list of common
 * passwords or the product's own name, not the e-mail address. Returns why a password is refused, or nothing.
 */
export function passwordProblem(password: string, email?: string): Localized | undefined {
  const characters = [...password];
  if (characters.length < MIN_PASSWORD_LENGTH) {
    return {
      pl: `Hasło musi mieć co najmniej ${MIN_PASSWORD_LENGTH} znaków.`,
      en: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    };
  }
  if (characters.length > MAX_PASSWORD_LENGTH) {
    return {
      pl: `Hasło może mieć najwyżej ${MAX_PASSWORD_LENGTH} znaków.`,
      en: `The password may be at most ${MAX_PASSWORD_LENGTH} characters long.`,
    };
  }
  if (isCommon(password, email)) {
    return {
      pl: 'To hasło jest zbyt łatwe do odgadnięcia (popularne hasło, nazwa serwisu lub adres e-mail). Wybierz inne, np. kilka przypadkowych słów.',
      en: 'This password is too easy to guess (a common password, the service name or the e-mail address). Choose another, e.g. a few random words.',
    };
  }
  return undefined;
}

function isCommon(password: string, email: string | undefined): boolean {
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return true;
  if (new Set(lower).size < 4) return true;
  const letters = foldPolish(lower).replace(/[^a-z]/g, '');
  // Digits and symbols around a common word add almost nothing: "Haslo2024!!!" is still "haslo".
  if (letters.length === 0 || isRepetitionOfCommonWord(letters)) return true;
  if (email) {
    const localPart = foldPolish(email.toLowerCase().split('@')[0] ?? '').replace(/[^a-z]/g, '');
    if (localPart.length >= 4 && (letters === localPart || lower === email.toLowerCase())) return true;
  }
  return false;
}

/** True when the letters are one or two common words, possibly repeated ("passwordpassword", "kochamcie"). */
function isRepetitionOfCommonWord(letters: string): boolean {
  for (const word of commonPasswordWords) {
    if (letters === word) return true;
    if (letters.length % word.length === 0 && word.repeat(letters.length / word.length) === letters)
      return true;
  }
  for (const first of commonPasswordWords) {
    if (!letters.startsWith(first)) continue;
    if (commonPasswordWords.has(letters.slice(first.length))) return true;
  }
  return false;
}

function foldPolish(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l');
}
