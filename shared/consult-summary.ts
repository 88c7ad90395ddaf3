import type { Annotation, ConsultRecord } from './consult.ts';

const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour12: false,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const when = (iso: string) => beijing.format(new Date(iso));

const SHAPE: Record<Annotation['kind'], string> = { marker: '标记', line: '线路', polygon: '区域', circle: '范围圈' };

function describeAnnotation(a: Annotation): string {
  const label = a.label ? `「${a.label}」` : '';
  if (a.kind === 'circle') return `${SHAPE.circle}${label}，半径 ${a.radiusKm} km，中心 ${a.center[0].toFixed(5)}, ${a.center[1].toFixed(5)}`;
  if (a.kind === 'marker') return `${SHAPE.marker}${label}，位于 ${a.point[0].toFixed(5)}, ${a.point[1].toFixed(5)}`;
  const points = a.kind === 'line' ? a.path.length : a.ring.length;
  return `${SHAPE[a.kind]}${label}，${points} 个点`;
}

/**
 * 会商纪要: the session's record in words, in Beijing time, as an office files it. Participants are named by
 * their account; each join, leave, hand-over of control and annotation is a line.
 */
export function consultSummary(record: ConsultRecord): string {
  const { session, events } = record;
  const names = new Map<string, string>();
  for (const e of events) if (e.kind === 'join') names.set(String(e.detail.participant), e.actor);
  const lines = [
    `视频会商记录 · 会商室 ${session.room}`,
    `会话 ${session.id}`,
    `开始 ${when(session.openedAt)}${session.closedAt ? `　结束 ${when(session.closedAt)}` : '　（进行中）'}`,
    ...(session.incidentId ? [`关联事件 ${session.incidentId}`] : []),
    `参会 ${[...new Set(names.values())].join('、') || '—'}`,
    '',
  ];
  for (const e of events) {
    const at = when(e.at);
    if (e.kind === 'join') lines.push(`${at}　${e.actor} 加入`);
    else if (e.kind === 'leave') lines.push(`${at}　${e.actor} 离开`);
    else if (e.kind === 'handover') {
      const to = String(e.detail.toName ?? names.get(String(e.detail.to)) ?? e.detail.to);
      lines.push(`${at}　主持权交给 ${to}${e.detail.because === 'presenter left' ? '（主持人离开）' : `（由 ${e.actor} 移交）`}`);
    } else lines.push(`${at}　${e.actor} 标注${describeAnnotation(e.detail as unknown as Annotation)}`);
  }
  return `${lines.join('\n')}\n`;
}
