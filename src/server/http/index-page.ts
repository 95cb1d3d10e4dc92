import type { BoardInfo, PlaylistInfo } from '../../shared/board.js';

/** GET /: a plain list of boards and playlists, for whoever sets up the kiosks. */
export function indexPage(boards: BoardInfo[], playlists: PlaylistInfo[]): string {
  const boardItems = boards
    .map((b) => `<li><a href="/boards/${encodeURIComponent(b.id)}">${escapeHtml(b.title)}</a> <code>${escapeHtml(b.id)}</code> ${b.columns}×${b.rows}</li>`)
    .join('\n');
  const playlistItems = playlists
    .map((p) => `<li><a href="/playlists/${encodeURIComponent(p.id)}">${escapeHtml(p.title)}</a> <code>${escapeHtml(p.id)}</code>: ${p.boards.map(escapeHtml).join(' → ')}, ${Math.round(p.everyMs / 1000)} s each</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Radiator</title>
<style>body{background:#0d1117;color:#e6edf3;font:20px/1.5 system-ui,sans-serif;margin:3rem}a{color:#58a6ff}code{color:#8b949e}</style>
</head><body>
<h1>Radiator</h1>
<h2>Boards</h2><ul>${boardItems || '<li>none configured</li>'}</ul>
<h2>Playlists</h2><ul>${playlistItems || '<li>none configured</li>'}</ul>
<p><a href="/healthz">health</a> · <a href="/api/v1/boards">API</a></p>
</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
