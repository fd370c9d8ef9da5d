/**
 * Something for the import and duplicates screens on first start: two pairs of suggested duplicates (a phone number
 * two customers share, a WeChat unionid on two customers' identities) and one finished import, in the shapes the
 * import and merge services write (CustomerImport, its job with progress and result, `imported` customer events).
 */
import type * as mariadb from "mariadb";

interface CustomerPhone {
  id: number;
  name: string;
  phoneHash: string;
  phoneEnc: string;
  phoneLast4: string;
}

const IMPORT_HEADERS = ["姓名", "手机", "等级", "城市"];
const IMPORT_MAPPING = [
  { column: "姓名", target: "name" },
  { column: "手机", target: "phone" },
  { column: "等级", target: "level" },
  { column: "城市", target: "city" },
];

export async function writeCustomerData(connection: mariadb.Connection, options: { actorId: number; now: number }): Promise<void> {
  const at = new Date(options.now - 2 * 24 * 3_600_000);
  const phones = await connection.query<CustomerPhone[]>(
    "SELECT id, name, phoneHash, phoneEnc, phoneLast4 FROM Customer WHERE phoneHash IS NOT NULL ORDER BY id LIMIT 4",
  );
  const [first, second, third, fourth] = phones;
  if (first && second) {
    await connection.query("UPDATE Customer SET phoneHash = ?, phoneEnc = ?, phoneLast4 = ? WHERE id = ?", [
      first.phoneHash,
      first.phoneEnc,
      first.phoneLast4,
      second.id,
    ]);
  }
  const wechat = await connection.query<{ id: number }[]>(
    "SELECT MIN(id) AS id FROM CustomerIdentity WHERE channel = 'WECHAT' GROUP BY customerId ORDER BY customerId LIMIT 2",
  );
  if (wechat.length === 2)
    await connection.query("UPDATE CustomerIdentity SET unionId = ? WHERE id IN (?, ?)", ["oUnion-demo-7F3A9C", wechat[0]!.id, wechat[1]!.id]);

  // a finished import that updated two customers by phone
  const updated = [third, fourth].filter((c): c is CustomerPhone => !!c);
  const result = await connection.query<{ insertId: bigint | number }>(
    `INSERT INTO CustomerImport (createdById, fileName, storageKey, format, headers, mapping, matchBy, status, totalRows, processedRows,
       createdCount, updatedCount, rejectedCount, errorKey, createdAt, finishedAt)
     VALUES (?, ?, ?, 'csv', ?, ?, 'PHONE', 'DONE', ?, ?, 0, ?, 0, NULL, ?, ?)`,
    [
      options.actorId,
      "会员名单-11月.csv",
      `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/seed-member-list-import.csv`,
      JSON.stringify(IMPORT_HEADERS),
      JSON.stringify(IMPORT_MAPPING),
      updated.length,
      updated.length,
      updated.length,
      at,
      new Date(at.getTime() + 3_000),
    ],
  );
  const importId = Number(result.insertId);
  await connection.query(
    `INSERT INTO Job (type, payload, status, attempts, maxAttempts, runAt, dedupeKey, progressDone, progressTotal, result, createdById, createdAt, updatedAt, finishedAt)
     VALUES ('customer.import', ?, 'SUCCEEDED', 1, 5, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      JSON.stringify({ importId }),
      at,
      `customer.import:${importId}`,
      updated.length,
      updated.length,
      JSON.stringify({ importId, created: 0, updated: updated.length, rejected: 0, rejectedRows: [] }),
      options.actorId,
      at,
      at,
      new Date(at.getTime() + 3_000),
    ],
  );
  for (const [index, customer] of updated.entries()) {
    await connection.query("UPDATE Customer SET city = ?, updatedAt = ? WHERE id = ?", [index === 0 ? "杭州" : "苏州", at, customer.id]);
    await connection.query("INSERT INTO CustomerEvent (customerId, type, actorId, detail, createdAt) VALUES (?, 'imported', ?, ?, ?)", [
      customer.id,
      options.actorId,
      JSON.stringify({ importId, action: "updated", row: index + 2 }),
      at,
    ]);
  }
}
