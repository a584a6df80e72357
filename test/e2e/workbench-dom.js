// Runs inside the workbench page (injected by test/e2e/run.ts with page.addInitScript): reads
// what a person sees in the VS Code DOM. Plain JavaScript so that the project's type-check,
// which has no DOM library, does not need one. Everything is read-only.
(() => {
  /** The text editor of the active editor group. */
  function editor() {
    return (
      document.querySelector('.editor-group-container.active .editor-instance .monaco-editor') ??
      document.querySelector('.editor-instance .monaco-editor')
    );
  }

  const px = (el) => parseFloat(el.style.top || '0');

  /** Line numbers in the gutter with their `top` (only the lines rendered, i.e. near the viewport). */
  function gutter(ed) {
    return [...ed.querySelectorAll('.margin-view-overlays .line-numbers')]
      .map((el) => ({ n: parseInt(el.textContent.trim(), 10), top: px(el.parentElement) }))
      .filter((g) => Number.isFinite(g.n))
      .sort((a, b) => a.top - b.top);
  }

  /**
   * The rendered parts of line `n` (1-based): its text (spaces as rendered) and its token spans
   * with their computed colours; null when the line is not rendered (scrolled away).
   */
  function line(n) {
    const ed = editor();
    if (!ed) return null;
    const g = gutter(ed);
    const i = g.findIndex((x) => x.n === n);
    if (i < 0) return null;
    const top = g[i].top;
    const next = i + 1 < g.length ? g[i + 1].top : Infinity;
    const rows = [...ed.querySelectorAll('.view-lines .view-line')]
      .filter((el) => px(el) >= top && px(el) < next)
      .sort((a, b) => px(a) - px(b));
    const spans = [];
    for (const row of rows) {
      for (const s of row.querySelectorAll('span > span')) {
        if (!s.textContent) continue;
        const style = getComputedStyle(s);
        spans.push({
          text: s.textContent.replace(/\u00a0/g, ' '),
          className: s.className,
          color: style.color,
          // A text decoration (per-speaker colours underline each label): its colour, else null.
          underline: style.textDecorationLine.includes('underline') ? style.textDecorationColor : null,
        });
      }
    }
    return { text: spans.map((s) => s.text).join(''), spans };
  }

  /** The editor's plain text colour (what unhighlighted text is drawn in). */
  function plainColor() {
    const ed = editor();
    const lines = ed && ed.querySelector('.view-lines');
    return lines ? getComputedStyle(lines).color : null;
  }

  /** Rows of a tree/list, with their level and the name and description of their label. */
  function rows(selector) {
    return [...document.querySelectorAll(selector)]
      .map((r) => ({
        index: parseInt(r.getAttribute('data-index') ?? '-1', 10),
        level: parseInt(r.getAttribute('aria-level') ?? '0', 10),
        ariaLabel: r.getAttribute('aria-label') ?? '',
        name: (r.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
        text: (r.textContent ?? '').trim(),
      }))
      .sort((a, b) => a.index - b.index);
  }

  globalThis.__e2e = {
    line,
    plainColor,
    outlineRows: () => rows('.outline-pane .monaco-list-row'),
    problemRows: () => rows('.markers-panel .monaco-list-row'),
    actionRows: () =>
      [...document.querySelectorAll('.action-widget .monaco-list-row')].map((r) => ({
        label: r.getAttribute('aria-label') ?? (r.textContent ?? '').trim(),
        header: r.classList.contains('group-header'),
        disabled: r.classList.contains('option-disabled') || r.getAttribute('aria-disabled') === 'true',
      })),
  };
})();
