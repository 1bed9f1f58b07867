/**
 * Languages for everything on screen: the fallback chain for playlist texts,
 * rotation and dual display for slides, tickers and subtitles, and the
 * player's own texts (preparing, pairing, idle, kiosk chrome).
 */
export { FALLBACK_LANGUAGES, hasLanguage, languageChain, pickLocalized, pickText, VISITOR_FALLBACK, visitorChain, type PickedText } from './pick.ts';
export { bilingualDefault, languagesFor, pickTexts, subtitleLanguages, type HasLanguageMode } from './modes.ts';
export { MESSAGES, UI_LANGUAGES, nativeLanguageName, uiLanguage, uiText, type MessageKey, type Messages } from './ui.ts';
export { playerScreenText, type PlayerScreen, type PlayerScreenText } from './screens.ts';
