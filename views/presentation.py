"""Mode présentation: a module as slides for the room, for the trainer only.

The module and the slide live in the URL (`?module=bases&diapositive=3`), so a reload or a shared
link shows the same slide; course/content/slides.py cuts the lesson and checks those values. Big type is
scoped to this page's slide container; the trainer's notes and the workshop's join code appear
only when their toggle is on, because the screen is projected.
"""

from __future__ import annotations

import streamlit as st

from course.content.charts import build_figure, chart_rows, data_table
from course.content.course import BrokenLesson, Course
from course.content.exercise_registry import EXERCISES
from course.content.lesson import Block, Embed, Lesson
from course.content.slides import Slide, choose_module, choose_slide, lesson_slides
from views.blocks import show_block, show_markdown
from views.charts import PLOTLY_CONFIG
from views.join_card import show_current_join_card
from views.kept import get_course
from views.page import show_content_errors, url_value
from views.site import Site
from views.trainer_access import trainer_gate

MODULE_PARAM, SLIDE_PARAM = "module", "diapositive"
MODULE_KEY = "presentation:module"
NOTES_KEY = "presentation:notes"
JOIN_KEY = "presentation:join"
SLIDE_KEY = "slide"  # the slide's container: CSS class `st-key-slide`
CHART_HEIGHT = 600  # pixels, against Streamlit's 450
# A new slide starts at its top, even after scrolling down the previous one: the comment names the
# slide, so the browser sees new HTML and runs the script again whenever the slide changes.
SCROLL_TO_TOP = """<script>/* {slide} */
document.querySelector('[data-testid="stMain"]')?.scrollTo({{top: 0}});
</script>"""

# Read from the back of a room: every selector is inside this page's own keyed containers, so
# no other page changes (the title shrinks to a label only while a slide is shown). Streamlit's
# hint of a button's shortcut (an English-labelled <kbd>, below contrast on the primary button)
# is hidden: the French line under the buttons says it.
PRESENTATION_STYLE = """<style>
.stMain .st-key-slide [data-testid="stMarkdownContainer"] :is(p, li, td, th) {
  font-size: 1.7rem; line-height: 1.45; }
.stMain .st-key-slide [data-testid="stMarkdownContainer"] li { margin-bottom: 0.3em; }
.stMain .st-key-slide h2 { font-size: 2.8rem; line-height: 1.2; padding-top: 0.2rem; }
.stMain .st-key-slide [data-testid="stMarkdownContainer"] h3 { font-size: 2.1rem; }
.stMain .st-key-slide [data-testid="stMarkdownContainer"] h4 { font-size: 1.8rem; }
.stMain .st-key-slide [data-testid="stCaptionContainer"] p { font-size: 1.3rem; }
.stMain .st-key-slide [data-testid="stExpander"] summary p { font-size: 1.2rem; }
.stMain .st-key-slide [data-testid="stExpander"] :is(p, li, td, th) { font-size: 1.1rem; }
.stMain .slide-counter { font-size: 1.3rem; font-weight: 600; text-align: center; margin: 0; }
.stMain :is(.st-key-slide-previous, .st-key-slide-next) kbd { display: none; }
.stMain:has(.st-key-slide) h1 { font-size: 1.5rem; padding: 0 0 0.5rem; }
</style>"""


def _go_to(slug: str, number: int) -> None:
    """Keep the module and the slide in the URL (a button's or the module list's callback)."""
    st.query_params[MODULE_PARAM] = slug
    st.query_params[SLIDE_PARAM] = str(number)


def _picked_module() -> None:
    _go_to(st.session_state[MODULE_KEY], 1)


def _module_slug(module: Lesson | BrokenLesson) -> str:
    return module.slug if isinstance(module, BrokenLesson) else module.id


def _module_label(module: Lesson | BrokenLesson, number: int) -> str:
    if isinstance(module, BrokenLesson):
        return f"{number}. Module indisponible ({module.file})"
    return f"{number}. {module.meta.title}"


def _toolbar(course: Course, slug: str) -> tuple[bool, bool]:
    """The module list and the two toggles; returns (show notes, show the join code)."""
    modules = course.modules
    labels = {_module_slug(m): _module_label(m, n) for n, m in enumerate(modules, start=1)}
    st.session_state[MODULE_KEY] = slug  # the URL decides; the list follows it
    picker, notes, join = st.columns([5, 3, 4], vertical_alignment="bottom")
    picker.selectbox(
        "Module à présenter",
        list(labels),
        format_func=labels.__getitem__,
        key=MODULE_KEY,
        on_change=_picked_module,
    )
    showing_notes = notes.toggle("Afficher mes notes", key=NOTES_KEY)
    showing_join = join.toggle("Afficher le code d'accès à l'atelier", key=JOIN_KEY)
    return showing_notes, showing_join


