import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('password policy', () => {
  it.each([
    'Zielona-Łąka-Nad-Wisłą-7',
    'kot pies krowa rower',
    'correct horse battery staple',
    'Wodomierz w piwnicy od 1998',
    'x7#Lp9!qR2@v',
  ])('accepts %s', (password) => {
    expect(passwordProblem(password)).toBeUndefined();
  });

  it.each([
    ['Krótkie1!', 'co najmniej 12 znaków'],
    ['12345678901', 'co najmniej 12 znaków'],
    ['password1234', 'zbyt łatwe'],
    ['Password2024!', 'zbyt łatwe'],
    ['Hasło2024!!!', 'zbyt łatwe'],
    ['QWERTY123456', 'zbyt łatwe'],
    ['1qaz2wsx3edc', 'zbyt łatwe'],
    ['123456789012', 'zbyt łatwe'],
    ['aaaaaaaaaaaaaaaa', 'zbyt łatwe'],
    ['ababababababab', 'zbyt łatwe'],
    ['iBOK-iBOK-2025', 'zbyt łatwe'],
    ['Wodociągi2025!', 'zbyt łatwe'],
    ['passwordpassword', 'zbyt łatwe'],
    ['kocham-misiek-1', 'zbyt łatwe'],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password)?.pl).toContain(reason);
  });

  it('refuses the e-mail address or its name part, and explains in English too', () => {
    expect(passwordProblem('jan.kowalski@example.pl', 'jan.kowalski@example.pl')).toBeDefined();
    expect(passwordProblem('JanKowalski1990', 'jan.kowalski@example.pl')?.en).toContain('too easy to guess');
    expect(passwordProblem('JanKowalski1990', 'anna@example.pl')).toBeUndefined();
  });

  it('counts characters, not UTF-16 units, and caps the length', () => {
    expect(passwordProblem('żółćżółćżół1')).toBeUndefined();
    expect(passwordProblem('w1🔑x2🔒y3🔓z4🗝')).toBeUndefined();
    expect(passwordProblem('w1🔑x2🔒y3🔓z4')?.en).toContain('at least 12');
    expect(passwordProblem('Długie hasło '.repeat(30))?.en).toContain('at most 256');
  });
});
