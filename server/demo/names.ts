import type { Faker } from '@faker-js/faker';
import { type DistrictCode, districtByCode } from '../../shared/districts.ts';
import type { RiskCategory } from '../../shared/risk-points.ts';

/**
 * The words the demo city is named with: Jiujiang's own places, trade names (字号) as enterprises register
 * them, and the forms the bureau's ledgers use for each kind of site. A name never carries a running number:
 * two sites that would be named alike are told apart the way a ledger does it, by their street.
 */

/** 字号: what a company calls itself between its place and its trade. */
// prettier-ignore
const TRADE_NAMES = [
  '恒泰', '鑫源', '华达', '宏远', '金鹰', '润丰', '永安', '瑞祥', '博华', '兴业', '天诚', '隆昌', '中盛', '汇通', '德润', '昌盛', '鼎力',
  '安捷', '浔远', '庐峰', '长联', '九洲', '赣北', '江鸿', '丰源', '嘉禾', '信诚', '正兴', '东升', '华宇', '联创', '泰和', '益民', '新港',
  '金桥', '恒通', '浩源', '同心', '瑞华', '广源', '盛达', '协力', '利民', '志远', '双龙', '凯旋', '海翔', '晨光', '湖畔', '南山',
];

/** 乡镇 and villages across the city's counties. */
// prettier-ignore
const TOWNS = [
  '新港', '姑塘', '蛟塘', '马影', '棉船', '周溪', '多宝', '三汊港', '太阳', '均桥', '流泗', '城子', '大桥', '白杨', '黄老门', '狮子',
  '湖塘', '虞家河', '高塘', '港口', '马回岭', '吴山', '柘林', '渣津', '船滩', '石门', '罗坪', '横港', '武蛟', '春桥',
];

// prettier-ignore
export const STREETS = [
  '长江大道', '浔阳路', '庐山南路', '十里大道', '九瑞大道', '滨江路', '前进东路', '濂溪大道', '沿江大道', '迎宾大道', '甘棠南路', '塔岭北路',
];

interface NameContext {
  /** The district's short name (濂溪, 湖口, 共青). */
  district: string;
  place: string;
  trade: string;
  town: string;
  street: string;
}
type NameForm = (c: NameContext) => string;

