/** Which of the live layers a map draws; each screen decides (the desk's switches, the presenter's choice). */
export interface LayerVisibility {
  riskPoints: boolean;
  fireAlerts: boolean;
  warnings: boolean;
}

export const ALL_LAYERS: LayerVisibility = { riskPoints: true, fireAlerts: true, warnings: true };
