import { describe, expect, it } from "vitest";
import { alertNotification, fill } from "./alert-notification.ts";

const push = { type: "monitor.alert", eventId: 42, metric: "QUEUE_LENGTH", value: 14, threshold: 10, teamName: "售前组", locale: "zh-CN", url: "/monitor" };

describe("alert notification text", () => {
  it("writes the alert in the person's language from the catalogue", () => {
    expect(alertNotification(push)).toEqual({
      title: "监控告警 · 售前组",
      body: "排队人数 14，已达到告警阈值 10。",
      tag: "monitor-alert-42",
      url: "/monitor",
      actionLabel: "查看监控",
    });
    expect(alertNotification({ ...push, locale: "en", teamName: null, metric: "CSAT_TODAY_BELOW", value: 62.46, threshold: 80 })).toMatchObject({
      title: "Monitoring alert",
      body: "Today's CSAT 62.5%, below the alert threshold of 80%.",
    });
  });

  it("shows waits as minutes and seconds", () => {
    expect(alertNotification({ ...push, metric: "LONGEST_WAIT_SECONDS", value: 200, threshold: 45 }).body).toBe("最长等待 3 分 20 秒，已达到告警阈值 45 秒。");
    expect(alertNotification({ ...push, locale: "en", metric: "LONGEST_WAIT_SECONDS", value: 200, threshold: 120 }).body).toBe(
      "Longest wait 3m 20s, at or above the alert threshold of 2m 0s.",
    );
  });

  it("still shows a notification for a payload it cannot read, and never opens another site", () => {
    expect(alertNotification({ type: "other" }, "en")).toMatchObject({ title: "Monitoring alert", url: "/monitor", tag: "monitor-alert" });
    expect(alertNotification(null)).toMatchObject({ title: "监控告警", body: "有新的监控告警，点击查看实时监控。" });
    expect(alertNotification({ ...push, url: "//evil.example.com" }).url).toBe("/monitor");
    expect(alertNotification({ ...push, url: "https://evil.example.com" }).url).toBe("/monitor");
  });

  it("fills only the placeholders it knows", () => {
    expect(fill("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
