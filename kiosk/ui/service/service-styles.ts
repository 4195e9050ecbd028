import { css } from 'lit';

/** Tables, lists and the action grid of the technician's screens, on top of `screenStyles`. */
export const serviceTableStyles = css`
  h2 {
    font-size: 1.8rem;
    margin: 0.5rem 0 0;
  }
  table {
    border-collapse: collapse;
    font-size: 1.3rem;
    width: 100%;
  }
  caption {
    text-align: start;
    font-size: 1.6rem;
    font-weight: 700;
    padding-bottom: 0.4rem;
  }
  th,
  td {
    text-align: start;
    border-bottom: 1px solid var(--rule);
    padding: 0.5rem 0.6rem;
    vertical-align: top;
  }
  tr[data-device-state]:not([data-device-state='ok']) td,
  tr[data-device-state]:not([data-device-state='ok']) th {
    font-weight: 700;
  }
  .sign {
    display: inline-block;
    width: 1.4em;
    font-weight: 700;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.4rem 1.5rem;
    font-size: 1.4rem;
    margin: 0;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 1rem;
  }
  .grid button {
    min-width: 0;
    font-size: 1.4rem;
  }
  pre {
    font-size: 1rem;
    border: 1px solid var(--rule);
    padding: 0.8rem;
    max-height: 40rem;
    overflow: auto;
    background: var(--surface);
  }
`;

/** The frame of a staff screen (technician, counter operator): a dark title bar over a scrolling main. */
export const staffFrameStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 0;
    padding: 0;
    height: 100vh;
    background: var(--surface);
  }
  header {
    background: var(--ink);
    color: var(--surface);
    padding: 1rem 3rem;
    font-size: 1.4rem;
    font-weight: 700;
  }
  main {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 1.2rem;
    padding: 1.5rem 3rem;
    color: var(--ink);
  }
`;
