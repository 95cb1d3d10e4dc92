// Ad-hoc: screenshots of a running board at 1080p and 4K (npx tsx scripts/screenshot.ts URL NAME [WAIT_MS]).
import { launchChromium, openPage, screenshot } from '../test/helpers/browser.js';
const url = process.argv[2]!; const name = process.argv[3] ?? 'shot';
const b = await launchChromium();
for (const [w, h] of [[1920, 1080], [3840, 2160]] as const) {
  const p = await openPage(b, w, h);
  await p.page.goto(url); await p.page.waitForTimeout(Number(process.argv[4] ?? 4000));
  console.log(await screenshot(p.page, `${name}-${w}`), p.errors);
  await p.close();
}
await b.close();
