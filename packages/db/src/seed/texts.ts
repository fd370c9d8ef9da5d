/**
 * What customers, the bot and agents say. Each topic (咨询类型) has its own script; placeholders
 * such as {order} are filled from one conversation's facts, so an order number stays the same
 * throughout a conversation.
 */
import { CITIES, pickCity } from "./names.ts";
import type { Random } from "./random.ts";
import type { TeamKey } from "./staff.ts";
import { beijingCompactDate, beijingMonthDay, DAY } from "./time.ts";

export const TOPICS = ["order", "refund", "logistics", "invoice", "warranty", "product", "membership", "account", "payment", "service"] as const;
export type Topic = (typeof TOPICS)[number];

export interface Opener {
  subject: string;
  text: string;
}

export interface TopicScript {
  topic: Topic;
  /** Conversation.category (咨询类型) */
  category: string;
  team: TeamKey;
  /** share of all conversations */
  weight: number;
  /** share of this topic's conversations the bot resolves on its own */
  botResolveRate: number;
  openers: readonly Opener[];
  details: readonly string[];
  agentAnswers: readonly string[];
  customerReplies: readonly string[];
  agentFollowUps: readonly string[];
  notes: readonly string[];
  resolutionCategories: readonly string[];
  /** conversation tags this topic tends to get, with their probability */
  tags: readonly (readonly [string, number])[];
}

