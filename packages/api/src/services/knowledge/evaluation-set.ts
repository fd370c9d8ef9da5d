/**
 * Held-out questions for measuring knowledge search: phrased the way customers type
 * them (colloquial, short, synonyms such as 退钱 / 快递 / 开票, the odd typo), never copying an
 * article title. `expected` is the title of the article that answers the question: titles are
 * stable across seeds, ids are not. Every expected article is PUBLISHED in the demo seed.
 *
 * Do not tune the ranking on these and then add the questions it got wrong: write new ones.
 */
export interface EvaluationCase {
  question: string;
  /** title of the expected article */
  expected: string;
}

export const KNOWLEDGE_EVALUATION_SET: readonly EvaluationCase[] = [
  // 订单管理
  { question: "我下的单现在到哪一步了，在哪看", expected: "如何查询订单状态" },
  { question: "付完钱多久能发货啊", expected: "订单发货时间说明" },
  { question: "地址填错了还能改吗", expected: "如何修改收货地址" },
  { question: "不想要了，订单能撤销吗", expected: "如何取消订单" },
  { question: "收到的东西少了一件", expected: "订单少件、错发怎么办" },
  { question: "钱已经付了但订单还显示没付款", expected: "付款后订单仍显示待付款" },
  { question: "刚买完就降价了，差价能退吗", expected: "如何申请价格保护" },
  { question: "下单选错颜色了，能直接改成别的款式吗", expected: "下单后能否修改商品规格" },
  { question: "订单怎么自己变成已收货了", expected: "订单自动确认收货规则" },
  { question: "不小心把订单删了能找回来吗", expected: "如何删除和恢复订单" },
  { question: "公司想大量采购，有没有专门的报价", expected: "企业批量采购下单指南" },
  { question: "想让朋友帮我付款怎么弄", expected: "礼品订单与好友代付" },
  { question: "确认收货后多久内还能写评价", expected: "订单评价与晒单规则" },
  // 支付与优惠
  { question: "能用云闪付付钱吗", expected: "支持哪些支付方式" },
  { question: "付款一直失败是怎么回事", expected: "支付失败的常见原因" },
  { question: "两张券能一起用吗", expected: "优惠券使用规则" },
  { question: "红包过期了还能补给我吗", expected: "优惠券过期能否补发" },
  { question: "朋友送我的礼品卡要怎么用", expected: "如何使用礼品卡" },
  { question: "公司对公打款要备注什么", expected: "对公转账付款流程" },
  { question: "可以用花呗分期买吗", expected: "花呗分期付款说明" },
  { question: "钱扣了但是没看到订单", expected: "支付后订单未生成怎么办" },
  { question: "账户里的余额能取出来吗", expected: "余额充值与提现规则" },
  { question: "小额付款不想每次都输密码", expected: "如何开通免密支付" },
  { question: "尾款忘了付会怎样", expected: "定金与尾款支付规则" },
  // 发票服务
  { question: "发票怎么开", expected: "如何申请电子发票" },
  { question: "公司要开专票需要提供啥资料", expected: "增值税专用发票开具说明" },
  { question: "发票抬头写错了能重开吗", expected: "发票抬头填写错误怎么办" },
  { question: "好几个订单能开在一张发票上吗", expected: "多个订单合并开票" },
  { question: "退了一部分货，发票咋办", expected: "退货后发票如何处理" },
  { question: "电子发漂公司能拿去报销吗", expected: "电子发票能否报销" },
  { question: "个人开票要填税号吗", expected: "个人如何开具发票" },
  { question: "半年前的订单还能补开发票吗", expected: "发票开具时限说明" },
  { question: "用了优惠券，发票金额按多少开", expected: "使用优惠券的订单如何开票" },
  { question: "怎么查发票是不是真的", expected: "如何查验发票真伪" },
  { question: "买礼品卡可以开票吗", expected: "礼品卡能否开发票" },
  { question: "专票寄出来了吗，用什么快递寄的", expected: "专用发票邮寄与签收" },
  // 退款退货
  { question: "退钱多久到账", expected: "退款多久能到账" },
  { question: "买了不喜欢可以退吗，包装都没拆", expected: "七天无理由退货规则" },
  { question: "我要退货怎么操作", expected: "如何申请退货退款" },
  { question: "退货的运费谁出", expected: "退货运费由谁承担" },
  { question: "售后申请被驳回了怎么办", expected: "退款申请被拒绝怎么办" },
  { question: "没收到货能直接退钱不退货吗", expected: "仅退款适用情况" },
  { question: "退货能不能让快递上门来拿", expected: "上门取件服务说明" },
  { question: "刻了字的东西能退吗", expected: "定制商品退货说明" },
  { question: "送的赠品也要寄回去吗", expected: "赠品是否需要一起退回" },
  { question: "退回来的钱比我付的少", expected: "退款金额与支付金额不一致" },
  { question: "退货寄到哪个地址", expected: "退货寄回地址查询" },
  // 物流配送
  { question: "快递到哪了", expected: "如何查询物流信息" },
  { question: "你们一般发什么快递", expected: "默认合作快递有哪些" },
  { question: "物流三天没动了", expected: "物流信息长时间不更新" },
  { question: "显示签收了可我没拿到东西", expected: "显示已签收但未收到包裹" },
  { question: "下单后一般几天能收到，江浙沪快吗", expected: "配送时效说明" },
  { question: "新疆能送到吗", expected: "偏远地区配送说明" },
  { question: "能不能指定发顺丰", expected: "如何指定快递公司" },
  { question: "箱子被压坏了，东西也碎了", expected: "快递破损如何处理" },
  { question: "快递柜的东西放久了要收钱吗", expected: "快递柜取件说明" },
  { question: "买的冰箱包不包安装", expected: "大件商品送货安装" },
  { question: "能寄到美国吗", expected: "海外地址能否配送" },
  { question: "包裹寄丢了谁负责", expected: "包裹丢失怎么办" },
  { question: "过年期间还发货吗", expected: "节假日发货安排" },
  { question: "不想要了直接拒签可以吗", expected: "拒收流程说明" },
  // 维修保修
  { question: "保修多长时间", expected: "产品保修期限说明" },
  { question: "东西坏了怎么寄回去修", expected: "如何申请寄修" },
  { question: "手机摔坏了还保修吗", expected: "人为损坏是否保修" },
  { question: "送修一般要几天能修好", expected: "维修周期说明" },
  { question: "能不能加钱多保一年", expected: "延保服务说明" },
  { question: "手表充了电也开不了机", expected: "设备开不了机怎么办" },
  { question: "修了两次还是坏的能换新的吗", expected: "以换代修政策" },
  { question: "电池不耐用了，掉电特别快", expected: "电池续航下降怎么办" },
  { question: "屏幕出现一条亮线", expected: "屏幕问题保修说明" },
  { question: "发票丢了还能保修吗", expected: "没有发票能否保修" },
  { question: "去哪买原装的充电器", expected: "配件购买渠道" },
  // 账户安全
  { question: "密码忘了", expected: "忘记密码怎么办" },
  { question: "输错几次密码被锁了", expected: "账号被锁定如何解锁" },
  { question: "手机号换了怎么改绑", expected: "如何更换绑定手机号" },
  { question: "短信码迟迟不来", expected: "收不到短信验证码" },
  { question: "提示我在外地登录了但不是我本人", expected: "收到异地登录提醒怎么办" },
  { question: "不想用了怎么把账号彻底删掉", expected: "如何注销账号" },
  { question: "有人打电话说给我退款让我转账", expected: "防范诈骗提醒" },
  { question: "能用微信登录吗", expected: "第三方账号绑定" },
  { question: "账号被冻住了登陆不上", expected: "账号冻结与解冻" },
  { question: "怎么看哪些手机登过我的号", expected: "登录设备管理" },
  // 会员权益
  { question: "买多少钱能升VIP", expected: "会员等级与升级规则" },
  { question: "积分能当钱花吗", expected: "积分抵扣规则" },
  { question: "积分什么时候会过期", expected: "积分有效期说明" },
  { question: "年卡多少钱一年", expected: "付费会员年卡说明" },
  { question: "会员每个月自动扣费怎么关掉", expected: "如何取消自动续费" },
  { question: "过生日有什么福利", expected: "会员生日礼包" },
  { question: "拉新人注册有奖励吗", expected: "邀请好友奖励" },
  { question: "开了会员但是券没到", expected: "会员券未到账怎么办" },
  { question: "买东西怎么攒积分", expected: "积分获取规则" },
  // 产品使用
  { question: "手表戴着游泳会进水吗", expected: "智能手表防水等级说明" },
  { question: "耳机怎么开降噪", expected: "降噪耳机使用指南" },
  { question: "净化器的滤芯多久换一次", expected: "空气净化器滤网更换" },
  { question: "蓝牙老是断开", expected: "蓝牙连接不稳定怎么办" },
  { question: "缺货的东西什么时候补货", expected: "到货提醒与预约购买" },
  { question: "说明书弄丢了去哪下载", expected: "产品说明书下载" },
  { question: "扫地机第一次怎么用", expected: "扫地机器人首次使用" },
  { question: "家里人也想控制这个设备", expected: "多设备家庭共享" },
  { question: "牙刷头多久换一个", expected: "电动牙刷刷头更换" },
  { question: "固件怎么更新", expected: "设备固件升级方法" },
  // 服务规范与投诉
  { question: "晚上几点以后就没有人工了", expected: "人工客服服务时间" },
  { question: "我要投诉你们", expected: "投诉处理流程" },
  { question: "客服电话是多少", expected: "电话客服与在线客服" },
  { question: "对处理结果不满意还能找谁", expected: "投诉升级渠道" },
  { question: "老人家用APP有大字版吗", expected: "长辈与无障碍服务" },
  { question: "发货晚了有补偿吗", expected: "赔付标准说明" },
  { question: "想给你们提个建议", expected: "如何提交产品建议" },
  { question: "我昨晚的留言有人处理吗", expected: "留言与工单查询" },
];

/** Questions the knowledge base does not answer: the bot should hand off, not guess. */
export const OUT_OF_SCOPE_QUESTIONS: readonly string[] = [
  "你们公司招不招人",
  "今天天气怎么样",
  "股票怎么买",
  "附近有什么好吃的",
  "帮我写一首诗",
  "火车票怎么改签",
  "房贷利率是多少",
  "猫咪不吃饭怎么办",
  "世界杯谁是冠军",
  "怎么学好英语",
  "明天会下雨吗",
  "推荐一部电影",
];
