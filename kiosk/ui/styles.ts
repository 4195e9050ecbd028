import { css } from 'lit';

/** Shared look: large type, high contrast, touch targets well over 48 px. */
export const screenStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 1.2rem;
    min-height: 100%;
    box-sizing: border-box;
    padding: 1.5rem 3rem;
    color: var(--ink);
  }
  h1 {
    font-size: 2.6rem;
    margin: 0;
    line-height: 1.2;
  }
  p.lead {
    font-size: 1.6rem;
    margin: 0;
  }
  .spacer {
    flex: 1;
  }
  .actions {
    display: flex;
    gap: 1.5rem;
    flex-wrap: wrap;
  }
  button {
    font: inherit;
    font-size: 1.6rem;
    min-height: 5rem;
    min-width: 12rem;
    padding: 0 2rem;
    border-radius: 1rem;
    border: 3px solid var(--accent);
    background: var(--accent);
    color: var(--on-accent);
    cursor: pointer;
  }
  button.secondary {
    background: var(--surface);
    color: var(--accent);
  }
  button:focus-visible {
    outline: 5px solid var(--focus);
    outline-offset: 4px;
  }
  button:disabled {
    opacity: 0.45;
  }
  .error {
    border-inline-start: 10px solid var(--danger);
    background: var(--danger-bg);
    padding: 1rem 1.5rem;
    font-size: 1.4rem;
    border-radius: 0.5rem;
  }
  .amount {
    font-size: 3.2rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  /* An amount reads "32,28 €" in every language: in a right-to-left sentence the euro sign would
     otherwise jump in front of the figure. */
  .amount,
  .money,
  .value {
    direction: ltr;
    unicode-bidi: isolate;
  }
`;
