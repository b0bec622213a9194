"""The interactive exercises a lesson embeds: one module of widgets per exercise, the core
(course/exercises/) computes; state.py keeps what the learner typed and saves results.

A new exercise: its logic in course/exercises/, its id and title in
course/content/exercise_registry.py, its widgets in a module here, one line in DRAWERS.
Settings that cannot be read are shown with views.page.show_content_errors (imported at the top:
views.blocks imports this package, so nothing here may import views.blocks).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from course.content.course import Course
from course.content.exercise_registry import EXERCISES
from course.exercises import advisor as advisor_logic
from course.exercises import checklist as checklist_logic
from course.exercises import engagement as engagement_logic
from course.exercises import gift as gift_logic
from course.exercises import image_consent as image_consent_logic
from course.exercises import image_description as image_description_logic
from course.exercises import moderation_charter as moderation_charter_logic
from course.exercises import phishing as phishing_logic
from course.exercises import tweet as tweet_logic
from views.exercises import advisor as advisor_view
from views.exercises import checklist as checklist_view
from views.exercises import engagement as engagement_view
from views.exercises import gift as gift_view
from views.exercises import image_consent as image_consent_view
from views.exercises import image_description as image_description_view
from views.exercises import moderation_charter as moderation_charter_view
from views.exercises import phishing as phishing_view
from views.exercises import tweet as tweet_view

DRAWERS: dict[str, Callable[[Course], None]] = {
    tweet_logic.EXERCISE_ID: tweet_view.draw,
    gift_logic.EXERCISE_ID: gift_view.draw,
    advisor_logic.EXERCISE_ID: advisor_view.draw,
    checklist_logic.EXERCISE_ID: checklist_view.draw,
    image_consent_logic.EXERCISE_ID: image_consent_view.draw,
    image_description_logic.EXERCISE_ID: image_description_view.draw,
    moderation_charter_logic.EXERCISE_ID: moderation_charter_view.draw,
    phishing_logic.EXERCISE_ID: phishing_view.draw,
    engagement_logic.EXERCISE_ID: engagement_view.draw,
}


def show_exercise(exercise_id: str, course: Course) -> None:
    """One exercise in its own box, titled from the registry."""
    draw = DRAWERS.get(exercise_id)
    if draw is None or exercise_id not in EXERCISES:
        st.warning(f"Exercice « {exercise_id} » introuvable.", icon=":material/construction:")
        return
    with st.container(border=True):
        st.subheader(f"Exercice : {EXERCISES[exercise_id]}")
        draw(course)
