import type { Shot } from './director.ts';
import { LiveMap, type LiveMapProps } from '../map/LiveMap.tsx';
import { WallCamera } from './WallCamera.tsx';

/** The wall's map chunk: the live map laid out for the room, turned by the director's shot. */
export default function WallMap({ shot, ...props }: Omit<LiveMapProps, 'children' | 'scaleToScreen'> & { shot: Shot }) {
  return (
    <LiveMap {...props} scaleToScreen>
      <WallCamera shot={shot} />
    </LiveMap>
  );
}
