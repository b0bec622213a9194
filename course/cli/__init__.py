"""Command line, for authors, administrators and paper workshops.

    python -m course validate [CONTENT_DIR]
    python -m course grade QUIZ_FILE RESPONSES_JSON [--learner NAME | --code CODE] [--record]
    python -m course certificate (--learner NAME | --code CODE) --out FILE.pdf
    python -m course verify CODE
    python -m course export --format csv|xlsx|xapi|certificats [--workshop CODE] --out FILE
    python -m course export --format gift --quiz QUIZ_ID --out FILE
    python -m course import FILE --quiz-id ID [--lesson ID] --out quizzes/ID.yaml [--force]
    python -m course handout [--module ID] --out FILE.pdf
    python -m course paper-quiz --quiz ID --out FILE.pdf [--answer-key]
    python -m course health

Every message is French and goes to stderr (stdout keeps only the results: JSON for `grade`);
a problem exits with a status and a message, never a traceback: 2 for `grade` and for usage
errors, 1 for `validate`, `certificate`, `verify`, `export`, `handout` and `paper-quiz`; `import` exits 1 when some
questions were reported (the others are written) and 2 when nothing could be read.
"""

from course.cli.main import main

__all__ = ["main"]