def _navigation(slug: str, slide: Slide, count: int) -> None:
    """Previous / next (Tab, Enter, or a remote clicker's PageUp / PageDown) and the counter."""
    previous, counter, following = st.columns([2, 3, 2], vertical_alignment="center")
    previous.button(
        "Diapositive précédente",
        icon=":material/arrow_back:",
        key="slide-previous",
        shortcut="PageUp",
        disabled=slide.number == 1,
        on_click=_go_to,
        args=(slug, slide.number - 1),
        width="stretch",
    )
    counter.markdown(
        f'<p class="slide-counter" role="status">Diapositive {slide.number} sur {count}</p>',
        unsafe_allow_html=True,
    )
    following.button(
        "Diapositive suivante",
        icon=":material/arrow_forward:",
        key="slide-next",
        shortcut="PageDown",
        disabled=slide.number == count,
        on_click=_go_to,
        args=(slug, slide.number + 1),
        width="stretch",
        type="primary",
    )
    st.caption(
        "Au clavier ou avec une télécommande de présentation\u202f: touches Page précédente "
        "et Page suivante."
    )


def _chart(course: Course, embed: Embed, index: int) -> None:
    """A taller chart with bigger type; its description and data one click away."""
    spec = course.chart(embed.target)
    if spec is None:
        st.warning(f"Graphique «\u00a0{embed.target}\u00a0» introuvable.")
        return
    figure = build_figure(spec, course.stats)
    figure.update_layout(height=CHART_HEIGHT, font={"size": 22}, title={"font": {"size": 28}})
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key=f"slide-chart-{index}-{spec.id}")
    if embed.caption or spec.caption:
        st.caption(embed.caption or spec.caption or "")
    with st.expander("Description et données du graphique"):
        st.markdown(spec.alt)
        st.table(data_table(chart_rows(spec, course.stats)).set_index("Périmètre"))


def _slide_block(block: Block, course: Course, index: int) -> None:
    """A visible block, drawn big; an exercise becomes a line pointing to the module page."""
    if isinstance(block, Embed) and block.kind == "chart":
        _chart(course, block, index)
    elif isinstance(block, Embed) and block.kind == "exercise":
        title = EXERCISES.get(block.target, block.target)
        st.info(f"Exercice à faire sur le module\u202f: **{title}**", icon=":material/edit_note:")
    else:
        show_block(block, course, presenting=True)


def _show_slide(slide: Slide, course: Course, module_number: int, module_count: int) -> None:
    with st.container(key=SLIDE_KEY):
        if slide.is_title_slide:
            st.caption(f"Module {module_number} sur {module_count} · {slide.subtitle}")
        st.header(slide.title, anchor=False)
        for index, block in enumerate(slide.blocks):
            _slide_block(block, course, index)
        if slide.objectives:
            with st.container(border=True):
                st.markdown(
                    "**Dans ce module, vous allez\u202f:**\n"
                    + "\n".join(f"- {objective}" for objective in slide.objectives)
                )


def _show_notes(slide: Slide, course: Course) -> None:
    with st.container(border=True, key="slide-notes"):
        st.markdown("**Mes notes pour cette diapositive**")
        if not slide.notes:
            st.caption("Pas de notes pour cette diapositive.")
        for note in slide.notes:
            show_markdown(note, course)


def _present(lesson: Lesson, course: Course, wanted_slide: str | None, notes: bool) -> None:
    slides = lesson_slides(lesson)
    choice = choose_slide(wanted_slide, len(slides))
    if choice.problem:
        st.warning(choice.problem, icon=":material/info:")
    slide = slides[choice.value - 1]
    if url_value(SLIDE_PARAM) != str(slide.number):
        st.query_params[SLIDE_PARAM] = str(slide.number)
    _navigation(lesson.id, slide, len(slides))
    numbers = [_module_slug(m) for m in course.modules]
    _show_slide(slide, course, numbers.index(lesson.id) + 1, len(numbers))
    if notes:
        _show_notes(slide, course)
    st.html(SCROLL_TO_TOP.format(slide=f"{lesson.id} {slide.number}"), unsafe_allow_javascript=True)


def presentation_page(site: Site) -> None:
    """Slides of a module, for the trainer only."""
    st.title("Mode présentation")
    if not trainer_gate():
        return
    st.set_page_config(layout="wide")  # additive since Streamlit 1.4x; app.py resets it each run
    st.html(PRESENTATION_STYLE)
    course = get_course()
    slugs = [_module_slug(m) for m in course.modules]
    if not slugs:
        st.warning("Ce cours n'a encore aucun module à présenter.")
        return
    module_choice = choose_module(url_value(MODULE_PARAM) or None, slugs)
    slug = module_choice.value
    if url_value(MODULE_PARAM) != slug:
        st.query_params[MODULE_PARAM] = slug
    notes, join = _toolbar(course, slug)
    if join:
        show_current_join_card()
    if module_choice.problem:
        st.warning(module_choice.problem, icon=":material/info:")
    module = course.modules[slugs.index(slug)]
    if isinstance(module, BrokenLesson):
        st.query_params.pop(SLIDE_PARAM, None)
        show_content_errors(
            module.errors,
            "Ce module ne peut pas s'afficher en présentation\u202f: son fichier contient des "
            "erreurs.",
        )
        return
    wanted_slide = None if module_choice.problem else url_value(SLIDE_PARAM) or None
    _present(module, course, wanted_slide, notes)
