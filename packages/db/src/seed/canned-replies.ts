/**
 * 快捷回复: shared ones, team ones and a personal one, with the shortcut an agent types after "/".
 */
import type { TeamKey } from "./staff.ts";

export interface CannedReplyDefinition {
  title: string;
  shortcut: string;
  body: string;
  /** null: everyone's */
  team: TeamKey | null;
  /** employee number of the agent who owns a personal reply */
  owner?: string;
}

export const CANNED_REPLIES: readonly CannedReplyDefinition[] = [
  { title: "问候", shortcut: "hi", body: "您好，很高兴为您服务，请问有什么可以帮您？", team: null },
  { title: "请稍等", shortcut: "wait", body: "好的，这边帮您查询一下，请稍等1–2分钟。", team: null },
  { title: "结束语", shortcut: "bye", body: "感谢您的耐心咨询，稍后会邀请您对本次服务进行评价，祝您生活愉快！", team: null },
  { title: "致歉", shortcut: "sorry", body: "非常抱歉给您带来了不好的体验，我们会尽快为您处理。", team: null },
  { title: "转接说明", shortcut: "transfer", body: "您的问题需要专业的同事处理，我这边为您转接，请稍候。", team: null },
  { title: "客户无响应", shortcut: "idle", body: "您好，请问还在线吗？如果暂时没有其他问题，我这边先结束本次会话，有需要随时联系我们。", team: null },
  { title: "退款时效", shortcut: "refund", body: "仓库签收退货后1个工作日内退款，微信和支付宝当天到账，银行卡1–3个工作日。", team: "aftersales" },
  { title: "退货流程", shortcut: "return", body: "您可以在订单详情点击“申请售后”选择退货退款，审核通过后我们会安排快递上门取件。", team: "aftersales" },
  { title: "催件", shortcut: "urge", body: "已经为您提交催件，快递网点会在24小时内与您联系，请保持电话畅通。", team: "aftersales" },
  { title: "补发", shortcut: "resend", body: "已为您登记补发，补发单号生成后会通过短信通知您。", team: "aftersales" },
  { title: "优惠活动", shortcut: "coupon", body: "目前商品详情页可以领取满200减30的优惠券，会员再享95折，可以叠加使用。", team: "presales" },
  { title: "到货提醒", shortcut: "notify", body: "这款商品正在补货中，您可以点击商品页的“到货提醒”，到货后第一时间通知您。", team: "presales" },
  { title: "重置密码", shortcut: "reset", body: "您可以在登录页点击“忘记密码”，通过手机短信验证码重置密码，重置后即可登录。", team: "technical" },
  { title: "异地登录处理", shortcut: "secure", body: "已为您强制下线所有设备，建议立即修改登录密码并开启登录保护。", team: "technical" },
  { title: "VIP问候", shortcut: "vip", body: "尊敬的会员您好，我是您的专属客服，很高兴为您服务。", team: "vip" },
  { title: "地址修改成功", shortcut: "addr", body: "收货地址已为您修改成功，请在订单详情页核对新地址。", team: null, owner: "3001" },
];
