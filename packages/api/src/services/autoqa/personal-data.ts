/**
 * Personal data in a message: 18-digit resident ID numbers (with their check digit), full mainland mobile numbers and
 * bank card numbers (Luhn). Each is returned masked; the full value never leaves this function.
 */
import type { Highlight } from "./phrases.ts";

export interface PersonalDataHit extends Highlight {
  kind: "idNumber" | "phone" | "bankCard";
  masked: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17]!.toUpperCase();
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const mask = (digits: string, keepStart: number, keepEnd: number) =>
  `${digits.substring(0, keepStart)}${"*".repeat(Math.max(0, digits.length - keepStart - keepEnd))}${digits.substring(digits.length - keepEnd)}`;

/** runs of digits (an X may end an ID number), with single spaces or dashes inside as people write card and phone numbers */
const NUMBER_RUN = /(?<![\dA-Za-z])\d(?:[\d]|[ -](?=\d)){10,22}[Xx]?(?![\dA-Za-z])/g;

export function findPersonalData(text: string, kinds: { idNumber: boolean; phone: boolean; bankCard: boolean }): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const match of text.matchAll(NUMBER_RUN)) {
    const raw = match[0];
    const digits = raw.replace(/[ -]/g, "");
    const at = { start: match.index, end: match.index + raw.length };
    if (kinds.idNumber && digits.length === 18 && isResidentIdNumber(digits)) hits.push({ ...at, kind: "idNumber", masked: mask(digits, 4, 4) });
    else if (kinds.phone && /^1[3-9]\d{9}$/.test(digits)) hits.push({ ...at, kind: "phone", masked: mask(digits, 3, 4) });
    else if (kinds.bankCard && /^\d{16,19}$/.test(digits) && passesLuhn(digits)) hits.push({ ...at, kind: "bankCard", masked: mask(digits, 4, 4) });
  }
  return hits;
}
