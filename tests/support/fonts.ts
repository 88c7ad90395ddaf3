import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Latin-only fonts Debian's Chromium brings along; the first one present is the profile's only font. */
const LATIN_FONTS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'];

export interface FontProfile {
  /** For the browser's environment (openBrowser's `env`). */
  env: Record<string, string>;
  close(): void;
}

/**
 * A machine with no CJK font, such as a wall PC or a phone without Chinese fonts: a fontconfig whose only font
 * directory holds one Latin font, with home, configuration, data and cache in empty temporary folders so
 * neither this machine's fonts (fonts-noto-cjk) nor a user's `~/.fonts` are found.
 */
export function noCjkFontProfile(): FontProfile {
  const latin = LATIN_FONTS.find((file) => fs.existsSync(file));
  if (!latin) throw new Error(`no Latin font at ${LATIN_FONTS.join(' or ')}: install fonts-dejavu-core`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-no-cjk-'));
  const dir = (name: string) => {
    fs.mkdirSync(path.join(root, name), { recursive: true });
    return path.join(root, name);
  };
  fs.copyFileSync(latin, path.join(dir('fonts'), path.basename(latin)));
  const conf = path.join(root, 'fonts.conf');
  fs.writeFileSync(
    conf,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${path.join(root, 'fonts')}</dir>
  <cachedir>${dir('cache/fontconfig')}</cachedir>
</fontconfig>
`,
  );
  return {
    env: { FONTCONFIG_FILE: conf, HOME: dir('home'), XDG_CONFIG_HOME: dir('config'), XDG_DATA_HOME: dir('data'), XDG_CACHE_HOME: dir('cache') },
    close: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

export interface RenderedFont {
  familyName: string;
  /** a web font (`@font-face`), not one of the machine's */
  isCustomFont: boolean;
  glyphCount: number;
}

const HAN = /\p{Script=Han}/u;

/**
 * The fonts Chromium drew the text of each visible element holding Chinese of its own with (DevTools'
 * "Rendered Fonts", CSS.getPlatformFontsForNode): what was really on the screen, not what the CSS asked for.
 */
export async function renderedFontsOfChinese(page: Page): Promise<{ text: string; fonts: RenderedFont[] }[]> {
  const texts = await page.evaluate((han) => {
    const pattern = new RegExp(han, 'u');
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      el.removeAttribute('data-han-probe');
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent!);
      const box = el.getBoundingClientRect();
      if (!own.some((t) => pattern.test(t)) || box.width === 0 || box.height === 0) continue;
      el.setAttribute('data-han-probe', '');
      found.push(own.join('').trim());
    }
    return found;
  }, HAN.source);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-han-probe]' });
    if (nodeIds.length !== texts.length) throw new Error(`probed ${texts.length} elements, DevTools found ${nodeIds.length}`);
    const fonts: RenderedFont[][] = [];
    for (const nodeId of nodeIds) fonts.push((await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts);
    return texts.map((text, i) => ({ text, fonts: fonts[i]! }));
  } finally {
    await cdp.detach();
  }
}
