import { LiveMap, type LiveMapProps } from '../map/LiveMap.tsx';
import type { ConsultSession } from './consult-session.ts';
import { ConsultMapParts } from './ConsultMapParts.tsx';

/** The consultation's map chunk: the live map with the shared view and the annotations of the room. */
export default function ConsultMap({ session, ...props }: Omit<LiveMapProps, 'children' | 'scaleToScreen'> & { session: ConsultSession }) {
  return (
    <LiveMap {...props}>
      <ConsultMapParts session={session} visible={props.visible} />
    </LiveMap>
  );
}
