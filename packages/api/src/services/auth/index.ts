// Signing in and the password rules.
export { assertAcceptablePassword } from "./password-policy.ts";
