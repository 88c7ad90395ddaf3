import type { Shot } from './director.ts';
import { MapLegend } from '../map/Legend.tsx';
import { LiveMap, type LiveMapProps } from '../map/LiveMap.tsx';
import { WallCamera } from './WallCamera.tsx';

/** The wall's map chunk: the live map laid out for the room, turned by the director's shot, with its legend. */
export default function WallMap({ shot, ...props }: Omit<LiveMapProps, 'children' | 'scaleToScreen'> & { shot: Shot }) {
  return (
    <>
      <LiveMap {...props} scaleToScreen>
        <WallCamera shot={shot} />
      </LiveMap>
      <MapLegend host="wall" />
    </>
  );
}
