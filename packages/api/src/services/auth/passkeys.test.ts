/**
 * Passkey registration and sign-in against a software authenticator: a P-256 key made here, attestation "none",
 * assertions signed as an authenticator signs them (authenticatorData ‖ SHA-256(clientDataJSON)).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, TEST_PASSWORD, type Harness } from "../../test/harness.ts";
import { listPasskeys, passkeyRegistrationOptions, passkeySignInOptions, registerPasskey, relyingParty, removePasskey, signInWithPasskey } from "./passkeys.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const b64 = (bytes: Uint8Array | Buffer) => isoBase64URL.fromBuffer(new Uint8Array(bytes));
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

class SoftAuthenticator {
  readonly credentialId: Buffer = randomBytes(32);
  readonly keys: { privateKey: KeyObject; publicKey: KeyObject };
  counter = 0;
  constructor(
    readonly rpId: string,
    readonly origin: string,
    keys?: { privateKey: KeyObject; publicKey: KeyObject },
    credentialId?: Buffer,
  ) {
    this.keys = keys ?? generateKeyPairSync("ec", { namedCurve: "P-256" });
    if (credentialId) this.credentialId = credentialId;
  }
  /** a copy holding the same key and id, and the counter as it is now */
  clone() {
    const copy = new SoftAuthenticator(this.rpId, this.origin, this.keys, this.credentialId);
    copy.counter = this.counter;
    return copy;
  }
  private authData(flags: number, attested?: Buffer) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    return Buffer.concat([sha256(this.rpId), Buffer.from([flags]), counter, ...(attested ? [attested] : [])]);
  }
  create(challenge: string) {
    const jwk = this.keys.publicKey.export({ format: "jwk" });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, Buffer.from(cose)]);
    // UP | UV | AT
    const authData = this.authData(0x01 | 0x04 | 0x40, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, never> | Uint8Array>([
        ["fmt", "none"],
        ["attStmt", new Map<string, never>()],
        ["authData", new Uint8Array(authData)],
      ]),
    );
    const clientDataJSON = JSON.stringify({ type: "webauthn.create", challenge, origin: this.origin, crossOrigin: false });
    return {
      id: b64(this.credentialId),
      rawId: b64(this.credentialId),
      type: "public-key" as const,
      response: { clientDataJSON: b64(Buffer.from(clientDataJSON)), attestationObject: b64(attestationObject), transports: ["internal"] },
      clientExtensionResults: {},
    };
  }
  get(challenge: string, origin = this.origin) {
    this.counter++;
    const authData = this.authData(0x01 | 0x04);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin, crossOrigin: false }));
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.keys.privateKey);
    return {
      id: b64(this.credentialId),
      rawId: b64(this.credentialId),
      type: "public-key" as const,
      response: { clientDataJSON: b64(clientDataJSON), authenticatorData: b64(authData), signature: b64(signature) },
      clientExtensionResults: {},
    };
  }
}

const request = (response: unknown) => ({ response, ip: "203.0.113.9", userAgent: "vitest" });

async function registered(user = h.users.SUPERVISOR) {
  const rp = relyingParty();
  const authenticator = new SoftAuthenticator(rp.id, rp.origins[0]!);
  const options = await passkeyRegistrationOptions(h.db, user.id, { currentPassword: TEST_PASSWORD });
  const passkey = await registerPasskey(h.db, user.id, { name: "办公电脑", response: authenticator.create(options.challenge) });
  return { authenticator, passkey };
}

