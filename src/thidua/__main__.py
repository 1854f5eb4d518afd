"""The `thidua` command: Django's manage.py under the project's own name.

Commands whose public name has a hyphen (``thidua parse-plan``) map to Django
command modules with an underscore, since Python modules cannot contain one.
"""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["parse-plan"]:
        # The parser is pure Python: no settings, no database, a fast start.
        from thidua.plans.parsing.cli import main as parse_plan

        sys.exit(parse_plan(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "thidua"
    if len(argv) > 1 and "-" in argv[1] and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
