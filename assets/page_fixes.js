// Fixes to Streamlit's own markup, applied again whenever Streamlit redraws the page:
// the page is French, its skip link, heading anchors and sidebar speak French, and the sidebar, which scrolls
// when the course has many modules, can be reached and scrolled with the keyboard.
(() => {
  if (window.courseFixesInstalled) return;
  window.courseFixesInstalled = true;
  const apply = () => {
    document.documentElement.lang = "fr";
    const skip = document.querySelector('a[href="#stMain"]');
    if (skip && skip.textContent !== "Aller au contenu") skip.textContent = "Aller au contenu";
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    if (sidebar && sidebar.getAttribute("aria-label") !== "Menu du cours") sidebar.setAttribute("aria-label", "Menu du cours");
    for (const anchor of document.querySelectorAll('a[aria-label="Link to heading"]')) {
      anchor.setAttribute("aria-label", "Lien vers ce titre");
    }
    const content = document.querySelector('[data-testid="stSidebarContent"]');
    if (content && content.getAttribute("tabindex") !== "0") {
      content.setAttribute("tabindex", "0");
      content.setAttribute("aria-label", "Liste des pages du cours");
    }
  };
  apply();
  new MutationObserver(apply).observe(document.body, { childList: true, subtree: true });
})();
