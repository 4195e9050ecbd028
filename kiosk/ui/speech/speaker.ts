/**
 * Reads the screen aloud for blind and low-vision citizens, in the session's language. What is
 * spoken is also kept (the last few utterances) so a test can check it without a voice.
 */
export interface Utterance {
  text: string;
  lang: string;
}

declare global {
  interface Window {
    /** The last utterances, newest last: what a citizen with the voice on would have heard. */
    kioskSpoken?: Utterance[];
  }
}

const KEPT = 50;

export function speak(text: string, lang: string): void {
  const clean = text.replace(/\s+/g, ' ').replace(/[\u2068\u2069]/g, '').trim();
  if (!clean) return;
  const log = (window.kioskSpoken ??= []);
  log.push({ text: clean, lang });
  if (log.length > KEPT) log.splice(0, log.length - KEPT);
  const synth = window.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  const u = new SpeechSynthesisUtterance(clean);
  u.lang = lang;
  synth.speak(u);
}

/** Stops what is being read: a new screen speaks over nothing. */
export function hush(): void {
  window.speechSynthesis?.cancel();
}

/** The words of a screen: its heading, its leading lines and its alerts, in reading order. */
export function screenWords(root: ParentNode): string {
  return [...root.querySelectorAll('h1, h2, p.lead, p.error, [role="alert"], output')]
    .map((e) => e.textContent ?? '')
    .join('. ');
}

/** The name a control is known by: its label, else its text. */
export function controlName(el: Element): string {
  return el.getAttribute('aria-label') ?? el.textContent ?? '';
}
