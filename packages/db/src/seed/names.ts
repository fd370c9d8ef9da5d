/**
 * Chinese names (with pinyin for e-mail addresses), cities with their 身份证 region codes,
 * mobile numbers and 18-digit ID numbers with a valid check digit.
 */
import { WeightedPicker, type Random } from "./random.ts";

/** [surname, pinyin], most common first. */
const SURNAMES: readonly (readonly [string, string])[] = [
  ["王", "wang"],
  ["李", "li"],
  ["张", "zhang"],
  ["刘", "liu"],
  ["陈", "chen"],
  ["杨", "yang"],
  ["黄", "huang"],
  ["赵", "zhao"],
  ["吴", "wu"],
  ["周", "zhou"],
  ["徐", "xu"],
  ["孙", "sun"],
  ["马", "ma"],
  ["朱", "zhu"],
  ["胡", "hu"],
  ["郭", "guo"],
  ["何", "he"],
  ["林", "lin"],
  ["高", "gao"],
  ["罗", "luo"],
  ["郑", "zheng"],
  ["梁", "liang"],
  ["谢", "xie"],
  ["宋", "song"],
  ["唐", "tang"],
  ["许", "xu"],
  ["韩", "han"],
  ["冯", "feng"],
  ["邓", "deng"],
  ["曹", "cao"],
  ["彭", "peng"],
  ["曾", "zeng"],
  ["肖", "xiao"],
  ["田", "tian"],
  ["董", "dong"],
  ["潘", "pan"],
  ["袁", "yuan"],
  ["蔡", "cai"],
  ["蒋", "jiang"],
  ["余", "yu"],
  ["于", "yu"],
  ["杜", "du"],
  ["叶", "ye"],
  ["程", "cheng"],
  ["魏", "wei"],
  ["苏", "su"],
  ["吕", "lv"],
  ["丁", "ding"],
  ["任", "ren"],
  ["卢", "lu"],
  ["姚", "yao"],
  ["沈", "shen"],
  ["钟", "zhong"],
  ["姜", "jiang"],
  ["崔", "cui"],
  ["谭", "tan"],
  ["陆", "lu"],
  ["范", "fan"],
  ["汪", "wang"],
  ["廖", "liao"],
  ["石", "shi"],
  ["金", "jin"],
  ["韦", "wei"],
  ["贾", "jia"],
  ["夏", "xia"],
  ["付", "fu"],
  ["方", "fang"],
  ["邹", "zou"],
  ["熊", "xiong"],
  ["白", "bai"],
  ["孟", "meng"],
  ["秦", "qin"],
  ["邱", "qiu"],
  ["侯", "hou"],
  ["江", "jiang"],
  ["尹", "yin"],
  ["薛", "xue"],
  ["闫", "yan"],
  ["段", "duan"],
  ["雷", "lei"],
  ["龙", "long"],
  ["黎", "li"],
  ["史", "shi"],
  ["陶", "tao"],
  ["贺", "he"],
  ["毛", "mao"],
  ["郝", "hao"],
  ["顾", "gu"],
  ["龚", "gong"],
  ["邵", "shao"],
  ["万", "wan"],
  ["武", "wu"],
  ["钱", "qian"],
  ["戴", "dai"],
  ["严", "yan"],
  ["欧阳", "ouyang"],
];

