import { describe, expect, it } from 'vitest';
import { firmsRowSchema, VIIRS_CONFIDENCE } from '../../shared/firms.ts';

const row = (over: Record<string, string>) => ({
  latitude: '29.26',
  longitude: '115.1',
  acq_date: '2026-11-22',
  acq_time: '0528',
  confidence: 'n',
  satellite: 'N',
  ...over,
});

describe('a FIRMS row', () => {
  it('reads HHMM in UTC with or without leading zeros', () => {
    expect(firmsRowSchema.parse(row({ acq_time: '5' })).at).toBe('2026-11-22T00:05:00.000Z');
    expect(firmsRowSchema.parse(row({ acq_time: '130' })).at).toBe('2026-11-22T01:30:00.000Z');
    expect(firmsRowSchema.parse(row({ acq_time: '2359' })).at).toBe('2026-11-22T23:59:00.000Z');
    expect(firmsRowSchema.safeParse(row({ acq_time: '2400' })).success).toBe(false);
    expect(firmsRowSchema.safeParse(row({ acq_time: '12:30' })).success).toBe(false);
  });

  it('reads VIIRS classes as letters or words, and MODIS percentages', () => {
    expect(firmsRowSchema.parse(row({ confidence: 'l' })).confidence).toBe(VIIRS_CONFIDENCE.low);
    expect(firmsRowSchema.parse(row({ confidence: 'nominal' })).confidence).toBe(VIIRS_CONFIDENCE.nominal);
    expect(firmsRowSchema.parse(row({ confidence: 'HIGH' })).confidence).toBe(VIIRS_CONFIDENCE.high);
    expect(firmsRowSchema.parse(row({ confidence: '77' })).confidence).toBe(77);
    expect(firmsRowSchema.safeParse(row({ confidence: '101' })).success).toBe(false);
  });

  it('keeps the pixel footprint only when both scan and track are given, and tells the instrument by its columns', () => {
    expect(firmsRowSchema.parse(row({ scan: '0.39', track: '0.36', bright_ti4: '330' }))).toMatchObject({
      footprint: { scanKm: 0.39, trackKm: 0.36 },
      instrument: 'VIIRS',
    });
    expect(firmsRowSchema.parse(row({ scan: '1.1', brightness: '318' }))).toMatchObject({ footprint: null, instrument: 'MODIS' });
    expect(firmsRowSchema.parse(row({ frp: '' })).frpMw).toBeNull();
    expect(firmsRowSchema.safeParse(row({ latitude: '' })).success).toBe(false);
  });
});
