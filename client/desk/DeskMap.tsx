import { LiveMap, type LiveMapProps } from '../map/LiveMap.tsx';
import { MapInteractions } from '../map/MapInteractions.tsx';

/** The desk's map chunk: the live map and the officer's hands on it. */
export default function DeskMap(props: Omit<LiveMapProps, 'children' | 'scaleToScreen'>) {
  return (
    <LiveMap {...props}>
      <MapInteractions />
    </LiveMap>
  );
}
