import { css } from 'lit';

/** The booking screens' lists: one large button per choice, its lines read in order. */
export const choiceList = css`
  ul.choices {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.8rem;
  }
  ul.choices button {
    width: 100%;
    min-height: 5rem;
    padding: 0.8rem 1.5rem;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.2rem;
    text-align: start;
    background: var(--surface);
    color: var(--ink);
    font-size: 1.4rem;
  }
  ul.choices button strong {
    font-size: 1.6rem;
  }
  /* A mark in words and a frame, not colour alone. */
  .tag {
    display: inline-block;
    border: 2px solid currentColor;
    border-radius: 0.4rem;
    padding: 0 0.5rem;
    font-weight: 700;
  }
`;

/** Shown to screen readers only: the countdown's spoken updates. */
export const visuallyHidden = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
