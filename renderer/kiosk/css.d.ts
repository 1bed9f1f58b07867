// Vite bundles CSS imported for its side effects (kiosk.css, fonts.css).
declare module '*.css';
