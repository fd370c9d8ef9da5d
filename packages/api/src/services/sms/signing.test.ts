import { describe, expect, it } from "vitest";
import { acsPercentEncode, signAcs3, signTc3 } from "./signing.ts";

describe("阿里云 ACS3-HMAC-SHA256", () => {
  // The worked example of "V3版本请求体&签名机制" (help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature):
  // RunInstances on ecs.cn-shanghai.aliyuncs.com with the documentation's fixed key, date and nonce.
  it("reproduces the published example's hashed canonical request and signature", () => {
    const signed = signAcs3({
      method: "POST",
      host: "ecs.cn-shanghai.aliyuncs.com",
      query: { RegionId: "cn-shanghai", ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd" },
      body: "",
      action: "RunInstances",
      version: "2014-05-26",
      accessKeyId: "YourAccessKeyId",
      accessKeySecret: "YourAccessKeySecret",
      date: "2023-10-26T10:22:32Z",
      nonce: "3156853299f313e23d1673dc12e1703d",
    });
    expect(signed.canonicalQuery).toBe("ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai");
    expect(signed.headers["x-acs-content-sha256"]).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(signed.stringToSign).toBe("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    expect(signed.headers.authorization).toBe(
      "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version," +
        "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    );
  });

  it("percent-encodes as RFC 3986 wants (space %20, * %2A, ~ kept), Chinese as UTF-8", () => {
    expect(acsPercentEncode("a b*c~d")).toBe("a%20b%2Ac~d");
    expect(acsPercentEncode("客服")).toBe("%E5%AE%A2%E6%9C%8D");
    expect(acsPercentEncode('{"code":"1"}')).toBe("%7B%22code%22%3A%221%22%7D");
  });
});

describe("腾讯云 TC3-HMAC-SHA256", () => {
  // The worked example of "签名方法 v3" (cloud.tencent.com/document/api, API 3.0): DescribeInstances on
  // cvm.tencentcloudapi.com at 1551113065 with SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE, signing content-type;host.
  it("reproduces the published example's intermediate values and signature", () => {
    const body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
    const signed = signTc3({
      host: "cvm.tencentcloudapi.com",
      service: "cvm",
      action: "DescribeInstances",
      version: "2017-03-12",
      region: "ap-guangzhou",
      body,
      secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
      secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
      timestamp: 1551113065,
      signAction: false,
    });
    expect(signed.canonicalRequest).toBe(
      "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n" +
        "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
    );
    expect(signed.stringToSign).toBe(
      "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
    );
    expect(signed.authorization).toBe(
      "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, " +
        "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
    );
    expect(signed.headers).toMatchObject({ "X-TC-Timestamp": "1551113065", "X-TC-Version": "2017-03-12", "X-TC-Region": "ap-guangzhou" });
  });

  it("uses the UTC date of the timestamp in the scope, not the local one", () => {
    // 2019-02-26 00:44:25 in Beijing is still 2019-02-25 in UTC
    expect(
      signTc3({ host: "h", service: "sms", action: "SendSms", version: "2021-01-11", body: "{}", secretId: "id", secretKey: "k", timestamp: 1551113065 })
        .authorization,
    ).toContain("/2019-02-25/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action,");
  });
});
