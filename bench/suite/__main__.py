"""`python -m bench.suite`: see bench/suite/__init__.py."""

from bench.suite.main import main

main()