export const SCRIPTS: readonly TopicScript[] = [
  {
    topic: "order",
    category: "订单查询",
    team: "aftersales",
    weight: 18,
    botResolveRate: 0.38,
    openers: [
      { subject: "订单什么时候发货", text: "你好，我{date}下的单，订单号{order}，到现在还没发货，什么时候能发？" },
      { subject: "修改收货地址", text: "订单{order}的收货地址填错了，能帮我改一下吗？" },
      { subject: "取消订单", text: "我想取消订单{order}，还没发货的，怎么操作？" },
      { subject: "付款后订单状态异常", text: "我的订单显示已付款，但一直是待发货状态，订单号{order}" },
      { subject: "订单商品少发", text: "收到的包裹里少了一件{product}，订单号是{order}" },
      { subject: "查询订单进度", text: "帮我查一下订单{order}现在到哪一步了" },
    ],
    details: ["订单号是{order}，麻烦帮我看看", "我买的是{product}，付了{amount}元", "比较着急用，这周之内能到吗？", "页面上一直显示“待发货”，也没有物流信息"],
    agentAnswers: [
      "帮您查询到订单{order}已经在仓库打包中，预计今天18点前发出，发出后会短信通知您。",
      "这边看到订单还没有出库，已经帮您把收货地址修改好了，您可以在订单详情里核对一下新地址。",
      "订单{order}目前是待发货状态，{product}是预售商品，会在{days}天内发出，请您谅解。",
      "已经帮您提交取消申请，款项{amount}元会原路退回，一般1–3个工作日到账。",
      "少发的情况我已经登记了，会尽快给您补发，补发单号出来后会同步给您。",
    ],
    customerReplies: ["那能快一点吗？我挺急的", "好的，那地址改成功了吗？", "退款多久能到账？", "补发大概什么时候能到？", "行，那我再等等"],
    agentFollowUps: [
      "已经帮您备注加急处理了，仓库会优先安排出库。",
      "已修改成功，新地址以订单详情页显示的为准。",
      "原路退回的话，微信和支付宝一般当天到账，银行卡1–3个工作日。",
      "补发会走{express}，一般2–3天就能到。",
    ],
    notes: ["客户着急用，已联系仓库加急，明早跟进出库情况", "地址修改已在OMS提交，等仓库确认", "少发已登记补发，工单号 BF{ticket}"],
    resolutionCategories: ["问题已解决", "已提供方案", "已登记工单"],
    tags: [["催单", 0.2]],
  },
  {
    topic: "refund",
    category: "退款退货",
    team: "aftersales",
    weight: 16,
    botResolveRate: 0.25,
    openers: [
      { subject: "申请退货退款", text: "买的{product}不太合适，还没拆封，可以退吗？订单号{order}" },
      { subject: "退款进度查询", text: "我{date}申请的退款，到现在还没到账，订单号{order}" },
      { subject: "退货运费谁承担", text: "退货的运费谁出啊？商品是有质量问题的" },
      { subject: "退款申请被拒绝", text: "为什么我的退款申请被拒绝了？订单{order}" },
      { subject: "申请换货", text: "收到的{product}颜色发错了，想换一个，怎么弄？" },
    ],
    details: ["订单号{order}，金额{amount}元", "商品有划痕，我拍了照片", "申请已经提交好几天了，一直显示处理中", "我已经把货寄回去了，单号{tracking}"],
    agentAnswers: [
      "您的订单还在7天无理由退货期内，可以在订单详情点击“申请售后”选择退货退款，我们会安排快递上门取件。",
      "查询到仓库已经签收了您的退货，退款{amount}元已提交财务，预计1–3个工作日原路退回。",
      "质量问题的退货运费由我们承担，您先垫付，把运单截图上传后我们会给您补偿运费。",
      "拒绝原因是商品缺少原包装配件，如果配件齐全，您补充照片后重新提交就可以，我这边帮您备注。",
      "发错颜色是我们的问题，非常抱歉，已经为您登记换货，快递员上门取件时会同时把新商品送到。",
    ],
    customerReplies: ["那我需要自己寄回去吗？", "能不能快点退，我等着用钱", "运费能补多少？", "配件都在的，我重新拍照", "好的，那我等快递上门"],
    agentFollowUps: [
      "不用的，快递员会在{days}天内上门取件，您保持电话畅通就可以。",
      "已经帮您加急处理，今天下班前会审核完成。",
      "运费按实际支付金额补偿，最高不超过20元。",
      "收到照片后我这边直接帮您审核通过。",
    ],
    notes: ["退款已超时效，已提醒财务加急", "质量问题，已申请运费补偿20元", "需回访：确认客户是否收到换货"],
    resolutionCategories: ["已办理退款", "已办理退换货", "已提供方案"],
    tags: [["已补偿", 0.12]],
  },
  {
    topic: "logistics",
    category: "物流配送",
    team: "aftersales",
    weight: 17,
    botResolveRate: 0.42,
    openers: [
      { subject: "物流信息不更新", text: "快递{tracking}三天没更新物流信息了，怎么回事？" },
      { subject: "催发货催派送", text: "能不能帮我催一下快递，{date}就发货了到现在还没到" },
      { subject: "显示签收但未收到", text: "物流显示已签收，但我根本没收到包裹！订单{order}" },
      { subject: "指定快递公司", text: "可以发{express}吗？别的快递我这边收不到" },
      { subject: "偏远地区配送", text: "你们能配送到新疆吗？大概几天能到？" },
    ],
    details: ["运单号{tracking}", "家里一直有人，没人送过来", "快递员电话打不通", "这个是送人的礼物，比较急"],
    agentAnswers: [
      "帮您查询到包裹目前在{express}的中转站，最近件量比较大有些延迟，预计{days}天内送达。",
      "已经联系{express}核实，包裹放在了小区的快递柜，取件码已重新发送到您手机上。",
      "我这边已经为您提交催件，快递网点会在24小时内给您回电。",
      "我们默认发顺丰和京东物流，下单时可以备注指定{express}，仓库会尽量安排。",
      "偏远地区是可以配送的，一般5–7天送达，部分大件商品需要补运费。",
    ],
    customerReplies: ["快递柜里没有啊", "那如果丢件了怎么办？", "能不能直接给我重新发一个", "好的，我去看看", "24小时太久了吧"],
    agentFollowUps: [
      "如果48小时内还是找不到包裹，我们会直接给您补发或者全额退款，您不会有损失。",
      "已经帮您登记了，这边会持续跟进，有结果第一时间通知您。",
      "已经升级为加急催件，网点会优先处理。",
    ],
    notes: ["已在快递后台提交催件，工单号 KD{ticket}", "疑似丢件，48小时后无结果安排补发", "客户地址偏远，已告知配送时效"],
    resolutionCategories: ["已催件", "已提供方案", "已安排补发"],
    tags: [["催单", 0.35]],
  },
  {
    topic: "invoice",
    category: "发票",
    team: "aftersales",
    weight: 6,
    botResolveRate: 0.4,
    openers: [
      { subject: "如何开具发票", text: "请问怎么开发票？订单号{order}" },
      { subject: "开具增值税专用发票", text: "我们公司需要开增值税专票，抬头是{company}" },
      { subject: "发票抬头错误重开", text: "发票抬头开错了，能重新开吗？" },
      { subject: "电子发票下载", text: "电子发票在哪里下载？我找不到入口" },
    ],
    details: ["税号是91330106MA2{taxTail}", "抬头应该是{company}", "订单金额{amount}元", "财务那边着急报销"],
    agentAnswers: [
      "电子发票会在确认收货后24小时内自动开具，您可以在“订单详情-查看发票”下载PDF。",
      "增值税专用发票需要提供公司名称、税号、开户行及账号、注册地址和电话，提交后3个工作日内开出并邮寄。",
      "发票已经作废重开，新的电子发票已经发送到您预留的邮箱，请注意查收。",
      "已经帮您提交开票申请，抬头{company}，金额{amount}元。",
    ],
    customerReplies: ["邮箱能换一个吗？", "专票大概多久能寄到？", "收到了，谢谢", "能把几个订单合并开一张吗？"],
    agentFollowUps: [
      "可以的，您把新的邮箱发给我，我帮您重新推送。",
      "专票开出后走顺丰寄出，一般2–3天能到。",
      "同一开票主体、同一个月内的订单可以合并开具，我帮您操作。",
    ],
    notes: ["专票资料已齐全，已提交财务开票", "客户需重开发票，已作废原票"],
    resolutionCategories: ["已开具发票", "已提供方案"],
    tags: [],
  },
  {
    topic: "warranty",
    category: "售后维修",
    team: "aftersales",
    weight: 7,
    botResolveRate: 0.2,
    openers: [
      { subject: "产品故障报修", text: "我的{product}用了两个月突然开不了机了，还在保修期吗？" },
      { subject: "保修政策咨询", text: "{product}保修多久？摔坏的保不保？" },
      { subject: "维修进度查询", text: "送修的{product}到现在还没寄回来，维修单号WX{ticket}" },
      { subject: "购买配件", text: "想单独买一个{product}的充电器，哪里有卖？" },
    ],
    details: ["已经试过重启了，还是不行", "是{date}买的", "发票还在的", "屏幕上有一条竖线"],
    agentAnswers: [
      "{product}整机保修一年，您的购买时间在保修期内，可以免费维修。我帮您创建寄修单，顺丰会上门取件。",
      "根据您描述的情况，可以先长按电源键15秒强制重启试一下；如果还是无法开机，我们安排寄修。",
      "查询到维修中心已经完成检测，更换了主板，预计明天寄回，寄回单号会短信通知您。",
      "官方配件可以在商城“配件专区”购买，也可以我这边直接帮您下单。",
    ],
    customerReplies: ["维修要多久？", "强制重启了还是不行", "需要我付运费吗？", "维修期间能给个备用机吗？"],
    agentFollowUps: [
      "维修周期一般是收到商品后5–7个工作日。",
      "保修期内寄修的往返运费都由我们承担。",
      "备用机目前只对SVIP会员提供，我帮您申请了延保30天作为补偿。",
    ],
    notes: ["寄修单已创建，等待快递取件", "客户第二次报修同一问题，建议以换代修", "已申请延保30天作为补偿"],
    resolutionCategories: ["已安排维修", "已提供方案", "已登记工单"],
    tags: [["需回访", 0.15]],
  },
  {
    topic: "product",
    category: "产品咨询",
    team: "presales",
    weight: 12,
    botResolveRate: 0.3,
    openers: [
      { subject: "智能手表防水咨询", text: "你们的智能手表支持防水吗？游泳能戴吗？" },
      { subject: "新旧款对比", text: "{product}和上一代有什么区别？值得升级吗？" },
      { subject: "优惠活动咨询", text: "现在买{product}有什么优惠吗？" },
      { subject: "缺货到货时间", text: "{product}什么时候有货？一直显示缺货" },
      { subject: "设备连接APP", text: "{product}怎么连接手机APP？试了好几次都连不上" },
    ],
    details: ["主要是日常通勤用", "预算在{amount}元左右", "我用的是安卓手机", "买给父母用的，操作简单吗？"],
    agentAnswers: [
      "智能手表支持5ATM防水，可以佩戴游泳，但不建议用于热水淋浴和潜水。",
      "新款主要升级了续航和降噪效果，续航从24小时提升到36小时，如果您比较在意续航，还是推荐升级的。",
      "目前下单可以使用{coupon}的优惠券，会员再享95折，叠加下来到手大约{amount}元。",
      "这款预计{days}天后补货，您可以点一下“到货提醒”，有货后第一时间通知您。",
      "连接时请先打开手机蓝牙和定位权限，然后在APP里点“添加设备”，长按设备电源键3秒进入配对模式。",
    ],
    customerReplies: ["那续航怎么样？", "优惠券在哪里领？", "好的，我设置一下到货提醒", "定位权限也要开吗？"],
    agentFollowUps: [
      "正常使用可以续航7天左右，开启全天心率监测大约5天。",
      "在商品详情页“领券”那里就可以领取，下单时会自动使用。",
      "是的，安卓系统扫描蓝牙设备需要定位权限，我们不会获取您的具体位置。",
    ],
    notes: ["客户有购买意向，预算{amount}元，已推荐新款", "客户关注到货时间，已登记到货提醒"],
    resolutionCategories: ["已解答咨询", "已促成下单", "已提供方案"],
    tags: [],
  },
  {
    topic: "membership",
    category: "会员权益",
    team: "presales",
    weight: 6,
    botResolveRate: 0.4,
    openers: [
      { subject: "会员等级规则", text: "怎么才能升级成VIP会员？" },
      { subject: "积分抵扣", text: "我有{points}积分，可以抵扣多少钱？" },
      { subject: "会员优惠券未到账", text: "开通会员送的优惠券没有到账" },
      { subject: "会员续费与自动续费", text: "会员到期了怎么续费？自动续费又怎么取消？" },
    ],
    details: ["我是{date}开通的年卡", "积分显示快要过期了", "在“我的卡券”里找不到"],
    agentAnswers: [
      "会员等级按近12个月累计消费计算：满3000元升级VIP，满20000元升级SVIP，升级后次日生效。",
      "100积分可以抵扣1元，单笔订单最多抵扣实付金额的20%，您的{points}积分可以抵扣{pointsYuan}元。",
      "查询到优惠券因为系统延迟没有发放，已经为您手动补发，请在“我的-卡券”中查看。",
      "自动续费可以在“我的-会员中心-管理自动续费”里关闭，关闭后到期不会再扣费。",
    ],
    customerReplies: ["积分会过期吗？", "收到了", "关闭以后现在的权益还在吗？"],
    agentFollowUps: ["积分有效期到获得后次年年底，到期前会短信提醒您。", "关闭自动续费不影响当前周期内的会员权益。"],
    notes: ["已手动补发会员券", "客户询问SVIP权益，有升级意向"],
    resolutionCategories: ["已解答咨询", "已补发权益"],
    tags: [],
  },
  {
    topic: "account",
    category: "账户安全",
    team: "technical",
    weight: 7,
    botResolveRate: 0.28,
    openers: [
      { subject: "账号无法登录", text: "我的账号登录不上了，一直提示密码错误" },
      { subject: "更换绑定手机号", text: "原来的手机号不用了，怎么换绑新手机号？" },
      { subject: "账号异地登录", text: "收到短信说我的账号在别的城市登录了，不是我本人操作的" },
      { subject: "账号被冻结", text: "账号突然被冻结了，怎么解冻？" },
      { subject: "收不到验证码", text: "登录的时候一直收不到短信验证码" },
    ],
    details: ["试了好几次，现在提示账号已锁定", "原来的手机号已经注销了", "登录地显示{otherCity}，我人在{city}", "验证码等了好几分钟都没来"],
    agentAnswers: [
      "连续输错密码5次账号会锁定30分钟，您可以通过“忘记密码”用短信验证码重置，重置后马上就能登录。",
      "原手机号无法接收验证码的话，可以在“账号与安全-更换手机号”选择“原手机号不可用”，上传身份证照片人工审核，1个工作日内完成。",
      "我已经帮您强制下线了所有设备，并临时冻结了支付功能，建议您马上修改登录密码并开启登录保护。",
      "冻结原因是系统检测到异常交易，您完成实名验证后就可以解冻。",
      "请检查一下手机是否拦截了106开头的短信，也可以试试语音验证码。",
    ],
    customerReplies: ["改好了，现在能登录了", "身份证照片要正反面吗？", "我的钱会不会被盗？", "语音验证码怎么获取？"],
    agentFollowUps: [
      "需要身份证正反面和手持身份证照片各一张，照片仅用于本次审核。",
      "您的账户目前没有异常支付记录，余额和订单都是安全的，请放心。",
      "在验证码输入框下方点击“收不到验证码？试试语音验证”就可以。",
    ],
    notes: ["客户反馈异地登录，已强制下线并冻结支付，需回访确认", "换绑手机号人工审核已提交"],
    resolutionCategories: ["已恢复账号", "已提供方案", "已登记工单"],
    tags: [["需回访", 0.2]],
  },
  {
    topic: "payment",
    category: "支付问题",
    team: "technical",
    weight: 6,
    botResolveRate: 0.25,
    openers: [
      { subject: "支付失败", text: "付款一直失败，提示“支付超时”，怎么回事？" },
      { subject: "重复扣款", text: "我只付了一次钱，银行却扣了两次，尾号{card4}的卡" },
      { subject: "信用卡分期", text: "可以用信用卡分期吗？" },
      { subject: "付款后订单未生成", text: "钱已经付了，订单却还显示待付款" },
    ],
    details: ["扣了两笔{amount}元", "用的是微信支付", "银行卡是招商银行的", "截图我发给你了"],
    agentAnswers: [
      "支付超时一般是网络或银行限额导致的，建议您切换网络后重试，或者换用微信、支付宝支付。",
      "查询到第二笔是重复支付，系统会在24小时内自动原路退回，您不用担心。",
      "支持花呗和信用卡分期，3期免息，6期和12期有少量手续费，在结算页选择分期就可以。",
      "支付结果同步有延迟，我这边已经手动同步，订单状态已经更新为待发货。",
    ],
    customerReplies: ["那退回要多久？", "切换网络以后可以了", "分期手续费是多少？"],
    agentFollowUps: [
      "原路退回银行卡一般1–3个工作日，信用卡可能会以退款的形式出现在下期账单里。",
      "6期每期费率0.5%，12期每期费率0.45%，以结算页显示为准。",
    ],
    notes: ["重复扣款已确认，系统自动退款中，需回访", "支付渠道回调延迟，已手动补单"],
    resolutionCategories: ["已提供方案", "已办理退款", "问题已解决"],
    tags: [],
  },
  {
    topic: "service",
    category: "投诉建议",
    team: "aftersales",
    weight: 5,
    botResolveRate: 0.05,
    openers: [
      { subject: "投诉客服服务态度", text: "我要投诉！上次那个客服态度太差了" },
      { subject: "投诉发货太慢", text: "下单一周了还没发货，你们这效率太差了，我要投诉" },
      { subject: "商品与描述不符", text: "收到的{product}和页面描述完全不一样，这是虚假宣传" },
      { subject: "APP功能建议", text: "建议你们APP增加一个夜间模式，晚上看太刺眼了" },
    ],
    details: ["我都找了你们三次了，一直没人给我解决", "订单号{order}", "我要求全额退款并赔偿"],
    agentAnswers: [
      "非常抱歉给您带来了不好的体验，您反馈的问题我已经记录，会由专人核实并在24小时内给您答复。",
      "关于发货延迟我们深表歉意，已经为您加急处理，同时补偿您一张{coupon}的优惠券。",
      "已经为您登记投诉，商品问题可以直接办理退货退款，运费由我们承担。",
      "感谢您的建议，已经提交给产品团队，后续版本会考虑加入。",
    ],
    customerReplies: ["我不要优惠券，我要一个说法", "行吧，希望你们真的能改进", "24小时内一定要给我回复"],
    agentFollowUps: ["理解您的心情，我已经把您的情况升级给主管处理，主管会亲自联系您。", "一定会的，处理结果会通过短信和站内信通知您。"],
    notes: ["客户情绪激动，已升级主管处理", "投诉已登记，24小时内回访", "已补偿优惠券一张"],
    resolutionCategories: ["已登记投诉", "已安抚并补偿", "已提交建议"],
    tags: [["投诉", 0.9], ["需回访", 0.3]],
  },
];

