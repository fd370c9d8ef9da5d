/** The customer's encrypted fields (phone, 身份证号): how they are stored, masked and read back. */
import { decryptField, encryptField, maskIdNumber, maskPhone, protectPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";

export function phoneColumns(phone: string | null) {
  return phone ? protectPhone(fieldKeysFromEnv(), phone) : { phoneHash: null, phoneEnc: null, phoneLast4: null };
}

export function idNumberColumns(idNumber: string | null) {
  return idNumber
    ? { idNumberEnc: encryptField(fieldKeysFromEnv(), idNumber), idNumberMask: maskIdNumber(idNumber) }
    : { idNumberEnc: null, idNumberMask: null };
}

export function decryptProtected(stored: string | null): string | null {
  return stored ? decryptField(fieldKeysFromEnv(), stored) : null;
}

/** 138****1234 from the stored cipher text; falls back to the last 4 digits when the key to read it is gone. */
export function phoneMaskOf(customer: { phoneEnc: string | null; phoneLast4: string | null }): string | null {
  if (!customer.phoneEnc) return null;
  try {
    return maskPhone(decryptProtected(customer.phoneEnc));
  } catch {
    return customer.phoneLast4 ? `***-****-${customer.phoneLast4}` : "****";
  }
}