/** [given name, pinyin]: everyday names across generations. */
const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ["伟", "wei"],
  ["芳", "fang"],
  ["娜", "na"],
  ["敏", "min"],
  ["静", "jing"],
  ["丽", "li"],
  ["强", "qiang"],
  ["磊", "lei"],
  ["军", "jun"],
  ["洋", "yang"],
  ["勇", "yong"],
  ["艳", "yan"],
  ["杰", "jie"],
  ["娟", "juan"],
  ["涛", "tao"],
  ["明", "ming"],
  ["超", "chao"],
  ["霞", "xia"],
  ["平", "ping"],
  ["刚", "gang"],
  ["辉", "hui"],
  ["鹏", "peng"],
  ["斌", "bin"],
  ["华", "hua"],
  ["飞", "fei"],
  ["鑫", "xin"],
  ["波", "bo"],
  ["宇", "yu"],
  ["浩", "hao"],
  ["凯", "kai"],
  ["健", "jian"],
  ["俊", "jun"],
  ["帆", "fan"],
  ["旭", "xu"],
  ["宁", "ning"],
  ["欢", "huan"],
  ["阳", "yang"],
  ["建华", "jianhua"],
  ["建国", "jianguo"],
  ["建军", "jianjun"],
  ["志强", "zhiqiang"],
  ["志明", "zhiming"],
  ["秀英", "xiuying"],
  ["秀兰", "xiulan"],
  ["桂英", "guiying"],
  ["玉兰", "yulan"],
  ["海燕", "haiyan"],
  ["晓东", "xiaodong"],
  ["晓燕", "xiaoyan"],
  ["晓峰", "xiaofeng"],
  ["晓丽", "xiaoli"],
  ["丽娟", "lijuan"],
  ["丽华", "lihua"],
  ["红梅", "hongmei"],
  ["春梅", "chunmei"],
  ["雪梅", "xuemei"],
  ["文静", "wenjing"],
  ["文博", "wenbo"],
  ["文杰", "wenjie"],
  ["子涵", "zihan"],
  ["子轩", "zixuan"],
  ["梓萱", "zixuan"],
  ["浩然", "haoran"],
  ["浩宇", "haoyu"],
  ["宇轩", "yuxuan"],
  ["宇航", "yuhang"],
  ["欣怡", "xinyi"],
  ["欣然", "xinran"],
  ["思远", "siyuan"],
  ["思琪", "siqi"],
  ["雨桐", "yutong"],
  ["雨萱", "yuxuan"],
  ["一诺", "yinuo"],
  ["佳琪", "jiaqi"],
  ["佳怡", "jiayi"],
  ["嘉怡", "jiayi"],
  ["家豪", "jiahao"],
  ["俊杰", "junjie"],
  ["梦洁", "mengjie"],
  ["婷婷", "tingting"],
  ["诗涵", "shihan"],
  ["可馨", "kexin"],
  ["晨曦", "chenxi"],
  ["天佑", "tianyou"],
  ["博文", "bowen"],
  ["明轩", "mingxuan"],
  ["明辉", "minghui"],
  ["立新", "lixin"],
  ["国强", "guoqiang"],
  ["国庆", "guoqing"],
  ["玉梅", "yumei"],
  ["凤英", "fengying"],
  ["淑珍", "shuzhen"],
  ["美玲", "meiling"],
  ["慧敏", "huimin"],
  ["晓雯", "xiaowen"],
  ["雅琴", "yaqin"],
  ["振华", "zhenhua"],
  ["永刚", "yonggang"],
  ["海涛", "haitao"],
  ["少华", "shaohua"],
  ["红霞", "hongxia"],
  ["亚楠", "yanan"],
  ["梦瑶", "mengyao"],
  ["若曦", "ruoxi"],
  ["沐阳", "muyang"],
  ["皓轩", "haoxuan"],
  ["泽宇", "zeyu"],
  ["锦程", "jincheng"],
  ["俊熙", "junxi"],
  ["心怡", "xinyi"],
  ["雅婷", "yating"],
  ["静怡", "jingyi"],
  ["晓婷", "xiaoting"],
  ["鹏飞", "pengfei"],
  ["云飞", "yunfei"],
  ["金凤", "jinfeng"],
  ["桂兰", "guilan"],
  ["秀珍", "xiuzhen"],
  ["德明", "deming"],
  ["建平", "jianping"],
  ["卫东", "weidong"],
  ["春华", "chunhua"],
  ["冬梅", "dongmei"],
  ["爱华", "aihua"],
  ["学军", "xuejun"],
  ["宏伟", "hongwei"],
  ["子豪", "zihao"],
  ["一鸣", "yiming"],
  ["安琪", "anqi"],
  ["乐怡", "leyi"],
  ["思彤", "sitong"],
  ["紫涵", "zihan"],
  ["昊天", "haotian"],
  ["逸飞", "yifei"],
];

export interface PersonName {
  name: string;
  /** "zhangwei" */
  pinyin: string;
}

/** Common surnames are much more common: roughly Zipf-shaped. */
const SURNAME_PICKER = new WeightedPicker(SURNAMES, (_entry, rank) => 1 / (rank + 8));

export function chineseName(rng: Random): PersonName {
  const [surname, surnamePinyin] = SURNAME_PICKER.pick(rng);
  const [given, givenPinyin] = rng.pick(GIVEN_NAMES);
  return { name: surname + given, pinyin: surnamePinyin + givenPinyin };
}

