import { LiveMap, type LiveMapProps } from '../map/LiveMap.tsx';
import { MapInteractions } from '../map/MapInteractions.tsx';
import { PlacePicker } from '../map/PlacePicker.tsx';

/** The desk's map chunk: the live map and the officer's hands on it, and the places forms ask for. */
export default function DeskMap(props: Omit<LiveMapProps, 'children' | 'scaleToScreen'>) {
  return (
    <LiveMap {...props}>
      <MapInteractions />
      <PlacePicker />
    </LiveMap>
  );
}