export const SCRIPT_BY_TOPIC = new Map(SCRIPTS.map((script) => [script.topic, script]));

/** Lines shared by every topic. */
export const LINES = {
  handoffRequests: ["转人工", "人工客服", "我要找人工客服", "转人工，谢谢", "能帮我转一下人工吗？", "说不清楚，我要人工"],
  botNotUnderstood: [
    "抱歉，我暂时没能理解您的问题。您可以换个说法描述一下，或回复“转人工”联系人工客服。",
    "这个问题我还在学习中，您可以补充一下订单号或具体情况，也可以回复“转人工”。",
  ],
  botFollowUp: "如果还有疑问，回复“转人工”即可联系人工客服。",
  customerThanksBot: ["好的，明白了，谢谢", "懂了，谢谢", "行，我按这个操作试试", "好的"],
  botClosings: ["不客气，很高兴能帮到您！如有其他问题随时找我。", "好的，祝您购物愉快！还有其他问题可以随时咨询。"],
  handoffNotice: "已为您转接人工客服，当前排队第{position}位，客服接入后会第一时间回复您，请稍候。",
  priorityNotice: "尊敬的{levelName}会员，已为您优先接入专属客服，请稍候。",
  assignedNotice: "客服 {agent}（工号{agentNo}）已接入会话，将为您提供服务。",
  transferNotice: "会话已转接给 {team} · {agent}",
  resolvedNotice: "本次会话已结束，感谢您的咨询！请对本次服务进行评价。",
  abandonedNotice: "您已离开排队，本次会话已结束。如需帮助可随时再次发起咨询。",
  queueImpatience: ["还要等多久啊？", "怎么还没有人回复", "有人吗？", "排了好久了"],
  agentGreetings: ["您好，我是客服{agent}，很高兴为您服务，您的问题我看到了，马上帮您查询。", "您好，{agent}为您服务，请稍等，我这边帮您看一下。", "您好，让您久等了，我是{agent}，这就帮您处理。"],
  agentTransferOut: "您的问题需要{team}的同事来处理，我帮您转接过去，请稍等。",
  agentTransferIn: "您好，我是{agent}，刚才的情况同事已经跟我说明了，我继续为您处理。",
  transferNotes: ["客户问题涉及{team}业务，转交处理", "已跟客户说明情况，请接手跟进", "客户情绪稳定，需核实后回复"],
  pauseLines: [
    "这边需要跟相关部门核实一下，会花一点时间，核实后第一时间回复您，请您稍等。",
    "我先把您的问题提交给专员处理，有结果后会在这里回复您，您可以先去忙。",
  ],
  resumeLines: ["让您久等了，已经核实清楚了。", "您好，刚刚收到了反馈。"],
  customerThanks: ["好的，谢谢你", "明白了，辛苦了", "好的，那我等消息", "行，谢谢", "没有了，谢谢"],
  agentClosings: [
    "不客气，还有其他可以帮您的吗？如果没有的话，祝您生活愉快！",
    "感谢您的耐心，稍后会邀请您对本次服务进行评价，您的反馈对我们很重要。",
    "好的，那就不打扰您了，有问题随时联系我们，再见！",
  ],
  csatComments: {
    5: ["客服很耐心，问题很快就解决了", "回复及时，点赞", "态度特别好，谢谢", "很专业，一次就说清楚了"],
    4: ["整体不错，就是排队有点久", "解决了，希望物流再快一点", "挺好的"],
    3: ["还行吧，等了挺久", "问题只解决了一半"],
    2: ["回复太慢了", "说了半天也没解决"],
    1: ["非常不满意，一直在推脱", "等了很久也没有给明确答复"],
  } as Record<number, readonly string[]>,
} as const;

