import type { RiskData } from '../shared/views/risk.js';
import { fullCardsFit, nameTooNarrow } from './risk-layout.js';
import { TEXT_MIN_VH } from './theme.js';

/**
 * Fits the ranked modes into the risk element `host` (its shadow root `root`): full cards when at
 * least FULL_CARDS_WANTED of them (or all) fit with their name, ratings and RPN, else one line per
 * mode (the host's `data-shape`). In full cards the least important parts go first (why, then the next
 * action, then the effect; from the bottom card up), then cards that still do not fit are hidden whole
 * and counted with those the server left out. Written straight into the DOM: it depends on layout,
 * not on the view.
 */
export function fitModesToSize(host: HTMLElement, root: ParentNode, data: RiskData): void {
  const list = root.querySelector<HTMLElement>('.list');
  if (!list) return;
  const setShape = (shape: 'full' | 'compact') => {
    if (host.dataset.shape !== shape) host.dataset.shape = shape;
  };
  const footer = root.querySelector<HTMLElement>('.footer');
  // the footer first: the list gets what it leaves
  if (footer) fitOnOneLine(footer);
  let shown: number;
  if (data.compact === true) {
    setShape('compact');
    shown = fitRows(host, list);
  } else {
    setShape('full');
    shown = fitCards(list, true);
    if (data.compact === null && !fullCardsFit(shown, data.modes.length)) {
      setShape('compact');
      shown = fitRows(host, list);
    }
  }
  const more = root.querySelector<HTMLElement>('.more');
  if (more) {
    const hidden = data.modes.length - shown + data.more;
    more.hidden = hidden === 0;
    more.textContent = hidden ? `+${hidden} more` : '';
  }
  if (footer) fitOnOneLine(footer);
}

/**
 * One line per mode; where the names would be cut to a few letters (the host's `data-narrow`), the
 * S, O and D go and the name and RPN stay.
 */
function fitRows(host: HTMLElement, list: HTMLElement): number {
  delete host.dataset.narrow;
  const floorPx = (window.innerHeight * TEXT_MIN_VH) / 100;
  const first = list.querySelector<HTMLElement>('.mode');
  if (first) {
    first.style.display = '';
    // the head takes the room the ratings leave
    if (nameTooNarrow(first.querySelector<HTMLElement>('.head')!.clientWidth, floorPx)) host.dataset.narrow = '';
  }
  return fitCards(list, false);
}

/**
 * Fits the cards of `list` into it: with `dropParts`, the optional parts (`data-fit`, lowest first)
 * go before any card does, the bottom card's all before the one above it loses any; then every card
 * from the first that still overflows is hidden. Returns how many cards are shown.
 */
function fitCards(list: HTMLElement, dropParts: boolean): number {
  const cards = [...list.querySelectorAll<HTMLElement>('.mode')];
  for (const card of cards) {
    card.style.display = '';
    for (const part of card.querySelectorAll<HTMLElement>('[data-fit]')) part.style.display = '';
  }
  const bottom = () => list.getBoundingClientRect().bottom + 0.5;
  const fits = () => (cards[cards.length - 1]?.getBoundingClientRect().bottom ?? 0) <= bottom();
  if (dropParts && !fits()) {
    // the top risks keep their details longest: the bottom card gives up all of its parts first
    drop: for (const card of [...cards].reverse()) {
      const parts = [...card.querySelectorAll<HTMLElement>('[data-fit]')].sort((a, b) => Number(a.dataset.fit) - Number(b.dataset.fit));
      for (const part of parts) {
        part.style.display = 'none';
        if (fits()) break drop;
      }
    }
  }
  const limit = bottom();
  const first = cards.findIndex((card) => card.getBoundingClientRect().bottom > limit);
  if (first < 0) return cards.length;
  for (const card of cards.slice(first)) card.style.display = 'none';
  return first;
}

/** Hides the footer's `data-drop` items, lowest first, until what is left is one line. */
function fitOnOneLine(footer: HTMLElement): void {
  const items = [...footer.querySelectorAll<HTMLElement>('[data-drop]')].sort((a, b) => Number(a.dataset.drop) - Number(b.dataset.drop));
  for (const item of items) item.style.display = '';
  const oneLine = () => {
    const tops = [...footer.children].filter((c) => c instanceof HTMLElement && !c.hidden && c.style.display !== 'none').map((c) => c.getBoundingClientRect().top);
    return tops.length === 0 || Math.max(...tops) - Math.min(...tops) < 2;
  };
  for (const item of items) {
    if (oneLine()) return;
    item.style.display = 'none';
  }
}
