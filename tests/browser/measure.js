// Measures one open page for check.py (page.evaluate); returns plain data, probes.py judges it.
// "ours" everywhere means: the element has a blog-* class or sits inside one, except the
// <section> that wraps a whole post or list page (its content is the author's, styled by
// the theme).
() => {
  // ---- helpers ---------------------------------------------------------------------
  function blogAncestor(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e.tagName !== 'SECTION' && [...e.classList].some((c) => c.startsWith('blog-'))) return e;
    }
    return null;
  }
  const ours = (el) => !!blogAncestor(el);
  function box(el) {
    const r = el.getBoundingClientRect();
    return { left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY,
             width: r.width, height: r.height };
  }
  // the inside of a box that clips or scrolls (without its border and scrollbar)
  function innerBox(el) {
    const r = el.getBoundingClientRect();
    return { left: r.left + el.clientLeft + scrollX, right: r.left + el.clientLeft + el.clientWidth + scrollX };
  }
  function describe(el) {
    if (!el || el.nodeType !== 1) return String(el);
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = [...el.classList].slice(0, 3);
    if (cls.length) s += '.' + cls.join('.');
    return s;
  }
  function path(el) {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) parts.unshift(describe(e));
    return parts.join(' > ');
  }
  function visible(el) {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    // drawers slid off the canvas are not shown
    return r.right + scrollX > 0 && r.left + scrollX < document.scrollingElement.scrollWidth;
  }
  const round1 = (v) => Math.round(v * 10) / 10;

  // ---- colours: any CSS colour to sRGB bytes through a canvas, then WCAG contrast -----
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  function rgba(css) {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  }
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  function luminance(c) {
    const lin = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  }
  function ratio(a, b) {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  }
  const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  function canvasColour() {
    const scheme = getComputedStyle(document.documentElement).colorScheme || '';
    const dark = scheme.includes('dark') && matchMedia('(prefers-color-scheme: dark)').matches;
    return dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
  }
  function opacityOf(el) {
    let product = 1;
    for (let e = el; e; e = e.parentElement) product *= +getComputedStyle(e).opacity;
    return product;
  }
  // the layers behind an element's text, its own first; an ancestor's opacity fades its layer too
  function background(el) {
    const layers = [];
    let image = false;
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage && style.backgroundImage !== 'none') image = true;
      const c = rgba(style.backgroundColor);
      c[3] *= opacityOf(e);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : canvasColour();
    while (layers.length) colour = over(layers.pop(), colour);
    return { colour, image };
  }
  // "plain": the same colours without any opacity, to tell a faded colour from a weak one
  function contrastOf(el) {
    const bg = background(el);
    const raw = rgba(getComputedStyle(el).color);
    const fg = over([raw[0], raw[1], raw[2], raw[3] * opacityOf(el)], bg.colour);
    return { ratio: ratio(fg, bg.colour), plain: ratio(over(raw, bg.colour), bg.colour),
             fg: hex(fg), bg: hex(bg.colour), bgImage: bg.image };
  }
  const ownText = (el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')
    .replace(/[\s·,|]+/g, ' ').trim();

  // ---- what is measured ------------------------------------------------------------
  // horizontal overflow: the outermost visible elements that reach past the viewport
  function overflowers() {
    const found = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (found.length >= 5) break;
      const r = el.getBoundingClientRect();
      if (r.right + scrollX <= innerWidth + 1 || r.width < 1 || !visible(el)) continue;
      if (el.parentElement.getBoundingClientRect().right + scrollX > innerWidth + 1) continue;
      found.push({ what: path(el), right: Math.round(r.right + scrollX), ours: ours(el) });
    }
    return found;
  }

  // the extension's elements cut off by the nearest ancestor that clips sideways (no page
  // scrollbar then, but content lost); sidebar widgets have their own check
  function clipped() {
    const found = [];
    for (const el of document.querySelectorAll('[class*="blog-"]')) {
      if (found.length >= 5) break;
      if (!blogAncestor(el) || el.closest('.blog-sidebar') || !visible(el)) continue;
      let clip = el.parentElement;
      while (clip && clip !== document.documentElement && getComputedStyle(clip).overflowX === 'visible') {
        clip = clip.parentElement;
      }
      if (!clip || clip === document.documentElement) continue;
      const b = box(el);
      const frame = innerBox(clip);
      const past = Math.max(b.right - frame.right, frame.left - b.left);
      if (past > 1) found.push({ what: path(el), by: describe(clip), past: Math.round(past) });
    }
    return found;
  }

  // the content area's h1s and every visible copy of the title in it
  function titles() {
    const root = document.querySelector('article.bd-article, [role="main"], main, .body') || document.body;
    const norm = (s) => s.replace(/\s+/g, ' ').replace(/[¶#]\s*$/, '').trim();
    const h1 = [...root.querySelectorAll('h1')].map((h) => ({ text: norm(h.textContent), visible: visible(h),
                                                              ours: ours(h) }));
    const title = (h1.find((h) => h.visible) || h1[0] || { text: '' }).text;
    // breadcrumbs and other navigation repeat titles by design: only the content counts
    const NAV = 'nav, header, aside, [role="navigation"], .breadcrumbs, .bd-breadcrumbs';
    const copies = title ? [...root.querySelectorAll('*')].filter((el) => visible(el) && !el.closest(NAV)
      && norm(el.innerText || '') === title
      && ![...el.children].some((c) => norm(c.innerText || '') === title)).map(path) : [];
    return { root: describe(root), h1, title, titleCopies: copies };
  }

  // card grids: each card's position, width, image height and text inset
  function grids() {
    return [...document.querySelectorAll('.blog-postlist-cards')].map((grid) => {
      const cards = [...grid.querySelectorAll('.blog-card')].filter(visible).map((card) => {
        const img = card.querySelector('img');
        const text = card.querySelector('.sd-card-title, p, a');
        const b = box(card);
        return { left: Math.round(b.left), top: Math.round(b.top), width: Math.round(b.width),
                 img: img ? round1(img.getBoundingClientRect().height) : null,
                 inset: text ? Math.round(box(text).left - b.left) : null };
      });
      return { width: Math.round(box(grid).width), cards };
    });
  }

  // list thumbnails (card images have their own check); one squeezed to 0 px is the
  // worst case, so only display/visibility (or a hidden entry) make one not shown
  function thumbs() {
    return [...document.querySelectorAll('img.blog-thumbnail')]
      .filter((img) => !img.closest('.blog-card') && img.checkVisibility({ visibilityProperty: true })
        && visible(img.parentElement.closest('li, div, p') || document.body))
      .map((img) => ({ what: path(img), width: round1(img.getBoundingClientRect().width),
                       height: round1(img.getBoundingClientRect().height) }));
  }

  // heroes: for "full" ones the post's h1 text (its glyphs, not its box) must lie on the image
  function textBox(el) {
    const range = document.createRange();
    range.selectNodeContents(el);
    const headerlink = el.querySelector('a.headerlink');
    if (headerlink) range.setEndBefore(headerlink);
    const r = range.getBoundingClientRect();
    return { left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY };
  }
  function heroes() {
    return [...document.querySelectorAll('.blog-hero')].filter(visible).map((hero) => {
      const section = hero.closest('section');
      const full = hero.classList.contains('blog-hero-full') || !!(section && section.classList.contains('blog-hero-full'));
      const h1 = section ? section.querySelector(':scope > h1') : null;
      const img = hero.querySelector('img');
      return { full, hero: box(img && visible(img) ? img : hero), title: h1 && visible(h1) ? textBox(h1) : null };
    });
  }

  // sidebar widgets: the horizontal extent of the widget and its descendants (a heading
  // with negative margins overflows although the widget's own box fits) against the
  // column, or the nearest box between them that clips or scrolls sideways
  const COLUMN = '.sphinxsidebar, .sidebar-drawer, .toc-drawer, .bd-sidebar-primary, .bd-sidebar-secondary, '
    + '.wy-nav-side, aside, [role="navigation"], [role="complementary"]';
  function widget(w) {
    const column = w.closest(COLUMN) || w.parentElement;
    let frame = w.parentElement;
    while (frame !== column && getComputedStyle(frame).overflowX === 'visible') frame = frame.parentElement;
    const inner = innerBox(frame);
    let worst = null;
    const extent = { left: box(w).left, right: box(w).right };
    for (const e of [w, ...w.querySelectorAll('*')]) {
      if (!visible(e)) continue;
      const b = box(e);
      const past = Math.max(b.right - inner.right, inner.left - b.left);
      if (past > (worst ? worst.past : 0)) worst = { what: describe(e), past: round1(past) };
      extent.left = Math.min(extent.left, b.left);
      extent.right = Math.max(extent.right, b.right);
    }
    return { what: [...w.classList].filter((c) => c !== 'blog-sidebar').join('.'), visible: visible(w),
             extent, frame: describe(frame), frameBox: inner, worst };
  }

  // the theme's own link colour in the content area: a plain link added for a moment. A
  // link of ours in exactly that colour on that background shows the theme's choice
  // (sphinx-rtd-theme's links are 4.19:1 on its page), which probes.py reports as the theme's
  function themeLink() {
    const root = document.querySelector('article.bd-article, [role="main"], main, .body') || document.body;
    const holder = document.createElement('p');
    const link = document.createElement('a');
    link.href = '#theme-link-probe';
    link.textContent = 'probe';
    holder.appendChild(link);
    root.appendChild(holder);
    const found = contrastOf(link);
    holder.remove();
    return found;
  }

  // contrast of bylines, dates, roles, list metadata and the blog's sidebar widgets:
  // each visible element with text of its own
  function contrasts() {
    const META = '.blog-byline, .blog-date, time, .blog-author-role, .blog-list-meta, .blog-sidebar';
    const seen = new Set();
    const found = [];
    for (const el of document.querySelectorAll(META)) {
      for (const t of [el, ...el.querySelectorAll('*')]) {
        if (seen.has(t) || !ownText(t) || !visible(t)) continue;
        seen.add(t);
        const style = getComputedStyle(t);
        found.push({ what: path(t), text: ownText(t).slice(0, 30), ours: ours(t), link: !!t.closest('a[href]'),
                     size: parseFloat(style.fontSize),
                     bold: parseInt(style.fontWeight, 10) >= 700, ...contrastOf(t) });
      }
    }
    return found;
  }

  return { innerWidth, scrollWidth: document.scrollingElement.scrollWidth, overflowers: overflowers(),
           clipped: clipped(), ...titles(), grids: grids(), thumbs: thumbs(), heroes: heroes(),
           widgets: [...document.querySelectorAll('.blog-sidebar')].map(widget), contrast: contrasts(),
           themeLink: themeLink() };
}