const PRODUCTS = [
  "无线降噪耳机 Air Pro", "智能手表 GT3", "扫地机器人 X10", "空气净化器 P5", "电动牙刷 S2", "破壁料理机 M7",
  "蓝牙音箱 Mini", "智能门锁 L8", "加湿器 H3", "高速吹风机 Z1", "移动电源 20000mAh", "机械键盘 K87",
  "27英寸4K显示器", "儿童手表 Q2",
];
const COURIERS = [
  { name: "顺丰速运", prefix: "SF", digits: 13 },
  { name: "京东物流", prefix: "JDV", digits: 12 },
  { name: "中通快递", prefix: "ZT7", digits: 11 },
  { name: "圆通速递", prefix: "YT", digits: 13 },
  { name: "韵达快递", prefix: "YD4", digits: 12 },
  { name: "极兔速递", prefix: "JT", digits: 13 },
];
const AMOUNTS = [59, 89, 129, 199, 269, 299, 399, 458, 599, 899, 1299, 1599, 2199, 3999];
const COUPONS = ["满200减30", "满99减10", "无门槛20元", "满500减80"];
const COMPANIES = [
  "杭州云帆信息技术有限公司", "上海启明贸易有限公司", "深圳市鹏达电子有限公司", "北京智远科技有限公司",
  "成都锦程商贸有限公司", "苏州恒信精密制造有限公司", "广州华禾餐饮管理有限公司", "南京青木文化传媒有限公司",
];
const LEVEL_NAMES: Record<string, string> = { VIP: "VIP", SVIP: "SVIP", NORMAL: "" };

