"""The benchmark suite: every figure beside the hello-world app (bench/hello_app.py), one command.

How to run it, from the project folder (Chromium at /usr/bin/chromium or $COURSE_CHROMIUM):

    .venv/bin/python -m bench.suite            # full run (about 5 minutes on 2 cores)
    .venv/bin/python -m bench.suite --quick    # fewer repetitions (about 2 minutes)
    .venv/bin/python -m bench.suite --only pages,burst --no-profile   # some parts, printed only

It prints a Markdown table (French) and, when every part ran, writes it to bench/RESULTS.md with
the machine, the load average at the start and the date; under the table, for each missed
target, why, and the top of a pyinstrument profile. Note the load average: other work on the
machine slows everything down. Nothing here asserts a timing: these are measurements, not tests.

Every figure is measured in the same run as hello-world's, interleaved with it where it can be,
so that a machine busy with other work slows both alike:

1. Rerun time of each kind of page, over real websocket sessions against `streamlit run`
   (bench/ws_pages.py speaks the browser's protocol): a rerun is timed from the request to the
   server's « script finished », so it counts all the server's work for a run: the script,
   serialising and queueing every element, the session's bookkeeping. AppTest would time the
   script alone, with no serialisation for a browser. Each page has its own session, in the
   state named: a visitor on the home page, on module 3 (`chiffres`, with its charts) and
   typing in the glossary's search box; a signed-in learner (`?reprise=`) on a quiz with a
   started attempt, on a finished quiz's results and on « Mon parcours » with five modules done;
   the trainer (COURSE_TRAINER_PASSWORD set, signed in through the form) on the dashboard with a
   workshop opened from its form, 30 participants and a live question, and on the presentation
   page. Median and p95 of `--reruns` reruns each, round-robin with hello-world's session.
   A session never reruns within 100 ms of its previous run: with this Streamlit, a rerun asked
   less than about 45 ms after the last one waits some 40 ms more, hello-world's too, which
   nobody clicking sees but would drown a 3 ms floor.
2. A burst: 50 sessions (50 learners, each with a started attempt) rerunning the quiz page at
   once, several rounds, against 50 sessions of hello-world; p50, p95, the server's CPU time
   per run (/proc/<pid>/stat), and its resident memory (VmRSS of /proc/<pid>/status) with one
   warm session, then with the 50 more after the rounds: the cost of each extra session.
3. Cold start: from starting `streamlit run` to the home page drawn in Chromium (the PAGE_DRAWN
   condition of tests/e2e/conftest.py; for hello-world, its title and no running script), a
   new browser context each time; « serveur prêt » is when /_stcore/health first answers.
4. Batch work, in this process: `python -m course validate` as a subprocess (what an author
   waits for, Python's start-up included) and in process (`validate()`: load_course and its
   cross-reference checks); grading 10 000 filled-in quizzes with grade_quiz; reading 10 000
   finished attempts (bulk-inserted in a temporary SQLite store, bench/suite_data.py) as group
   results and exporting them to CSV and XLSX (course/results/exports/spreadsheets.py); 100 certificates
   in a zip (bench/certificates.py's names and data), after the process's first certificate.
   No hello-world ratio means anything there: the table says « sans objet ».

Profiles of the pages are taken inside a real server (bench/profiled_app.py runs app.py under
pyinstrument, one profile per run); the cold start's is that of the server's first run.
Each run of the suite uses a fresh SQLite database and static folder in a temporary directory,
filled through the course's own Store, Attempt and Workshops APIs (bench/suite_data.py).
"""
