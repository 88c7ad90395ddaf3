import type { Faker } from '@faker-js/faker';
import { type DistrictCode, districtByCode } from '../../shared/districts.ts';
import type { FireAlertSource } from '../../shared/fire-alerts.ts';

/** Peaks, valleys and townships of the forest districts, as lookouts and rangers name where they see smoke. */
const LANDMARKS: Partial<Record<DistrictCode, string[]>> = {
  '360483': ['五老峰', '秀峰', '观音桥', '海会', '白鹿洞', '温泉'],
  '360424': ['黄龙山', '幕阜山', '黄沙港', '东港', '渣津'],
  '360423': ['九岭山', '太平山', '伊山', '罗坪', '石门楼'],
  '360481': ['青山', '南阳', '洪一', '肇陈', '横立山'],
  '360426': ['博阳山', '吴山', '磨溪', '聂桥', '邹桥'],
  '360425': ['云居山', '柘林', '三角', '燕坊', '立新'],
};

const DIRECTIONS = ['东', '南', '西', '北', '东北', '东南', '西北', '西南'];

/**
 * What each kind of observer says when it reports a fire: a lookout its bearing and distance from the tower,
 * a ranger where they are going, a caller what they saw, a satellite pass its thermal anomaly.
 */
export function fireReport(faker: Faker, source: FireAlertSource, district: DistrictCode): string {
  const name = districtByCode(district)!.name;
  const [place, tower] = faker.helpers.arrayElements(LANDMARKS[district] ?? [name], 2);
  const at = place ?? name;
  switch (source) {
    case 'watchtower':
      return faker.helpers.arrayElement([
        `瞭望塔报告：${name}${at}方向发现烟点，距塔约${faker.number.int({ min: 2, max: 12 })}公里`,
        `${tower ?? at}瞭望塔报告：塔${faker.helpers.arrayElement(DIRECTIONS)}方向${at}一带有烟柱升起，呈灰白色，距塔约${faker.number.int({ min: 2, max: 12 })}公里`,
        `瞭望塔报告：${name}${at}一带见明火，烟雾向${faker.helpers.arrayElement(DIRECTIONS)}飘散，距塔约${faker.number.int({ min: 3, max: 15 })}公里`,
      ]);
    case 'patrol':
      return `护林员报告：${name}${at}附近山林冒烟，正赶往现场核实`;
    case 'public_report':
      return faker.helpers.arrayElement([`群众来电：${name}${at}山上有烟，疑似有人烧荒`, `群众来电：${name}${at}附近山坡冒烟，疑似上坟烧纸引发`]);
    case 'satellite':
      return `卫星热点：${name}${at}附近监测到热异常，待地面核查`;
  }
}
