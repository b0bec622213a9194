// Fixes to Streamlit's own markup, applied again whenever Streamlit redraws the page:
// the page is French; its skip link, heading anchors, help, list and password buttons, sidebar, menu of pages,
// sidebar buttons, the answer grid's tool bar and the upload field speak French; the menu's sections are lists
// that screen readers and axe accept; the sidebar, which scrolls when the course has many modules, can be reached
// and scrolled with the keyboard, and, folded away, is out of the Tab order.
// It also adds one style sheet:
// - a keyboard focus ring that every control shows. Streamlit's own is a faint background (radio buttons,
//   checkboxes, page links: about 1.2:1 on white) or a half-transparent shadow (buttons: 2.5:1), below the 3:1
//   that WCAG 1.4.11 asks of a focus indicator; this one is the theme's dark blue, 7:1 on white and on grey;
// - page links, and the menu's titles, wrap instead of being cut short (« Relire le module « Étude de cas : les
//   ONG sur Faceb » on a phone);
// - radio buttons, checkboxes, toggles and the password field's « show » button are at least 24 px tall, the
//   smallest target WCAG 2.5.8 allows a finger (one-line options were 21 px, stacked without a gap);
// - on a phone, Plotly's tool bar, always shown on touch screens, no longer covers the chart's title and
//   legend (zoom and pan are for a mouse; the full-screen button, Streamlit's, stays).
(() => {
  if (window.courseFixesInstalled) return;
  window.courseFixesInstalled = true;
  const STYLE = `
a:focus-visible, button:focus-visible, summary:focus-visible, [role="tab"]:focus-visible,
[data-testid="stMain"]:focus-visible, [data-testid="stSidebarContent"]:focus-visible,
label[data-focus-visible], [role="option"][data-focus-visible],
[data-testid="stTextInputRootElement"]:has(input[data-focus-visible]),
[data-testid="stTextAreaRootElement"]:has(textarea[data-focus-visible]),
[role="group"]:has(> input[role="combobox"][data-focus-visible]) {
  outline: 2px solid #1F4E9A !important;
  outline-offset: 2px !important;
}
[role="option"][data-focus-visible], [data-testid="stMain"]:focus-visible,
[data-testid="stSidebarContent"]:focus-visible { outline-offset: -2px !important; }
[data-testid="stPageLink-NavLink"] *, [data-testid="stSidebarNavLink"] *, [data-testid="stNavSectionHeader"] * {
  white-space: normal; overflow: visible; text-overflow: clip;
}
[data-testid="stPageLink-NavLink"], [data-testid="stSidebarNavLink"] { height: auto; }
[data-testid="stRadioOption"], [data-testid="stCheckbox"] label,
[data-testid="stTextInputRootElement"] button,
[data-testid="stPlotlyChart"] .modebar-btn { min-height: 24px; }
[data-testid="stMultiSelect"] button, [data-testid="stMultiSelect"] input { min-width: 24px; min-height: 24px; }
@media (max-width: 640px) {
  [data-testid="stPlotlyChart"] .modebar-container { display: none !important; }
  [data-testid="stMarkdownContainer"] :is(td, th) { padding: 6px 6px; }
}`;
  const LABELS = {
    '[data-testid="stSidebar"]': "Menu du cours",
    '[data-testid="stExpandSidebarButton"]': "Ouvrir le menu du cours",
    '[data-testid="stSidebarCollapseButton"] button': "Fermer le menu du cours",
    '[data-testid="stMainMenuButton"]': "Menu de l'application",
    'button[aria-label="Show password"]': "Afficher le mot de passe",
    'button[aria-label="Hide password"]': "Masquer le mot de passe",
    // The answer grid's tool bar (views/trainer_paper.py) and the upload field
    '[data-testid="stElementToolbar"] button[aria-label="Add row"]': "Ajouter une ligne",
    '[data-testid="stElementToolbar"] button[aria-label="Delete row(s)"]': "Supprimer les lignes choisies",
    '[data-testid="stElementToolbar"] button[aria-label="Clear selection"]': "Désélectionner",
    '[data-testid="stElementToolbar"] button[aria-label="Show/hide columns"]': "Afficher ou masquer des colonnes",
    '[data-testid="stElementToolbar"] button[aria-label="Search"]': "Rechercher",
    '[data-testid="stElementToolbar"] button[aria-label="Fullscreen"]': "Plein écran",
    '[data-testid="stElementToolbar"] button[aria-label="Close fullscreen"]': "Quitter le plein écran",
    'input[data-testid="stFileUploaderDropzoneInput"]': "Choisir un fichier",
  };
  // Words Streamlit writes in English inside its widgets: the upload button, the limit under it.
  const TEXTS = [
    ['[data-testid="stFileUploaderDropzone"] button p', /^Upload$/, () => "Choisir un fichier"],
    ['[data-testid="stFileUploaderDropzoneInstructions"] span', /^(\d+)\s*MB per file/,
      (match, text) => text.replace(match[0], `${match[1]}\u00a0Mo par fichier`)],
  ];
  let sidebarFolded = null;
  const apply = () => {
    document.documentElement.lang = "fr";
    if (!document.getElementById("course-style")) {
      const style = document.createElement("style");
      style.id = "course-style";
      style.textContent = STYLE;
      document.head.appendChild(style);
    }
    const skip = document.querySelector('a[href="#stMain"]');
    if (skip && skip.textContent !== "Aller au contenu") skip.textContent = "Aller au contenu";
    for (const [selector, label] of Object.entries(LABELS)) {
      for (const element of document.querySelectorAll(selector)) {
        if (element.getAttribute("aria-label") !== label) element.setAttribute("aria-label", label);
      }
    }
    for (const [selector, english, french] of TEXTS) {
      for (const element of document.querySelectorAll(selector)) {
        const text = element.firstChild;  // the text node React keeps: changed in place, not replaced
        const match = text && text.nodeType === Node.TEXT_NODE && text.nodeValue.match(english);
        if (match) text.nodeValue = french(match, text.nodeValue);
      }
    }
    for (const anchor of document.querySelectorAll('a[aria-label="Link to heading"]')) {
      anchor.setAttribute("aria-label", "Lien vers ce titre");
    }
    for (const help of document.querySelectorAll('button[aria-label^="Help for "]')) {
      help.setAttribute("aria-label", `Aide\u202f: ${help.getAttribute("aria-label").slice(9)}`);
    }
    for (const open of document.querySelectorAll('button[aria-label="Open"][aria-haspopup="listbox"]')) {
      open.setAttribute("aria-label", "Ouvrir la liste");
    }
    for (const remove of document.querySelectorAll('[data-testid="stMultiSelect"] button[aria-label^="Remove "]')) {
      remove.setAttribute("aria-label", `Retirer ${remove.getAttribute("aria-label").slice(7)}`);
    }
    for (const clear of document.querySelectorAll('[data-testid="stMultiSelect"] button[aria-label="Clear all"]')) {
      clear.setAttribute("aria-label", "Tout retirer");
    }
    // Streamlit's menu of pages puts each section (a header and its links) in a div inside its list, which
    // axe's `list` and `listitem` rules refuse (a list holds list items only). Each section becomes a list named
    // after its header, and the outer list and the links outside a section carry no list role: only attributes
    // change, never the nodes React draws.
    const menu = document.querySelector('[data-testid="stSidebarNav"]');
    if (menu && menu.getAttribute("aria-label") !== "Pages du cours") menu.setAttribute("aria-label", "Pages du cours");
    const items = document.querySelector('[data-testid="stSidebarNavItems"]');
    if (items) {
      items.setAttribute("role", "none");
      for (const child of items.children) {
        const header = child.tagName === "DIV" && child.querySelector('[data-testid="stNavSectionHeader"]');
        if (!header) {
          child.setAttribute("role", "none");
          continue;
        }
        header.setAttribute("role", "none");
        child.setAttribute("role", "list");
        const name = header.textContent.trim();
        if (child.getAttribute("aria-label") !== name) child.setAttribute("aria-label", name);
      }
    }
    // Folded away (always, at first, on a phone), the sidebar is off screen, yet its links stayed in the Tab
    // order: 21 invisible stops before the button that opens it. Folded, it is inert. The button that folds or
    // unfolds it disappears once used: the keyboard focus, left on nothing, goes to the sidebar just opened, or
    // to the button that opens it again.
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    const content = document.querySelector('[data-testid="stSidebarContent"]');
    if (content && content.getAttribute("tabindex") !== "0") {
      content.setAttribute("tabindex", "0");
      content.setAttribute("aria-label", "Liste des pages du cours");
    }
    if (sidebar) {
      const unfold = document.querySelector('[data-testid="stExpandSidebarButton"]');
      const folded = unfold !== null && unfold.getAttribute("aria-expanded") !== "true";
      if (sidebar.inert !== folded) {
        sidebar.inert = folded;
        const focused = document.activeElement;
        const lost = !focused || focused === document.body || sidebar.contains(focused);
        if (lost && sidebarFolded === true && !folded && content) content.focus();
        if (lost && sidebarFolded === false && folded) unfold.focus();
      }
      sidebarFolded = folded;  // null until the sidebar is first seen: no focus moved on arrival
    }
  };
  // On a phone the menu covers the page, and Streamlit leaves it open once a page is chosen: the new page stayed
  // hidden under it. A link followed in the menu folds it on a narrow screen.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element
      && event.target.closest('[data-testid="stSidebar"] [data-testid="stSidebarNavLink"]');
    if (!link || !window.matchMedia("(max-width: 767.98px)").matches) return;
    document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click();
  }, true);
  apply();
  new MutationObserver(apply).observe(document.body, { childList: true, characterData: true, subtree: true });
})();
