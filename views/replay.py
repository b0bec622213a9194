"""Elements drawn once per loaded course and replayed on later runs.

A function decorated with `st.cache_resource` records the elements it draws; on a later call with
the same arguments Streamlit replays them without running the function: a Plotly figure is not
copied and serialised again, a long Markdown text not rebuilt. The arguments are hashed on every
call, so they are small: a loaded course is named by `course_token`, never passed to be hashed.
"""

from __future__ import annotations

import uuid

from course.content.course import Course

# Enough for every chart, glossary letter and lesson of two versions of the course.
REPLAYED_ENTRIES = 256


def course_token(course: Course) -> str:
    """A name for this loaded course, unique in the process: a course never changes once loaded
    (an edit loads a new one), so what was drawn from it can be replayed while it is current."""
    return course.derived(("replay-token",), lambda: uuid.uuid4().hex)
