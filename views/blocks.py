"""A lesson's blocks, drawn: Markdown with glossary links, callouts, trainer notes, and the
embedded charts, mock-ups, illustrations and exercises."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from course.content.course import Course
from course.content.glossary import link_glossary_terms
from course.content.lesson import Block, Callout, Embed, MarkdownBlock, TrainerNotes
from views.charts import show_chart
from views.exercises import show_exercise
from views.mockups import show_illustration, show_mockup

CALLOUT_ICONS = {
    "a-retenir": ":material/push_pin:",
    "aujourdhui": ":material/update:",
    "conseil": ":material/lightbulb:",
    "exemple": ":material/visibility:",
    "attention": ":material/warning:",
}


def show_markdown(text: str, course: Course) -> None:
    """Author Markdown with `[[terme]]` turned into glossary links."""
    st.markdown(link_glossary_terms(text, course.glossary_index))


def show_block(block: Block, course: Course, presenting: bool = False) -> None:
    """Draw one block of a lesson section."""
    if isinstance(block, MarkdownBlock):
        show_markdown(block.text, course)
    elif isinstance(block, Callout):
        with st.container(border=True):  # its title and text in one element
            title = f"{CALLOUT_ICONS.get(block.kind, '')} **{block.title}**"
            show_markdown(f"{title}\n\n{block.text}", course)
    elif isinstance(block, TrainerNotes):
        if presenting:
            with st.expander("Notes du formateur", icon=":material/school:"):
                show_markdown(block.text, course)
    elif isinstance(block, Embed) and block.kind == "chart":
        show_chart(course, block.target, block.caption)
    elif isinstance(block, Embed) and block.kind == "mockup":
        show_mockup(course, block.target, block.caption, presenting)
    elif isinstance(block, Embed) and block.kind == "illustration":
        show_illustration(course, block.target, block.caption, presenting)
    elif isinstance(block, Embed) and block.kind == "exercise":
        show_exercise(block.target, course)


def show_blocks(blocks: Sequence[Block], course: Course, presenting: bool = False) -> None:
    """Draw the blocks of one section in order."""
    for block in blocks:
        show_block(block, course, presenting)