describe("passkeys", () => {
  it("registers after the password, lists it, and signs in with it; the challenge works once", async () => {
    const user = await h.createUser("AGENT");
    const { authenticator, passkey } = await registered(user);
    expect(passkey).toMatchObject({ deviceName: "办公电脑", deviceType: "singleDevice", backedUp: false, lastUsedAt: null });
    expect(await listPasskeys(h.db, user.id)).toHaveLength(1);

    const { challenge } = await passkeySignInOptions(h.db);
    const assertion = authenticator.get(challenge);
    expect(await signInWithPasskey(h.db, request(assertion))).toMatchObject({ id: user.id });
    const [stored] = await listPasskeys(h.db, user.id);
    expect(stored?.lastUsedAt).toBeInstanceOf(Date);
    // the same response again: its challenge is gone
    await expect(signInWithPasskey(h.db, request(assertion))).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect(await h.db.loginAttempt.findFirst({ where: { userId: user.id, success: true } })).toMatchObject({ method: "WEBAUTHN" });
  });

  it("needs the right password to start, naming the field; nothing is written", async () => {
    const before = await h.db.webAuthnChallenge.count();
    await expect(passkeyRegistrationOptions(h.db, h.users.QA.id, { currentPassword: "wrong" })).rejects.toMatchObject({
      code: "WRONG_CURRENT_PASSWORD",
      field: "currentPassword",
    });
    await expect(passkeyRegistrationOptions(h.db, h.users.QA.id, { currentPassword: "" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "currentPassword",
    });
    await expect(registerPasskey(h.db, h.users.QA.id, { name: "", response: {} })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "name" });
    await expect(registerPasskey(h.db, h.users.QA.id, { name: "x".repeat(65), response: {} })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "name" });
    expect(await h.db.webAuthnChallenge.count()).toBe(before);
  });

  it("refuses a registration with another user's challenge or a wrong origin", async () => {
    const rp = relyingParty();
    const other = await passkeyRegistrationOptions(h.db, h.users.ADMIN.id, { currentPassword: TEST_PASSWORD });
    const stranger = new SoftAuthenticator(rp.id, rp.origins[0]!);
    await expect(registerPasskey(h.db, h.users.AGENT.id, { name: "x", response: stranger.create(other.challenge) })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "response",
    });
    const own = await passkeyRegistrationOptions(h.db, h.users.AGENT.id, { currentPassword: TEST_PASSWORD });
    const phishing = new SoftAuthenticator(rp.id, "https://kefu.example.evil");
    await expect(registerPasskey(h.db, h.users.AGENT.id, { name: "x", response: phishing.create(own.challenge) })).rejects.toMatchObject({ field: "response" });
    expect(await listPasskeys(h.db, h.users.AGENT.id)).toHaveLength(0);
  });

  it("refuses an expired challenge", async () => {
    const user = await h.createUser("AGENT");
    const { authenticator } = await registered(user);
    const { challenge } = await passkeySignInOptions(h.db);
    await h.db.webAuthnChallenge.update({ where: { challenge }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(signInWithPasskey(h.db, request(authenticator.get(challenge)))).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
  });

  it("refuses a cloned authenticator whose counter is behind, and tells the admins", async () => {
    const user = await h.createUser("AGENT");
    const { authenticator } = await registered(user);
    const copy = authenticator.clone();
    expect(await signInWithPasskey(h.db, request(authenticator.get((await passkeySignInOptions(h.db)).challenge)))).toMatchObject({ id: user.id });
    await expect(signInWithPasskey(h.db, request(copy.get((await passkeySignInOptions(h.db)).challenge)))).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    expect(await h.db.securityAlert.findFirst({ where: { userId: user.id, type: "PASSKEY_COUNTER_MISMATCH" } })).toMatchObject({ severity: "HIGH" });
    // the real one still works
    expect(await signInWithPasskey(h.db, request(authenticator.get((await passkeySignInOptions(h.db)).challenge)))).toMatchObject({ id: user.id });
  });

  it("removes only the owner's passkey", async () => {
    const user = await h.createUser("AGENT");
    const { passkey, authenticator } = await registered(user);
    await expect(removePasskey(h.db, h.users.ADMIN.id, { id: passkey.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await removePasskey(h.db, user.id, { id: passkey.id })).toEqual({ id: passkey.id });
    await expect(signInWithPasskey(h.db, request(authenticator.get((await passkeySignInOptions(h.db)).challenge)))).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
  });
});
