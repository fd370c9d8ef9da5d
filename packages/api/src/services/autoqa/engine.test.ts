import { describe, expect, it } from "vitest";
import type { AutoQaConfig, AutoQaRuleType } from "../../contracts/autoqa.ts";
import { runRule, type AutoQaTranscript, type RunnableRule } from "./engine.ts";
import { findPersonalData, isResidentIdNumber, passesLuhn } from "./personal-data.ts";

type Line = [speaker: "C" | "A" | "B", body: string, atSeconds?: number];

/** A conversation from lines; a line without a time comes 10 s after the one before. */
function transcript(lines: Line[]): AutoQaTranscript {
  let at = 0;
  return {
    startedAt: new Date(0),
    messages: lines.map(([speaker, body, seconds], i) => {
      at = seconds ?? (i === 0 ? 0 : at + 10);
      return { id: i + 1, senderType: speaker === "C" ? "CUSTOMER" : speaker === "A" ? "AGENT" : "BOT", kind: "TEXT", body, createdAt: new Date(at * 1000) };
    }),
  };
}

function rule<T extends AutoQaRuleType>(type: T, config: AutoQaConfig<T>): RunnableRule {
  return { key: type.toLowerCase(), type, severity: "MEDIUM", config };
}

describe("AutoQA rules", () => {
  const forbidden = rule("FORBIDDEN_WORDS", { words: ["滚", "闭嘴", "有病吧"], whitelist: ["滚动", "滚筒"] });

  it("禁语: flags the agent's word with where it is, not the customer's, and not inside a whitelisted phrase", () => {
    const flags = runRule(
      forbidden,
      transcript([
        ["C", "你们有病吧，滚！"],
        ["A", "您好，页面可以滚动查看"],
        ["A", "你能不能闭嘴听我说"],
      ]),
    );
    expect(flags).toEqual([
      {
        rule: "forbidden_words",
        severity: "MEDIUM",
        messageId: 3,
        critical: false,
        detail: { type: "FORBIDDEN_WORDS", highlights: [{ start: 4, end: 6 }], matched: ["闭嘴"] },
      },
    ]);
  });

  it("禁语: the longest word wins at a place, and every hit in a message is highlighted", () => {
    const [flag] = runRule(rule("FORBIDDEN_WORDS", { words: ["有病", "有病吧"], whitelist: [] }), transcript([["A", "有病吧你，真是有病"]]));
    expect(flag?.detail.highlights).toEqual([
      { start: 0, end: 3 },
      { start: 7, end: 9 },
    ]);
    expect(flag?.detail.matched).toEqual(["有病吧", "有病"]);
  });

  it("开场白: missing within the first N agent messages is flagged; present is not", () => {
    const greeting = rule("GREETING", { phrases: ["您好", "很高兴为您服务"], withinFirst: 2 });
    expect(
      runRule(
        greeting,
        transcript([
          ["C", "在吗"],
          ["A", "请讲"],
          ["A", "您好，请问有什么可以帮您"],
        ]),
      ),
    ).toEqual([]);
    const flags = runRule(
      greeting,
      transcript([
        ["C", "在吗"],
        ["A", "说"],
        ["A", "什么事"],
        ["A", "您好"],
      ]),
    );
    expect(flags).toMatchObject([{ messageId: 2, detail: { type: "GREETING", expected: ["您好", "很高兴为您服务"] } }]);
    expect(
      runRule(
        greeting,
        transcript([
          ["C", "在吗"],
          ["B", "您好"],
        ]),
      ),
    ).toEqual([]);
  });

  it("结束语: missing within the last N agent messages is flagged", () => {
    const closing = rule("CLOSING", { phrases: ["还有其他", "祝您"], withinLast: 1 });
    expect(
      runRule(
        closing,
        transcript([
          ["A", "好的"],
          ["A", "请问还有其他问题吗？"],
        ]),
      ),
    ).toEqual([]);
    expect(
      runRule(
        closing,
        transcript([
          ["A", "祝您生活愉快"],
          ["A", "好的"],
        ]),
      ),
    ).toMatchObject([{ messageId: 2 }]);
  });

  it("响应超时: the first response from the hand-off, each later reply from the oldest question it answered", () => {
    const slow = rule("SLOW_RESPONSE", { firstResponseSeconds: 60, replySeconds: 120 });
    const flags = runRule(
      slow,
      transcript([
        ["C", "退款怎么办", 0],
        ["A", "您好", 90],
        ["C", "多久到账", 100],
        ["C", "人呢", 150],
        ["A", "三个工作日", 250],
        ["C", "好", 260],
        ["A", "不客气", 300],
      ]),
    );
    expect(flags.map((f) => [f.messageId, f.detail.kind, f.detail.seconds, f.detail.askedMessageId])).toEqual([
      [2, "first_response", 90, undefined],
      [5, "reply", 150, 3],
    ]);
    expect(
      runRule(
        slow,
        transcript([
          ["C", "在吗", 0],
          ["A", "您好", 30],
          ["C", "?", 40],
          ["A", "在", 100],
        ]),
      ),
    ).toEqual([]);
  });

  it("重复话术: the same agent text N times within K messages, once", () => {
    const repeated = rule("REPEATED_TEXT", { times: 3, withinTurns: 5 });
    const lines: Line[] = [
      ["A", "请稍等"],
      ["C", "?"],
      ["A", "请 稍等"],
      ["A", "请稍等"],
      ["A", "请稍等"],
    ];
    expect(runRule(repeated, transcript(lines))).toMatchObject([{ messageId: 5, detail: { times: 4 } }]);
    expect(
      runRule(
        repeated,
        transcript([
          ["A", "请稍等"],
          ["A", "好的"],
          ["A", "请稍等"],
        ]),
      ),
    ).toEqual([]);
  });

  it("服务态度: dismissive phrases from the agent", () => {
    const impolite = rule("IMPOLITE", { phrases: ["你自己看", "不是说了吗"] });
    expect(runRule(impolite, transcript([["A", "不是说了吗，你自己看公告"]]))).toMatchObject([{ detail: { matched: ["不是说了吗", "你自己看"] } }]);
    expect(runRule(impolite, transcript([["A", "您可以看一下公告，我来帮您"]]))).toEqual([]);
  });

  it("投诉风险: words from the customer only", () => {
    const risk = rule("COMPLAINT_RISK", { words: ["投诉", "12315", "曝光"] });
    expect(
      runRule(
        risk,
        transcript([
          ["C", "再不处理我就打12315投诉"],
          ["A", "投诉渠道在这里"],
        ]),
      ),
    ).toMatchObject([{ messageId: 1, detail: { matched: ["12315", "投诉"] } }]);
    expect(runRule(risk, transcript([["C", "谢谢"]]))).toEqual([]);
  });

  it("个人信息: ID numbers, full phones and card numbers the agent sends, critical and masked", () => {
    const personal = rule("PERSONAL_DATA", { idNumber: true, phone: true, bankCard: true });
    const [flag] = runRule(personal, transcript([["A", "您的身份证 11010519491231002X，手机 138 0013 8000，卡号 6222021234567890128 已登记"]]));
    expect(flag).toMatchObject({
      severity: "HIGH",
      critical: true,
      detail: { matched: ["1101**********002X", "138****8000", "6222***********0128"], kinds: ["idNumber", "phone", "bankCard"] },
    });
    expect(JSON.stringify(flag)).not.toContain("11010519491231002X");
    // the customer's own, a wrong check digit, an order number, a masked phone
    expect(
      runRule(
        personal,
        transcript([
          ["C", "我的手机13800138000"],
          ["A", "订单 110105194912310021 已退款，尾号 138****8000"],
        ]),
      ),
    ).toEqual([]);
  });

  it("流程顺序: a refund promised before the identity was checked", () => {
    const order = rule("PROCESS_ORDER", { first: ["核实", "订单号"], then: ["退款"] });
    expect(
      runRule(
        order,
        transcript([
          ["C", "我要退款"],
          ["A", "好的，马上给您退款"],
        ]),
      ),
    ).toMatchObject([{ messageId: 2, detail: { matched: ["退款"] } }]);
    expect(
      runRule(
        order,
        transcript([
          ["C", "我要退款"],
          ["A", "请提供订单号"],
          ["A", "已为您退款"],
        ]),
      ),
    ).toEqual([]);
  });
});

describe("personal data checks", () => {
  it("checks the ID number's check digit and the card's Luhn digit", () => {
    expect(isResidentIdNumber("11010519491231002X")).toBe(true);
    expect(isResidentIdNumber("110105194912310021")).toBe(false);
    expect(passesLuhn("6222021234567890128")).toBe(true);
    expect(passesLuhn("6222021234567890127")).toBe(false);
    expect(findPersonalData("电话 13912345678。", { idNumber: false, phone: false, bankCard: true })).toEqual([]);
  });
});