const NAME_FORMS: Record<RiskCategory, { places: string[]; forms: NameForm[] }> = {
  hazardous_chemicals: {
    places: ['金砂湾', '矶山', '龙城', '沙河', '江洲', '城西港区'],
    forms: [
      (c) => `九江${c.trade}化工有限公司`,
      (c) => `${c.district}${c.trade}新材料股份有限公司`,
      (c) => `${c.place}工业园${c.trade}精细化工厂`,
      (c) => `${c.district}${c.trade}危险化学品仓储有限公司`,
    ],
  },
  mine: {
    places: ['城门山', '武山', '洋鸡山', '大湖塘', '花山', '丁家山', '南阳'],
    forms: [(c) => `${c.place}铜矿`, (c) => `${c.district}${c.trade}矿业有限公司`, (c) => `${c.place}石灰石矿`, (c) => `${c.town}${c.trade}采石场`],
  },
  tailings_pond: {
    places: ['城门山', '武山', '洋鸡山', '大湖塘', '东雷'],
    forms: [(c) => `${c.place}铜矿尾矿库`, (c) => `${c.trade}矿业${c.place}尾矿库`, (c) => `${c.town}尾矿库（闭库）`],
  },
  gas: {
    places: ['浔阳', '滨江', '十里', '八里湖', '沙河', '白水湖'],
    forms: [
      (c) => `${c.district}${c.trade}燃气有限公司${c.place}调压站`,
      (c) => `${c.town}液化气储配站`,
      (c) => `${c.trade}加气站（${c.street}）`,
      (c) => `${c.district}燃气${c.place}门站`,
    ],
  },
  fireworks: {
    places: ['马垱', '芙蓉', '黄港', '溪口', '船滩'],
    forms: [(c) => `${c.district}${c.trade}烟花爆竹批发有限公司`, (c) => `${c.place}${c.trade}烟花爆竹零售点`, (c) => `${c.town}花炮仓库`],
  },
  construction_site: {
    places: ['八里湖新区', '赛城湖', '濂溪', '鹤问湖', '共青', '琵琶湖'],
    forms: [
      (c) => `${c.place}${c.trade}安置房工程`,
      (c) => `${c.trade}城市综合体工地`,
      (c) => `${c.place}${c.trade}苑深基坑工程`,
      (c) => `${c.street}${c.trade}大厦高支模工程`,
    ],
  },
  crowded_place: {
    places: ['浔阳楼', '烟水亭', '联盛', '九方', '滨江', '甘棠湖'],
    forms: [
      (c) => `${c.trade}购物广场`,
      (c) => `${c.place}商业步行街`,
      (c) => `${c.district}${c.town}汽车客运站`,
      (c) => `${c.trade}影城（${c.place}店）`,
      (c) => `${c.trade}大酒店`,
    ],
  },
  small_venue: {
    places: ['庾亮', '甘棠', '湓浦', '白水湖', '人民路', '大中路'],
    forms: [
      (c) => `${c.trade}宾馆（${c.street}）`,
      (c) => `${c.trade}网吧`,
      (c) => `${c.place}${c.trade}餐馆`,
      (c) => `${c.town}${c.trade}服装加工作坊`,
      (c) => `${c.place}${c.trade}百货店`,
    ],
  },
  road_transport: {
    places: ['九瑞', '昌九', '福银', '杭瑞', '都九', '彭湖'],
    forms: [
      (c) => `${c.district}${c.trade}危货运输有限公司停车场`,
      (c) => `${c.place}${c.town}段长下坡`,
      (c) => `${c.place}${c.town}段急弯陡坡`,
      (c) => `${c.district}${c.trade}客运有限公司`,
    ],
  },
  water: {
    places: ['鄱阳湖', '长江', '修河', '博阳河', '八里湖', '赛城湖'],
    forms: [(c) => `${c.place}${c.town}段圩堤险段`, (c) => `${c.town}渡口`, (c) => `${c.place}${c.town}蓄滞洪区`, (c) => `${c.town}排涝闸`],
  },
  forest: {
    places: ['庐山', '幕阜山', '九岭山', '太平山', '云居山', '东牯山'],
    forms: [(c) => `${c.place}${c.town}林区`, (c) => `${c.place}${c.town}防火检查站`, (c) => `${c.district}${c.town}国有林场`, (c) => `${c.town}墓葬集中区`],
  },
  other: {
    places: ['开发区', '工业园', '城东', '城西', '港区'],
    forms: [
      (c) => `${c.district}${c.trade}仓储物流园`,
      (c) => `${c.district}${c.trade}木业有限公司（粉尘涉爆）`,
      (c) => `${c.trade}冷链物流有限公司`,
      (c) => `${c.place}${c.trade}污水处理厂（有限空间）`,
    ],
  },
};

/** Tries at a fresh name before a taken one is told apart by its street. */
const NAME_TRIES = 12;

/**
 * Names risk points as a ledger would: each new name is one not yet taken in this city; when the words run
 * short, the street goes after it in brackets, as 台账 do for two sites of one company.
 */
export class SiteNamer {
  private readonly taken = new Set<string>();

  constructor(private readonly faker: Faker) {}

  name(category: RiskCategory, district: DistrictCode): string {
    const { places, forms } = NAME_FORMS[category];
    const short = districtByCode(district)!.name.slice(0, 2);
    let name = '';
    for (let attempt = 0; attempt < NAME_TRIES * 2; attempt++) {
      const f = this.faker.helpers;
      const context = {
        district: short,
        place: f.arrayElement(places),
        trade: f.arrayElement(TRADE_NAMES),
        town: f.arrayElement(TOWNS),
        street: f.arrayElement(STREETS),
      };
      name = f.arrayElement(forms)(context);
      if (attempt >= NAME_TRIES) name = `${name}（${context.street}）`;
      if (!this.taken.has(name)) break;
    }
    this.taken.add(name);
    return name;
  }
}
