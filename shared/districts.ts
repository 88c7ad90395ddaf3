import { z } from 'zod';

/** The 13 county-level divisions of Jiujiang, keyed by their GB/T 2260 code. */
export const DISTRICTS = [
  { code: '360402', name: '濂溪区', nameEn: 'Lianxi', center: [115.992842, 29.668064] },
  { code: '360403', name: '浔阳区', nameEn: 'Xunyang', center: [115.990301, 29.727593] },
  { code: '360404', name: '柴桑区', nameEn: 'Chaisang', center: [115.911323, 29.608431] },
  { code: '360423', name: '武宁县', nameEn: 'Wuning', center: [115.092757, 29.246591] },
  { code: '360424', name: '修水县', nameEn: 'Xiushui', center: [114.546836, 29.025726] },
  { code: '360425', name: '永修县', nameEn: 'Yongxiu', center: [115.831956, 29.011871] },
  { code: '360426', name: '德安县', nameEn: "De'an", center: [115.767447, 29.298696] },
  { code: '360428', name: '都昌县', nameEn: 'Duchang', center: [116.203979, 29.273239] },
  { code: '360429', name: '湖口县', nameEn: 'Hukou', center: [116.251947, 29.731101] },
  { code: '360430', name: '彭泽县', nameEn: 'Pengze', center: [116.56438, 29.876991] },
  { code: '360481', name: '瑞昌市', nameEn: 'Ruichang', center: [115.681335, 29.675834] },
  { code: '360482', name: '共青城市', nameEn: 'Gongqingcheng', center: [115.808844, 29.248316] },
  { code: '360483', name: '庐山市', nameEn: 'Lushan', center: [116.04506, 29.448128] },
] as const satisfies readonly { code: string; name: string; nameEn: string; center: readonly [number, number] }[];

export type District = (typeof DISTRICTS)[number];
export type DistrictCode = District['code'];

const districtCodes = DISTRICTS.map((d) => d.code) as [DistrictCode, ...DistrictCode[]];
export const districtCodeSchema = z.enum(districtCodes);

const byCode = new Map<string, District>(DISTRICTS.map((d) => [d.code, d]));
export function districtByCode(code: string): District | undefined {
  return byCode.get(code);
}

/** The records of one district, or all of them for the whole city (null). */
export function inDistrict<T extends { district: string }>(records: Iterable<T>, district: DistrictCode | null): T[] {
  const all = [...records];
  return district === null ? all : all.filter((r) => r.district === district);
}
