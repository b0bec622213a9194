"""app.py under pyinstrument, for bench/suite/'s profiles of the pages that miss their target.

`streamlit run bench/profiled_app.py` with $BENCH_PROFILE_DIR set: each script run executes
app.py in the run's own thread under a profiler and saves the profile there (one file a run).
Not for learners: a benchmark tool only.
"""

import os
import runpy
import time
from pathlib import Path

from pyinstrument import Profiler

profiler = Profiler(interval=0.001)
profiler.start()
try:
    runpy.run_path(str(Path(__file__).resolve().parent.parent / "app.py"), run_name="__main__")
finally:
    profiler.stop()
    folder = Path(os.environ["BENCH_PROFILE_DIR"])
    profiler.last_session.save(str(folder / f"{time.time_ns()}.pyisession"))
