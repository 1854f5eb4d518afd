#!/usr/bin/env python
"""Django's command-line utility; the same as the installed `thidua` command."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from thidua.__main__ import main  # noqa: E402

if __name__ == "__main__":
    main()
