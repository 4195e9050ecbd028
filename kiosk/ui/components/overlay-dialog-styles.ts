import { css } from 'lit';

/** A modal over the whole screen, one card in the middle and one large button to act on it. */
export const overlayDialogStyles = css`
  :host {
    position: fixed;
    inset: 0;
    display: grid;
    place-items: center;
    background: rgb(17 24 39 / 60%);
    z-index: 10;
  }
  section {
    background: var(--surface);
    color: var(--ink);
    border-radius: 1rem;
    padding: 2.5rem 3rem;
    max-width: 40rem;
    box-shadow: 0 8px 32px rgb(0 0 0 / 35%);
  }
  p {
    margin: 0 0 2rem;
  }
  button {
    font: inherit;
    font-size: 1.6rem;
    min-height: 5rem;
    padding: 0 2rem;
    border-radius: 1rem;
    border: 3px solid var(--accent);
    background: var(--accent);
    color: var(--on-accent);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 5px solid var(--focus);
    outline-offset: 4px;
  }
`;
