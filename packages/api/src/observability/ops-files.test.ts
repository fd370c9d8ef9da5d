/**
 * The Grafana dashboard and the Prometheus alert rules in ops/ use only metrics this code exports: every metric name in
 * their PromQL is checked against a real scrape of /api/metrics (whose registry also holds the worker's metrics).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { handleMetrics } from "../rest/metrics-api.ts";
import { parseExposition } from "./test-fixtures.ts";

const OPS = path.resolve(import.meta.dirname, "../../../../ops");

/** Written by Prometheus itself for every scrape target, not by us. */
const PROMETHEUS_SERIES = new Set(["up"]);

/** PromQL's own words: functions, aggregations, operators, modifiers. */
const PROMQL_WORDS = new Set(
  (
    "sum min max avg count stddev stdvar topk bottomk quantile count_values group by without on ignoring group_left group_right " +
    "and or unless bool offset rate irate increase delta idelta deriv predict_linear histogram_quantile time abs ceil floor round " +
    "clamp clamp_min clamp_max absent absent_over_time avg_over_time max_over_time min_over_time sum_over_time count_over_time " +
    "changes resets label_replace label_join vector scalar sort sort_desc timestamp"
  ).split(" "),
);

/** The metric names a PromQL expression reads. */
function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, "") // label matchers
    .replace(/\[[^\]]*\]/g, "") // range durations
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "$1") // label lists
    .replace(/\b\d+(\.\d+)?([eE][+-]?\d+)?\b/g, ""); // numbers
  const names = new Set<string>();
  for (const [token] of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) if (!PROMQL_WORDS.has(token)) names.add(token);
  return [...names];
}

let database: TestDatabase;
let exported: Set<string>;

beforeAll(async () => {
  database = await createTestDatabase();
  const response = await handleMetrics(
    database.db,
    new Request("http://kefu.test/api/metrics"),
    { token: undefined, production: false },
    {
      diskPaths: [],
      backupDir: null,
      publicUrl: null,
    },
  );
  expect(response.status).toBe(200);
  exported = parseExposition(await response.text()).families;
});
afterAll(async () => {
  await database?.drop();
});

function isExported(name: string): boolean {
  if (PROMETHEUS_SERIES.has(name) || exported.has(name)) return true;
  const family = /^(.*)_(bucket|count|sum)$/.exec(name)?.[1];
  return Boolean(family && exported.has(family));
}

describe("ops files", () => {
  it("reads metric names out of PromQL", () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le, route) (rate(kefu_http_request_duration_seconds_bucket{status=~"5.."}[5m]))) > 1')).toEqual([
      "kefu_http_request_duration_seconds_bucket",
    ]);
    expect(metricNamesIn("time() - max(kefu_backup_last_success_timestamp_seconds) > 26 * 3600")).toEqual(["kefu_backup_last_success_timestamp_seconds"]);
  });

  it("alert rules use only exported metrics, and each has a runbook section", () => {
    const rules = parse(readFileSync(path.join(OPS, "prometheus/alerts.yml"), "utf8")) as {
      groups: { name: string; rules: { alert: string; expr: string; annotations: { runbook: string } }[] }[];
    };
    const runbook = readFileSync(path.resolve(OPS, "../docs/runbook.md"), "utf8");
    const alerts = rules.groups.flatMap((group) => group.rules);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const rule of alerts) {
      const names = metricNamesIn(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      expect(
        names.filter((name) => !isExported(name)),
        rule.alert,
      ).toEqual([]);
      expect(rule.annotations.runbook).toBe(`docs/runbook.md#${rule.alert.toLowerCase()}`);
      expect(runbook, rule.alert).toContain(`### ${rule.alert}`);
    }
  });

  it("dashboard panels use only exported metrics", () => {
    const dashboard = JSON.parse(readFileSync(path.join(OPS, "grafana/kefu.json"), "utf8")) as { panels: { title: string; targets: { expr: string }[] }[] };
    expect(dashboard.panels.length).toBeGreaterThan(10);
    for (const panel of dashboard.panels)
      for (const target of panel.targets) {
        const names = metricNamesIn(target.expr);
        expect(names.length, panel.title).toBeGreaterThan(0);
        expect(
          names.filter((name) => !isExported(name)),
          panel.title,
        ).toEqual([]);
      }
  });
});
