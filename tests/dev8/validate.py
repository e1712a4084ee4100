#!/usr/bin/env python3
"""Consistency checks for this gold set: python3 validate.py, from any folder.

Runs eval/tools/validate_gold.py on this folder; the README here says what it checks.
"""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.argv = [sys.argv[0], str(HERE)]
runpy.run_path(str(HERE.parents[1] / "eval" / "tools" / "validate_gold.py"), run_name="__main__")
