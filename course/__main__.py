"""`python -m course …`: the command line (course/cli)."""

import sys

from course.cli import main

sys.exit(main())
