"""Every page of the app, declared once: its address, its French title and icon, the sidebar
section that lists it, and the page function that draws it, found by name.

views/site.py builds the app's navigation from this list, and the tests read it to visit every
page. It imports no page module, nor Streamlit: a page's module is imported when the page is
first shown (`PageSpec.view`), so a visitor's first page does not wait for the libraries of
every other page (pandas for the tables, the exports, the PDF).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page: `function(*args)` of views/`module` draws it."""

    name: str  # how views link to it: `site.page(name)`
    url_path: str
    title: str
    icon: str
    module: str
    function: str
    section: str  # its sidebar section ("": above the sections)
    needs_site: bool = True  # the page function takes the run's `Site`
    default: bool = False  # the page at the app's root address

    def find_function(self) -> Callable[..., None]:
        """The page function, its module imported now."""
        function: Callable[..., None] = getattr(
            importlib.import_module(f"views.{self.module}"), self.function
        )
        return function

    def view(self, *args: object) -> Callable[[], None]:
        """A callable for `st.Page` that runs the page function with `args`, importing its
        module only when the page is first shown."""

        def view() -> None:
            self.find_function()(*args)

        slug = next((arg for arg in args if isinstance(arg, str)), "")
        view.__name__ = f"{self.function}_{slug.replace('-', '_')}" if slug else self.function
        return view


# The sidebar's sections, in order (French titles): `PAGES` fill them, the modules go in
# `LESSON_PAGE.section`.
SECTIONS = ("", "Modules", "Outils", "Votre parcours", "À propos", "Formateur")

PAGES = (
    PageSpec("home", "accueil", "Accueil", ":material/home:", "home", "home_page", "", default=True),
    PageSpec("glossary", "glossaire", "Glossaire", ":material/dictionary:", "glossary", "glossary_page", "Outils"),
    PageSpec("figures", "chiffres-cles", "Chiffres clés", ":material/bar_chart:", "figures", "figures_page", "Outils", needs_site=False),
    PageSpec("evaluation", "evaluation", "Évaluation", ":material/quiz:", "evaluation", "evaluation_page", "Votre parcours"),
    PageSpec("journey", "mon-parcours", "Mon parcours", ":material/route:", "journey", "journey_page", "Votre parcours"),
    PageSpec("workshop", "atelier", "Rejoindre un atelier", ":material/groups:", "workshop", "workshop_page", "Votre parcours"),
    PageSpec("verification", "verification", "Vérifier une attestation", ":material/verified:", "verification", "verification_page", "À propos", needs_site=False),
    PageSpec("privacy", "confidentialite", "Confidentialité", ":material/shield:", "privacy", "privacy_page", "À propos", needs_site=False),
    PageSpec("trainer", "espace-formateur", "Espace formateur", ":material/co_present:", "trainer", "trainer_page", "Formateur"),
    PageSpec("presentation", "presentation", "Mode présentation", ":material/slideshow:", "presentation", "presentation_page", "Formateur"),
)  # fmt: skip

# One page per module of the course: its address is the lesson's id, its title « 3. Titre »;
# `lesson_page(slug, site)` draws it.
LESSON_PAGE = PageSpec("lesson", "", "", ":material/menu_book:", "lesson", "lesson_page", "Modules")