/** The concrete details one conversation talks about. */
export class ConversationFacts {
  readonly values: Record<string, string>;

  constructor(rng: Random, at: number, customerCity: string | null, level: string) {
    const courier = rng.pick(COURIERS);
    const points = rng.int(12, 180) * 100;
    const city = customerCity ?? pickCity(rng).name;
    let otherCity = pickCity(rng).name;
    if (otherCity === city) otherCity = CITIES.find((c) => c.name !== city)?.name ?? "广州";
    const orderedAt = at - rng.int(1, 9) * DAY;
    this.values = {
      order: beijingCompactDate(orderedAt) + rng.digits(8),
      date: beijingMonthDay(orderedAt),
      product: rng.pick(PRODUCTS),
      amount: String(rng.pick(AMOUNTS)),
      express: courier.name,
      tracking: courier.prefix + rng.digits(courier.digits),
      days: String(rng.int(2, 5)),
      coupon: rng.pick(COUPONS),
      points: String(points),
      pointsYuan: String(points / 100),
      company: rng.pick(COMPANIES),
      taxTail: `${rng.digits(4)}${rng.pick(["K", "L", "X", "Q"])}${rng.digits(2)}`,
      ticket: rng.digits(8),
      card4: rng.digits(4),
      city,
      otherCity,
      levelName: LEVEL_NAMES[level] ?? "",
      position: String(rng.int(1, 6)),
    };
  }

  fill(template: string, extra?: Record<string, string>): string {
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => extra?.[key] ?? this.values[key] ?? whole);
  }
}
