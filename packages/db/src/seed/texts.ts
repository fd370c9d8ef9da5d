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

/** One kind of question and how it goes: the agent's answer and the follow-ups, in order. */
export interface Case {
  subject: string;
  question: string;
  /** title of the help-centre article that answers it, for the bot */
  article: string;
  answer: string;
  /** [customer, agent] pairs after the first answer */
  exchanges: readonly (readonly [string, string])[];
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
  cases: readonly Case[];
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
    cases: [
      {
        subject: "订单什么时候发货",
        question: "你好，我{date}下的单，订单号{order}，到现在还没发货，什么时候能发？",
        article: "订单发货时间说明",
        answer: "帮您查询到订单{order}已经在仓库打包中，预计今天18点前发出，发出后会短信通知您。",
        exchanges: [
          ["能快一点吗？我这边比较急", "已经帮您备注加急了，仓库会优先安排出库。"],
          ["发什么快递？", "这单会走{express}，发出后一般2–3天送达。"],
        ],
      },
      {
        subject: "修改收货地址",
        question: "订单{order}的收货地址填错了，能帮我改一下吗？",
        article: "如何修改收货地址",
        answer: "这边看到订单还没有出库，您把新的收货地址发给我，我帮您修改。",
        exchanges: [
          ["改成{city}的公司地址，我已经写在订单备注里了", "好的，已经帮您修改成功，新地址以订单详情页显示的为准。"],
          ["改了之后发货会延迟吗？", "不会的，修改地址不影响发货时间。"],
        ],
      },
      {
        subject: "取消订单",
        question: "我想取消订单{order}，还没发货的，怎么操作？",
        article: "如何取消订单",
        answer: "已经帮您提交取消申请，款项{amount}元会原路退回。",
        exchanges: [
          ["退款多久能到账？", "原路退回的话，微信和支付宝一般当天到账，银行卡1–3个工作日。"],
          ["用的优惠券会退回来吗？", "订单取消后，未过期的优惠券会自动退回您的账户。"],
        ],
      },
      {
        subject: "付款后订单状态异常",
        question: "我付完款了，订单却一直显示待付款，订单号{order}",
        article: "付款后订单仍显示待付款",
        answer: "支付结果同步有延迟，我这边已经帮您手动同步，现在订单状态已经更新为待发货了。",
        exchanges: [["会不会重复扣款？", "不会的，系统只确认了一笔支付，如果出现重复扣款会在24小时内自动退回。"]],
      },
      {
        subject: "订单商品少发",
        question: "收到的包裹里少了一件{product}，订单号是{order}",
        article: "订单少件、错发怎么办",
        answer: "非常抱歉，少发的情况我已经登记了，会尽快给您补发，补发单号出来后会同步给您。",
        exchanges: [
          ["补发大概什么时候到？", "补发会走{express}，今天发出，一般2–3天就能到。"],
          ["下次能不能仔细点", "您的反馈已经同步给仓库，会加强出库复核，给您添麻烦了。"],
        ],
      },
      {
        subject: "查询订单进度",
        question: "帮我查一下订单{order}现在到哪一步了",
        article: "如何查询订单状态",
        answer: "订单{order}已经发货了，快递是{express}，运单号{tracking}，预计{days}天内送达。",
        exchanges: [["在哪里能看到物流？", "在订单详情点击“查看物流”就能看到实时轨迹。"]],
      },
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
    cases: [
      {
        subject: "申请退货退款",
        question: "买的{product}不太合适，还没拆封，可以退吗？订单号{order}",
        article: "七天无理由退货规则",
        answer: "您的订单还在7天无理由退货期内，可以在订单详情点击“申请售后”选择退货退款，我们会安排快递上门取件。",
        exchanges: [
          ["那我需要自己寄回去吗？", "不用的，快递员会在{days}天内上门取件，您保持电话畅通就可以。"],
          ["退货运费谁出？", "无理由退货的运费由您承担，不过这单有运费险，理赔款会在退款完成后72小时内到账。"],
        ],
      },
      {
        subject: "退款进度查询",
        question: "我{date}申请的退款，到现在还没到账，订单号{order}",
        article: "退款多久能到账",
        answer: "查询到仓库已经签收了您的退货，退款{amount}元已提交财务，预计1–3个工作日原路退回。",
        exchanges: [["能不能快点，我等着用钱", "已经帮您加急处理了，今天下班前会完成退款。"]],
      },
      {
        subject: "退货运费谁承担",
        question: "退货的运费谁出啊？商品是有质量问题的",
        article: "退货运费由谁承担",
        answer: "质量问题的退货运费由我们承担，您先垫付，把运单截图上传后我们会给您补偿运费。",
        exchanges: [
          ["运费能补多少？", "运费按实际支付金额补偿，最高不超过20元。"],
          ["截图在哪里上传？", "在售后详情页点击“补充凭证”就可以上传。"],
        ],
      },
      {
        subject: "退款申请被拒绝",
        question: "为什么我的退款申请被拒绝了？订单{order}",
        article: "退款申请被拒绝怎么办",
        answer: "拒绝原因是商品缺少原包装配件，如果配件齐全，您补充照片后重新提交就可以，我这边帮您备注。",
        exchanges: [["配件都在的，我重新拍照", "好的，收到照片后我这边直接帮您审核通过。"]],
      },
      {
        subject: "申请换货",
        question: "收到的{product}颜色发错了，想换一个，怎么弄？",
        article: "如何申请换货",
        answer: "发错颜色是我们的问题，非常抱歉，已经为您登记换货，快递员上门取件时会同时把新商品送到。",
        exchanges: [["好的，那我等快递上门", "好的，上门前快递员会先给您打电话。"]],
      },
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
    cases: [
      {
        subject: "物流信息不更新",
        question: "快递{tracking}三天没更新物流信息了，怎么回事？",
        article: "物流信息长时间不更新",
        answer: "帮您查询到包裹目前在{express}的中转站，最近件量比较大有些延迟，预计{days}天内送达。",
        exchanges: [
          ["那如果丢件了怎么办？", "如果确认丢件，我们会直接给您补发或者全额退款，您不会有损失。"],
          ["好的，我再等等", "好的，这边也会持续跟进，有异常第一时间通知您。"],
        ],
      },
      {
        subject: "催派送",
        question: "能不能帮我催一下快递，{date}就发货了到现在还没到",
        article: "配送时效说明",
        answer: "我这边已经为您提交催件，快递网点会在24小时内给您回电。",
        exchanges: [["24小时太久了吧", "已经升级为加急催件，网点会优先处理。"]],
      },
      {
        subject: "显示签收但未收到",
        question: "物流显示已签收，但我根本没收到包裹！订单{order}",
        article: "显示已签收但未收到包裹",
        answer: "已经联系{express}核实，包裹放在了小区的快递柜，取件码已重新发送到您手机上。",
        exchanges: [
          ["快递柜里没有啊", "我马上再联系网点核实，48小时内还找不到的话直接给您补发。"],
          ["找到了，在隔壁那组快递柜", "太好了，您方便的时候取一下，超过24小时可能会收保管费。"],
        ],
      },
      {
        subject: "指定快递公司",
        question: "可以发{express}吗？别的快递我这边收不到",
        article: "如何指定快递公司",
        answer: "我们默认发顺丰和京东物流，我帮您在订单上备注指定{express}，仓库会尽量安排。",
        exchanges: [["那如果安排不了呢？", "安排不了的话仓库会先联系您确认，不会直接发出。"]],
      },
      {
        subject: "偏远地区配送",
        question: "你们能配送到新疆吗？大概几天能到？",
        article: "偏远地区配送说明",
        answer: "新疆是可以配送的，一般5–7天送达，部分大件商品需要补运费。",
        exchanges: [["我买的是{product}，需要补运费吗？", "{product}不需要补运费，直接下单就可以。"]],
      },
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
    cases: [
      {
        subject: "如何开具发票",
        question: "请问怎么开发票？订单号{order}",
        article: "如何申请电子发票",
        answer: "电子发票会在确认收货后24小时内自动开具，您可以在“订单详情-查看发票”下载PDF。",
        exchanges: [
          ["我已经确认收货了，还是没看到", "我帮您手动触发开票，10分钟内会发送到您预留的邮箱。"],
          ["邮箱能换一个吗？", "可以的，您把新的邮箱发给我，我帮您重新推送。"],
        ],
      },
      {
        subject: "开具增值税专用发票",
        question: "我们公司需要开增值税专票，抬头是{company}",
        article: "增值税专用发票开具说明",
        answer: "增值税专用发票需要提供公司名称、税号、开户行及账号、注册地址和电话，提交后3个工作日内开出并邮寄。",
        exchanges: [
          ["税号是91330106MA2{taxTail}，其他信息我在发票管理里填好了", "收到，已经帮您提交开票申请，抬头{company}，金额{amount}元。"],
          ["专票大概多久能寄到？", "专票开出后走顺丰寄出，一般2–3天能到。"],
        ],
      },
      {
        subject: "发票抬头错误重开",
        question: "发票抬头开错了，能重新开吗？",
        article: "发票抬头填写错误怎么办",
        answer: "可以的，开票后30天内都可以作废重开，您把正确的抬头发给我。",
        exchanges: [["抬头应该是{company}", "已经作废重开，新的电子发票已经发送到您预留的邮箱，请注意查收。"]],
      },
      {
        subject: "多个订单合并开票",
        question: "能把几个订单合并开一张发票吗？",
        article: "多个订单合并开票",
        answer: "同一开票主体、同一个月内的订单可以合并开具，您把订单号发给我，我帮您操作。",
        exchanges: [["订单号{order}，还有一个是上周买的", "好的，两个订单都在本月，已经帮您合并提交开票。"]],
      },
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
    cases: [
      {
        subject: "产品故障报修",
        question: "我的{product}用了两个月突然开不了机了，还在保修期吗？",
        article: "设备开不了机怎么办",
        answer: "可以先充电30分钟，再长按电源键15秒强制重启试一下；如果还是无法开机，我们安排寄修。",
        exchanges: [
          ["强制重启了还是不行", "那我帮您创建寄修单，您的购买时间在保修期内，可以免费维修，顺丰会上门取件。"],
          ["维修要多久？", "维修周期一般是收到商品后5–7个工作日，往返运费都由我们承担。"],
        ],
      },
      {
        subject: "保修政策咨询",
        question: "{product}保修多久？摔坏的保不保？",
        article: "人为损坏是否保修",
        answer: "整机保修一年，电池和充电器保修六个月；摔落、进水等人为损坏不在免费保修范围内，可以付费维修，维修前会先报价。",
        exchanges: [["付费维修大概多少钱？", "要看检测结果，一般屏幕类维修在200–500元，检测后会先跟您确认再维修。"]],
      },
      {
        subject: "维修进度查询",
        question: "送修的{product}到现在还没寄回来，维修单号WX{ticket}",
        article: "维修进度查询",
        answer: "查询到维修中心已经完成检测，更换了主板，预计明天寄回，寄回单号会短信通知您。",
        exchanges: [["维修期间能给个备用机吗？", "备用机目前只对SVIP会员提供，我帮您申请了延保30天作为补偿。"]],
      },
      {
        subject: "购买配件",
        question: "想单独买一个{product}的充电器，哪里有卖？",
        article: "配件购买渠道",
        answer: "官方配件可以在商城“配件专区”购买，也可以我这边直接帮您下单。",
        exchanges: [["第三方的充电器能用吗？", "建议使用官方配件，非官方配件导致的故障不在保修范围内。"]],
      },
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
    cases: [
      {
        subject: "智能手表防水咨询",
        question: "你们的智能手表支持防水吗？游泳能戴吗？",
        article: "智能手表防水等级说明",
        answer: "智能手表支持5ATM防水，可以佩戴游泳，但不建议用于热水淋浴和潜水。",
        exchanges: [["那续航怎么样？", "正常使用可以续航7天左右，开启全天心率监测大约5天。"]],
      },
      {
        subject: "新旧款对比",
        question: "{product}和上一代有什么区别？值得升级吗？",
        article: "产品参数对比",
        answer: "新款主要升级了续航和降噪效果，续航从24小时提升到36小时，如果您比较在意续航，还是推荐升级的。",
        exchanges: [
          ["主要是日常通勤用", "通勤的话新款的降噪会明显更好，地铁上的噪音基本听不到。"],
          ["价格差多少？", "新款目前比上一代贵200元左右，用券后差价会更小。"],
        ],
      },
      {
        subject: "优惠活动咨询",
        question: "现在买{product}有什么优惠吗？",
        article: "优惠券使用规则",
        answer: "目前下单可以使用{coupon}的优惠券，会员再享95折，可以叠加使用。",
        exchanges: [
          ["优惠券在哪里领？", "在商品详情页“领券”那里就可以领取，下单时会自动使用。"],
          ["可以和积分一起用吗？", "可以的，积分抵扣和优惠券可以同时使用。"],
        ],
      },
      {
        subject: "缺货到货时间",
        question: "{product}什么时候有货？一直显示缺货",
        article: "到货提醒与预约购买",
        answer: "这款预计{days}天后补货，您可以点一下“到货提醒”，有货后第一时间通知您。",
        exchanges: [["好的，我设置一下到货提醒", "好的，补货后会通过短信和APP通知您。"]],
      },
      {
        subject: "设备连接APP",
        question: "{product}怎么连接手机APP？试了好几次都连不上",
        article: "设备如何连接手机APP",
        answer: "连接时请先打开手机蓝牙和定位权限，然后在APP里点“添加设备”，长按设备电源键3秒进入配对模式。",
        exchanges: [
          ["定位权限也要开吗？", "是的，安卓系统扫描蓝牙设备需要定位权限，我们不会获取您的具体位置。"],
          ["连上了，谢谢", "不客气，连接后记得在APP里检查一下固件更新。"],
        ],
      },
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
    cases: [
      {
        subject: "会员等级规则",
        question: "怎么才能升级成VIP会员？",
        article: "会员等级与升级规则",
        answer: "会员等级按近12个月累计消费计算：满3000元升级VIP，满20000元升级SVIP，升级后次日生效。",
        exchanges: [["VIP有什么权益？", "VIP会员享受全场95折、每月2张免运费券和专属客服通道。"]],
      },
      {
        subject: "积分抵扣",
        question: "我有{points}积分，可以抵扣多少钱？",
        article: "积分抵扣规则",
        answer: "100积分可以抵扣1元，单笔订单最多抵扣实付金额的20%，您的{points}积分可以抵扣{pointsYuan}元。",
        exchanges: [["积分会过期吗？", "积分有效期到获得后次年年底，到期前会短信提醒您。"]],
      },
      {
        subject: "会员优惠券未到账",
        question: "开通会员送的优惠券没有到账",
        article: "会员券未到账怎么办",
        answer: "查询到优惠券因为系统延迟没有发放，已经为您手动补发，请在“我的-卡券”中查看。",
        exchanges: [["收到了", "好的，优惠券有效期30天，记得及时使用。"]],
      },
      {
        subject: "取消自动续费",
        question: "会员自动续费怎么取消？",
        article: "如何取消自动续费",
        answer: "自动续费可以在“我的-会员中心-管理自动续费”里关闭，关闭后到期不会再扣费。",
        exchanges: [["关闭以后现在的权益还在吗？", "关闭自动续费不影响当前周期内的会员权益。"]],
      },
    ],
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
    cases: [
      {
        subject: "账号无法登录",
        question: "我的账号登录不上了，一直提示密码错误",
        article: "账号被锁定如何解锁",
        answer: "连续输错密码5次账号会锁定30分钟，您可以通过“忘记密码”用短信验证码重置，重置后马上就能登录。",
        exchanges: [["改好了，现在能登录了", "好的，建议您顺便开启登录保护，账号会更安全。"]],
      },
      {
        subject: "更换绑定手机号",
        question: "原来的手机号不用了，怎么换绑新手机号？",
        article: "如何更换绑定手机号",
        answer: "原手机号无法接收验证码的话，可以在“账号与安全-更换手机号”选择“原手机号不可用”，上传身份证照片人工审核，1个工作日内完成。",
        exchanges: [["身份证照片要正反面吗？", "需要身份证正反面和手持身份证照片各一张，照片仅用于本次审核。"]],
      },
      {
        subject: "账号异地登录",
        question: "收到短信说我的账号在{otherCity}登录了，我人在{city}，不是我本人操作的",
        article: "收到异地登录提醒怎么办",
        answer: "我已经帮您强制下线了所有设备，并临时冻结了支付功能，建议您马上修改登录密码并开启登录保护。",
        exchanges: [
          ["我的钱会不会被盗？", "您的账户目前没有异常支付记录，余额和订单都是安全的，请放心。"],
          ["密码改好了", "好的，支付功能已经为您解冻，后续如有异常随时联系我们。"],
        ],
      },
      {
        subject: "账号被冻结",
        question: "账号突然被冻结了，怎么解冻？",
        article: "账号冻结与解冻",
        answer: "冻结原因是系统检测到异常交易，您完成实名验证后就可以解冻。",
        exchanges: [["实名验证在哪里做？", "在“账号与安全-实名认证”中上传身份证即可，审核通过后自动解冻。"]],
      },
      {
        subject: "收不到验证码",
        question: "登录的时候一直收不到短信验证码",
        article: "收不到短信验证码",
        answer: "请检查一下手机是否拦截了106开头的短信，也可以试试语音验证码。",
        exchanges: [["语音验证码怎么获取？", "在验证码输入框下方点击“收不到验证码？试试语音验证”就可以。"]],
      },
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
    cases: [
      {
        subject: "支付失败",
        question: "付款一直失败，提示“支付超时”，怎么回事？",
        article: "支付失败的常见原因",
        answer: "支付超时一般是网络或银行限额导致的，建议您切换网络后重试，或者换用微信、支付宝支付。",
        exchanges: [["切换网络以后可以了", "好的，订单已经支付成功，会尽快为您发货。"]],
      },
      {
        subject: "重复扣款",
        question: "我只付了一次钱，银行却扣了两次，尾号{card4}的卡",
        article: "重复扣款如何处理",
        answer: "查询到第二笔是重复支付，系统会在24小时内自动原路退回，您不用担心。",
        exchanges: [["那退回要多久？", "原路退回银行卡一般1–3个工作日，信用卡可能会以退款的形式出现在下期账单里。"]],
      },
      {
        subject: "信用卡分期",
        question: "可以用信用卡分期吗？",
        article: "信用卡分期手续费说明",
        answer: "支持花呗和信用卡分期，3期免息，6期和12期有少量手续费，在结算页选择分期就可以。",
        exchanges: [["分期手续费是多少？", "6期每期费率0.5%，12期每期费率0.45%，以结算页显示为准。"]],
      },
      {
        subject: "付款后订单未生成",
        question: "钱已经付了，订单却还显示待付款",
        article: "支付后订单未生成怎么办",
        answer: "支付结果同步有延迟，我这边已经手动同步，订单状态已经更新为待发货。",
        exchanges: [["好的，看到了", "好的，后续有其他问题随时联系我们。"]],
      },
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
    cases: [
      {
        subject: "投诉客服服务态度",
        question: "我要投诉！上次那个客服态度太差了",
        article: "投诉处理流程",
        answer: "非常抱歉给您带来了不好的体验，您反馈的问题我已经记录，会由专人核实并在24小时内给您答复。",
        exchanges: [["24小时内一定要给我回复", "一定会的，处理结果会通过短信和站内信通知您。"]],
      },
      {
        subject: "投诉发货太慢",
        question: "下单一周了还没发货，你们这效率太差了，我要投诉",
        article: "赔付标准说明",
        answer: "关于发货延迟我们深表歉意，已经为您加急处理，同时补偿您一张{coupon}的优惠券。",
        exchanges: [
          ["我不要优惠券，我要一个说法", "理解您的心情，我已经把您的情况升级给主管处理，主管会亲自联系您。"],
          ["行吧，希望你们真的能改进", "感谢您的理解，我们一定认真改进。"],
        ],
      },
      {
        subject: "商品与描述不符",
        question: "收到的{product}和页面描述完全不一样，这是虚假宣传",
        article: "消费者权益保障",
        answer: "已经为您登记投诉，商品问题可以直接办理退货退款，运费由我们承担。",
        exchanges: [["我要求全额退款并赔偿", "全额退款没问题，赔偿方面我已经提交主管审核，24小时内给您答复。"]],
      },
      {
        subject: "APP功能建议",
        question: "建议你们APP增加一个夜间模式，晚上看太刺眼了",
        article: "如何提交产品建议",
        answer: "感谢您的建议，已经提交给产品团队，后续版本会考虑加入。",
        exchanges: [["好的，希望早点上线", "收到，建议被采纳后还会给您发放积分奖励。"]],
      },
    ],
    notes: ["客户情绪激动，已升级主管处理", "投诉已登记，24小时内回访", "已补偿优惠券一张"],
    resolutionCategories: ["已登记投诉", "已安抚并补偿", "已提交建议"],
    tags: [
      ["投诉", 0.9],
      ["需回访", 0.3],
    ],
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
  /** the customer says it again in other words after the bot did not understand */
  rephrasings: ["我想问的是：{subject}", "就是{subject}的问题", "{subject}，麻烦看一下"],
  customerThanksBot: ["好的，明白了，谢谢", "懂了，谢谢", "行，我按这个操作试试", "好的"],
  botClosings: ["不客气，很高兴能帮到您！如有其他问题随时找我。", "好的，祝您购物愉快！还有其他问题可以随时咨询。"],
  handoffNotice: "已为您转接人工客服，当前排队第{position}位，客服接入后会第一时间回复您，请稍候。",
  priorityNotice: "尊敬的{levelName}会员，已为您优先接入专属客服，请稍候。",
  assignedNotice: "客服 {agent}（工号{agentNo}）已接入会话，将为您提供服务。",
  transferNotice: "会话已转接给 {team} · {agent}",
  resolvedNotice: "本次会话已结束，感谢您的咨询！请对本次服务进行评价。",
  abandonedNotice: "您已离开排队，本次会话已结束。如需帮助可随时再次发起咨询。",
  queueImpatience: ["还要等多久啊？", "怎么还没有人回复", "有人吗？", "排了好久了"],
  agentGreetings: [
    "您好，我是客服{agent}，很高兴为您服务，您的问题我看到了，马上帮您查询。",
    "您好，{agent}为您服务，请稍等，我这边帮您看一下。",
    "您好，让您久等了，我是{agent}，这就帮您处理。",
  ],
  agentTransferOut: "您的问题需要{team}的同事来处理，我帮您转接过去，请稍等。",
  agentTransferColleague: "这类问题同事{agent}更熟悉，我帮您转给{agent}，请稍等。",
  agentTransferIn: "您好，我是{agent}，刚才的情况同事已经跟我说明了，我继续为您处理。",
  transferNotes: ["转交：客户咨询「{subject}」，请接手跟进", "已跟客户打过招呼，问题是「{subject}」，请继续处理", "客户情绪稳定，「{subject}」需核实后回复"],
  pauseLines: [
    "这边需要跟相关部门核实一下，会花一点时间，核实后第一时间回复您，请您稍等。",
    "我先把您的问题提交给专员核实，有结果后会在这里回复您，您可以先去忙。",
  ],
  resumeLines: ["让您久等了，已经核实清楚了：", "您好，刚刚收到了反馈："],
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
  "无线降噪耳机 Air Pro",
  "智能手表 GT3",
  "扫地机器人 X10",
  "空气净化器 P5",
  "电动牙刷 S2",
  "破壁料理机 M7",
  "蓝牙音箱 Mini",
  "智能门锁 L8",
  "加湿器 H3",
  "高速吹风机 Z1",
  "移动电源 20000mAh",
  "机械键盘 K87",
  "27英寸4K显示器",
  "儿童手表 Q2",
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
  "杭州云帆信息技术有限公司",
  "上海启明贸易有限公司",
  "深圳市鹏达电子有限公司",
  "北京智远科技有限公司",
  "成都锦程商贸有限公司",
  "苏州恒信精密制造有限公司",
  "广州华禾餐饮管理有限公司",
  "南京青木文化传媒有限公司",
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
