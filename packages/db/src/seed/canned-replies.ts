/**
 * 快捷回复: shared ones, team ones and personal ones, grouped in categories, each set in its own order, with the
 * shortcut an agent types after "/" and the variables the composer fills in ({{customer.name}}, {{agent.name}},
 * {{team.name}}).
 */
import type { TeamKey } from "./staff.ts";

export interface CannedReplyDefinition {
  title: string;
  shortcut: string;
  category: string;
  body: string;
  /** null: everyone's */
  team: TeamKey | null;
  /** employee number of the agent who owns a personal reply */
  owner?: string;
}

export const CANNED_REPLIES: readonly CannedReplyDefinition[] = [
  // shared
  { title: "问候", shortcut: "hi", category: "开场", body: "您好，很高兴为您服务，请问有什么可以帮您？", team: null },
  {
    title: "称呼问候",
    shortcut: "hello",
    category: "开场",
    body: "{{customer.name}}您好，我是{{team.name}}的{{agent.name}}，请问有什么可以帮您？",
    team: null,
  },
  { title: "请稍等", shortcut: "wait", category: "过程", body: "好的，这边帮您查询一下，请稍等1–2分钟。", team: null },
  { title: "致歉", shortcut: "sorry", category: "过程", body: "非常抱歉给您带来了不好的体验，我们会尽快为您处理。", team: null },
  { title: "转接说明", shortcut: "transfer", category: "过程", body: "您的问题需要专业的同事处理，我这边为您转接，请稍候。", team: null },
  {
    title: "客户无响应",
    shortcut: "idle",
    category: "结束",
    body: "您好，请问还在线吗？如果暂时没有其他问题，我这边先结束本次会话，有需要随时联系我们。",
    team: null,
  },
  { title: "结束语", shortcut: "bye", category: "结束", body: "感谢您的耐心咨询，稍后会邀请您对本次服务进行评价，祝您生活愉快！", team: null },
  // after-sales
  {
    title: "退款时效",
    shortcut: "refund",
    category: "退款",
    body: "仓库签收退货后1个工作日内退款，微信和支付宝当天到账，银行卡1–3个工作日。",
    team: "aftersales",
  },
  {
    title: "退款进度查询",
    shortcut: "refund-status",
    category: "退款",
    body: "{{customer.name}}您好，您的退款已提交财务处理，预计1–3个工作日原路退回，请留意账户到账通知。",
    team: "aftersales",
  },
  {
    title: "退货流程",
    shortcut: "return",
    category: "退换货",
    body: "您可以在订单详情点击“申请售后”选择退货退款，审核通过后我们会安排快递上门取件。",
    team: "aftersales",
  },
  { title: "换货说明", shortcut: "exchange", category: "退换货", body: "商品签收7天内且不影响二次销售可以换货，换货运费由我们承担。", team: "aftersales" },
  { title: "催件", shortcut: "urge", category: "物流", body: "已经为您提交催件，快递网点会在24小时内与您联系，请保持电话畅通。", team: "aftersales" },
  { title: "补发", shortcut: "resend", category: "物流", body: "已为您登记补发，补发单号生成后会通过短信通知您。", team: "aftersales" },
  // pre-sales
  { title: "优惠活动", shortcut: "coupon", category: "活动", body: "目前商品详情页可以领取满200减30的优惠券，会员再享95折，可以叠加使用。", team: "presales" },
  {
    title: "到货提醒",
    shortcut: "notify",
    category: "库存",
    body: "这款商品正在补货中，您可以点击商品页的“到货提醒”，到货后第一时间通知您。",
    team: "presales",
  },
  { title: "发票说明", shortcut: "invoice", category: "订单", body: "下单时可以选择开具电子发票，订单完成后在“我的订单—发票”中下载。", team: "presales" },
  // technical
  {
    title: "重置密码",
    shortcut: "reset",
    category: "账号",
    body: "您可以在登录页点击“忘记密码”，通过手机短信验证码重置密码，重置后即可登录。",
    team: "technical",
  },
  { title: "异地登录处理", shortcut: "secure", category: "账号安全", body: "已为您强制下线所有设备，建议立即修改登录密码并开启登录保护。", team: "technical" },
  {
    title: "清除缓存",
    shortcut: "cache",
    category: "故障排查",
    body: "请在App“我的—设置—清除缓存”后重新登录试试，如仍有问题请截图发给我。",
    team: "technical",
  },
  // VIP
  { title: "VIP问候", shortcut: "vip", category: "开场", body: "尊敬的{{customer.name}}，我是您的专属客服{{agent.name}}，很高兴为您服务。", team: "vip" },
  { title: "优先退款", shortcut: "vip-refund", category: "退款", body: "作为尊享会员，您的退款已走优先通道，审核通过后2小时内原路退回。", team: "vip" },
  // personal
  { title: "地址修改成功", shortcut: "addr", category: "订单", body: "收货地址已为您修改成功，请在订单详情页核对新地址。", team: null, owner: "3001" },
  {
    title: "我的开场白",
    shortcut: "me",
    category: "开场",
    body: "{{customer.name}}您好，我是客服{{agent.name}}，工号3001，这边为您跟进。",
    team: null,
    owner: "3001",
  },
  { title: "尺码建议", shortcut: "size", category: "商品", body: "您可以参考详情页的尺码表，平时穿M码的话建议选L码，宽松一些。", team: null, owner: "3001" },
  { title: "退款已加急", shortcut: "jiaji", category: "退款", body: "已经帮您加急处理退款，今天之内会有结果，请您放心。", team: null, owner: "3009" },
  { title: "稍后回电", shortcut: "call", category: "过程", body: "这个问题需要和仓库确认，我下午三点前给您回电，请保持电话畅通。", team: null, owner: "3009" },
];