export interface City {
  name: string;
  /** 6-digit administrative code of one of its districts, the first six digits of a local 身份证号 */
  regionCode: string;
  weight: number;
}

export const CITIES: readonly City[] = [
  { name: "上海", regionCode: "310115", weight: 9 },
  { name: "北京", regionCode: "110105", weight: 9 },
  { name: "深圳", regionCode: "440305", weight: 7 },
  { name: "广州", regionCode: "440106", weight: 7 },
  { name: "杭州", regionCode: "330106", weight: 6 },
  { name: "成都", regionCode: "510107", weight: 6 },
  { name: "重庆", regionCode: "500103", weight: 5 },
  { name: "武汉", regionCode: "420106", weight: 5 },
  { name: "南京", regionCode: "320102", weight: 5 },
  { name: "苏州", regionCode: "320505", weight: 4 },
  { name: "西安", regionCode: "610113", weight: 4 },
  { name: "天津", regionCode: "120101", weight: 4 },
  { name: "长沙", regionCode: "430104", weight: 3 },
  { name: "郑州", regionCode: "410105", weight: 3 },
  { name: "青岛", regionCode: "370202", weight: 3 },
  { name: "宁波", regionCode: "330203", weight: 3 },
  { name: "东莞", regionCode: "441900", weight: 3 },
  { name: "佛山", regionCode: "440604", weight: 3 },
  { name: "合肥", regionCode: "340104", weight: 3 },
  { name: "济南", regionCode: "370102", weight: 2 },
  { name: "厦门", regionCode: "350203", weight: 2 },
  { name: "福州", regionCode: "350102", weight: 2 },
  { name: "无锡", regionCode: "320213", weight: 2 },
  { name: "沈阳", regionCode: "210102", weight: 2 },
  { name: "大连", regionCode: "210202", weight: 2 },
  { name: "昆明", regionCode: "530102", weight: 2 },
  { name: "南宁", regionCode: "450103", weight: 2 },
  { name: "哈尔滨", regionCode: "230102", weight: 2 },
  { name: "长春", regionCode: "220102", weight: 1 },
  { name: "石家庄", regionCode: "130102", weight: 1 },
  { name: "太原", regionCode: "140105", weight: 1 },
  { name: "南昌", regionCode: "360102", weight: 1 },
  { name: "贵阳", regionCode: "520102", weight: 1 },
  { name: "温州", regionCode: "330302", weight: 1 },
  { name: "兰州", regionCode: "620102", weight: 1 },
  { name: "海口", regionCode: "460106", weight: 1 },
  { name: "乌鲁木齐", regionCode: "650102", weight: 1 },
];

const CITY_PICKER = new WeightedPicker(CITIES, (city) => city.weight);

export function pickCity(rng: Random): City {
  return CITY_PICKER.pick(rng);
}

const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "166",
  "173",
  "175",
  "176",
  "177",
  "178",
  "180",
  "181",
  "182",
  "183",
  "185",
  "186",
  "187",
  "188",
  "189",
  "191",
  "195",
  "198",
  "199",
];

/**
 * An 11-digit mobile number unique per `serial`: the last eight digits are a bijection of the
 * serial modulo 10^8 (the multiplier is coprime with 10), so no two customers share a phone.
 */
export function uniqueMobile(rng: Random, serial: number): string {
  const suffix = (((serial % 100_000_000) * 48_271 + 12_345_679) % 100_000_000).toString().padStart(8, "0");
  return rng.pick(MOBILE_PREFIXES) + suffix;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CODES = "10X98765432";

/** An 18-digit 身份证号 (GB 11643) with region, birth date, sequence and ISO 7064 MOD 11-2 check digit. */
export function idNumber(rng: Random, regionCode: string, birthYear: number): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const body = `${regionCode}${birthYear}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${rng.digits(3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + ID_CHECK_CODES[sum % 11]!;
}

const EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "foxmail.com", "outlook.com", "gmail.com", "sina.com", "139.com"];

export function personalEmail(rng: Random, person: PersonName): string {
  const domain = rng.weighted(EMAIL_DOMAINS, (d) => (d === "qq.com" ? 5 : d === "163.com" ? 3 : 1));
  if (domain === "qq.com" && rng.chance(0.6)) return `${rng.int(10_000_000, 2_999_999_999)}@qq.com`;
  const suffix = rng.chance(0.7) ? String(rng.int(1, 2_024)) : "";
  return `${person.pinyin}${suffix}@${domain}`;
}
