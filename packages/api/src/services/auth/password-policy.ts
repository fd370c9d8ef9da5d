import { PASSWORD_MIN } from "../../contracts/limits.ts";
import { AppError } from "../../errors.ts";

// The most common passwords (leaked-password lists, including the usual Chinese ones); refused outright.
const COMMON_PASSWORDS = new Set(
  [
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "password1",
    "password123",
    "11111111",
    "00000000",
    "88888888",
    "66666666",
    "12341234",
    "87654321",
    "qwertyui",
    "qwerty123",
    "qwertyuiop",
    "1qaz2wsx",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "abcd1234",
    "abc12345",
    "abc123456",
    "a1234567",
    "a12345678",
    "aa123456",
    "iloveyou",
    "woaini1314",
    "woaini520",
    "5201314",
    "52013140",
    "admin123",
    "admin1234",
    "administrator",
    "p@ssw0rd",
    "passw0rd",
    "welcome1",
    "letmein1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "superman",
    "zxcvbnm1",
    "zxcvbnm123",
    "asdfghjkl",
    "asdf1234",
    "q1w2e3r4",
    "1234qwer",
    "123qweasd",
    "qweasdzxc",
    "147258369",
    "123123123",
    "112233445",
    "woaini123",
    "changeme",
    "kefu1234",
    "kefu123456",
    "test1234",
    "test12345",
    "root1234",
    "Aa123456",
    "aa12345678",
  ].map((p) => p.toLowerCase()),
);

/** Throws a field error naming `field` when the password is too weak to accept. */
export function assertAcceptablePassword(password: string, field = "password"): void {
  if (password.length < PASSWORD_MIN) throw new AppError("WEAK_PASSWORD", { field, params: { min: PASSWORD_MIN } });
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || /^(.)\1+$/.test(password) || (/^\d+$/.test(password) && isSequential(password))) {
    throw new AppError("COMMON_PASSWORD", { field });
  }
}

function isSequential(digits: string): boolean {
  for (let i = 1; i < digits.length; i++) if ((Number(digits[i]) - Number(digits[i - 1]) + 10) % 10 !== 1) return false;
  return true;
}
