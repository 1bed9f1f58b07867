/**
 * Touch kiosk pages around the attract loop (issue 7): see docs/kiosk.md.
 * The renderer wraps its playback in <KioskLayer>; nothing else is needed.
 */
export { KioskLayer, type KioskLayerProps } from './KioskLayer.tsx';
export { kioskFor, pickerLanguages } from './active.ts';
