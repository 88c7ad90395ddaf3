import { useEffect, useRef, useState } from 'react';
import type { WallRules } from '../../shared/basemap.ts';
import { DISTRICTS } from '../../shared/districts.ts';
import type { LiveState } from '../../shared/sync.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { type Director, newsBetween, noticeNews, startDirector, tick } from './director.ts';

const DISTRICT_CODES = DISTRICTS.map((d) => d.code);
const TICK_MS = 1000;

/** The edge of the wall's pure director: it hears the live picture change and the clock tick. */
export function useWallDirector(rules: WallRules): Director {
  const live = useLive((v) => v.sync.live);
  const [director, setDirector] = useState(() => startDirector(Date.now()));
  const previous = useRef<LiveState | null>(null);

  useEffect(() => {
    // a fresh snapshot after a long outage is a new first picture, not a flood of news
    if (live && previous.current && live.seq > previous.current.seq) {
      const news = newsBetween(previous.current, live);
      if (news.length > 0) setDirector((d) => noticeNews(d, news, Date.now(), rules));
    }
    previous.current = live;
  }, [live, rules]);

  useEffect(() => {
    const timer = setInterval(() => setDirector((d) => tick(d, Date.now(), rules, DISTRICT_CODES)), TICK_MS);
    return () => clearInterval(timer);
  }, [rules]);

  return director;
}
