import { districtByCode } from '../../../shared/districts.ts';
import type { Notification } from '../../../shared/notifications.ts';
import type { Channel } from './channel.ts';
import { postJson } from './channel.ts';

const beijingClock = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');

/** The SMS text: short enough for one or two messages, saying what, where, since when, and what to do. */
export function smsText(n: Notification): string {
  const district = districtByCode(n.alert.district)?.name ?? n.alert.district;
  const place = `${district}（${n.alert.lon.toFixed(4)}, ${n.alert.lat.toFixed(4)}）`;
  const what = n.alert.description.slice(0, 40);
  return `【一张图应急指挥】火情预警超时未接警：${place}${what ? `，${what}` : ''}，${beijingClock(n.alert.reportedAt)} 报警。已升级至带班领导，请立即处置。${n.demo ? '（演示）' : ''}`;
}

/**
 * A generic HTTP SMS gateway (SMS_GATEWAY_URL): POST {phone, text} with the token as a bearer. The phone is
 * the recipient's on the duty roster; a leader chosen without a shift has none and is not texted.
 */
export function smsChannel(config: { url: string; token: string }): Channel {
  return {
    channel: 'sms',
    unreachable: (recipient) => (recipient.phone ? null : 'no phone for this person on the duty roster / 值班表中无此人手机号'),
    async send({ notification, recipient }, signal) {
      const body = JSON.stringify({ phone: recipient.phone, text: smsText(notification) });
      await postJson(config.url, body, { authorization: `Bearer ${config.token}` }, signal);
    },
  };
}
