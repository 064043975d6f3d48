// Screenshots for looking at the page by hand: node shoot.mjs OUT_DIR [query] [width height] [item to click]
// (an id the page publishes with mark_last_item, e.g. custom_arch, clicked before the shot).
import { clickItem, launch, openPage } from "./chromium.mjs";
const [out = "/tmp/shots", query = "", w = "1440", h = "900", click = ""] = process.argv.slice(2);
const env = await launch();
const { page, context, errors } = await openPage(env.browser, env.origin, { width: +w, height: +h, query });
await page.waitForTimeout(400);
if (click) await clickItem(page, click);
await page.screenshot({ path: `${out}/shot-${w}x${h}.png` });
console.log(JSON.stringify({ url: page.url(), items: await page.evaluate(() => window.Module.vfItems), errors }));
await context.close();
await env.close();
