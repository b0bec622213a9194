"""The benchmark suite: every figure beside the hello-world app (bench/hello_app.py), one command.

How to run it, from the project folder (Chromium: $COURSE_CHROMIUM, else Debian's headless build,
else /usr/bin/chromium):

    .venv/bin/python -m bench.suite            # full run (the page bursts take most of it)
    .venv/bin/python -m bench.suite --quick    # fewer repetitions
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
   state named: a visitor on the home page, on module 1 (`bases`, text), on module 3
   (`chiffres`, with its charts), on Chiffres clés, on the glossary as first opened (every term)
   and typing in its search box; a learner (`?reprise=`, then « C'est moi ») on a quiz with a
   started attempt, on a finished quiz's results and on « Mon parcours » with five modules done;
   the trainer (COURSE_TRAINER_PASSWORD set, signed in through the form) on the dashboard with a
   workshop opened from its form, 30 participants and a live question, and on the presentation
   page. Median and p95 of `--reruns` reruns each, round-robin with hello-world's session.
   A session never reruns within 100 ms of its previous run: with this Streamlit, a rerun asked
   less than about 45 ms after the last one waits some 40 ms more, hello-world's too, which
   nobody clicking sees but would drown a 3 ms floor.
2. Bursts (bench/suite/bursts.py): 50 sessions rerunning one page at once, several rounds, on
   every page kind: home, module 1 (text), module 3 (charts), Chiffres clés, the glossary as
   first opened (every term) and with a search, a quiz in progress and « Mon parcours » (each
   session its own learner, bench/suite/world.py), the trainer's dashboard with a live question
   (each session signed in). Each against the course served by one process (direct, as
   scripts/run serves it and as hello-world is served) and by two behind nginx
   (tools/nginx_balancer.py, as scripts/run-multi 2); between the rounds, rounds of 50
   hello-world sessions: a burst's ratio is its p95 over hello-world's burst p95. Also the
   servers' CPU time per run (/proc/<pid>/stat) and, on the quiz page with one process, the
   resident memory (VmRSS) with one warm session, then with the 50 more: each extra session.
3. Phones (bench/suite/phones.py): 50 participants' sessions on « Rejoindre un atelier » poll
   the live question as the browser does (the fragment rerun every second) and answer it; a
   question is launched in the database; how long until each phone sees it, p50 and p95, with
   one process and with two behind nginx.
4. Cold start: from starting `streamlit run` to the home page drawn in Chromium (the PAGE_DRAWN
   condition of tests/e2e/conftest.py; for hello-world, its title and no running script), a
   new browser context each time; « serveur prêt » is when /_stcore/health first answers.
5. Batch work, in this process: `python -m course validate` as a subprocess (what an author
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
