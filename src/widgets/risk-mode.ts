import { html, nothing, svg } from 'lit';
import type { RiskModeView, RiskRating } from '../shared/views/risk.js';
import { formatAge } from './relative-time.js';
import { STATUS_GLYPH } from './theme.js';

/** File and signal problems shown above the list: two at most, the rest counted. */
const PROBLEMS_SHOWN = 2;

/**
 * One failure mode: rank and name (happening now: for how long), its ratings, effect, next action,
 * why. The parts that may go when room is short carry `data-fit` (lower goes first; risk-fit.ts).
 * `scale` is the tile's RPN scale, `now` server time.
 */
export function riskMode(m: RiskModeView, scale: number, now: number) {
  const moved =
    m.rank < m.assessedRank
      ? html`<span class="moved up" title="assessed rank">▲ from #${m.assessedRank}</span>`
      : m.rank > m.assessedRank
        ? html`<span class="moved">▼ from #${m.assessedRank}</span>`
        : nothing;
  const next = m.nextAction;
  return html`<section class="mode tone-${m.tone}${m.active ? ' active' : ''}" data-mode=${m.key} data-tone=${m.tone}>
    <div class="line head">
      <span class="rank">#${m.rank}</span>
      ${moved}
      <span class="name clip">${m.failureMode}</span>
      ${m.active ? html`<span class="happening">${STATUS_GLYPH.critical} HAPPENING ${formatAge(now - m.active.since)}</span>` : nothing}
    </div>
    <div class="ratings">
      ${rating('S', { assessed: m.severity, live: m.severity })} ${rating('O', m.occurrence)} ${rating('D', m.detection)}
      <span class="rpn" data-part="rpn">
        <span class="letter">RPN</span>
        <svg class="rpn-bar" viewBox="0 0 100 10" preserveAspectRatio="none" data-live=${m.rpn.live} data-assessed=${m.rpn.assessed} data-scale=${scale} aria-hidden="true">
          ${svg`<rect class="track"></rect><rect class="fill"></rect><rect class="assessed"></rect>`}
        </svg>
        <span class="value">${m.rpn.live}</span>
        ${m.rpn.live !== m.rpn.assessed ? html`<span class="was">assessed ${m.rpn.assessed}</span>` : nothing}
      </span>
    </div>
    ${m.active ? html`<div class="line" data-fit="4"><span class="label s-critical keep">Now:</span> <span class="clip">${m.active.what}</span></div>` : nothing}
    <div class="line effect" data-fit="3"><span class="clip">${m.effect}</span></div>
    ${next
      ? html`<div class="line next" data-fit="2">
          <span class="label">Next:</span>
          <span class="text clip">${next.action} — ${next.owner}${next.due ? `, due ${next.due}` : ''}${next.status === 'in-progress' ? ' (in progress)' : ''}</span>
        </div>`
      : nothing}
    ${m.why.length ? html`<div class="why" data-fit="1"><span class="label">Why:</span> ${m.why.join(' · ')}</div>` : nothing}
  </section>`;
}

/**
 * "O [cells] 5 assessed 2": the live value on ten cells, the assessed one marked when they differ.
 * The cells are drawn by risk-bars.ts from the SVG's data attributes.
 */
function rating(letter: 'S' | 'O' | 'D', r: RiskRating) {
  return html`<span class="rating" data-rating=${letter}>
    <span class="letter">${letter}</span>
    <svg class="cells" viewBox="0 0 100 10" preserveAspectRatio="none" data-live=${r.live} data-assessed=${r.assessed} aria-hidden="true">
      ${svg`<g class="cells"></g><rect class="assessed"></rect>`}
    </svg>
    <span class="value">${r.live}</span>
    ${r.live !== r.assessed ? html`<span class="was">assessed ${r.assessed}</span>` : nothing}
  </span>`;
}

/** What keeps the tile from showing the FMEA files as they are: the first two, then how many more. */
export function riskProblems(problems: readonly string[], moreProblems: number) {
  const extra = problems.length - PROBLEMS_SHOWN + moreProblems;
  return html`<div class="problems" data-part="problems">
    ${problems.slice(0, PROBLEMS_SHOWN).map((p) => html`<div class="problem"><span class="glyph">${STATUS_GLYPH.warning}</span> ${p}</div>`)}
    ${extra > 0 ? html`<div class="problem"><span class="glyph">${STATUS_GLYPH.warning}</span> ${extra} more problem${extra === 1 ? '' : 's'} with the FMEA files</div>` : nothing}
  </div>`;
}
