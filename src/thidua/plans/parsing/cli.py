"""``thidua parse-plan FILE``: print the parse of FILE as JSON.

Exit 0 with the JSON on stdout for any readable document (a document that is not an
emulation plan included: its warnings say so); exit 2 with one line on stderr when the
input has nothing readable or cannot be opened. Never a traceback.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from thidua.plans.parsing.core import parse_plan_bytes, parse_plan_file
from thidua.plans.parsing.errors import ParseError
from thidua.plans.parsing.limits import MAX_INPUT_BYTES

__all__ = ["main"]

_USAGE = "cách dùng: thidua parse-plan TỆP   (TỆP là .docx, .txt, .pdf; '-' để đọc từ stdin)"
#: A last-resort alarm, above the parser's own 4 s budget, against a library that hangs.
_HARD_LIMIT_SECONDS = 4.8


class _HardTimeout(Exception):
    """Raised by the alarm when a parse overruns the hard limit."""


@contextmanager
def _hard_limit(seconds: float) -> Iterator[None]:
    """Interrupt the parse after ``seconds`` (main thread of a Unix process only)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        """Turn the alarm into an exception the command can report."""
        raise _HardTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _one_line(message: str) -> str:
    """Collapse a message onto one line: stderr gets exactly one."""
    return " ".join(message.split())


def main(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command on ``argv`` (the arguments after the program name); return the exit code."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    args = list(argv)
    if args and args[0] in ("parse-plan", "parse_plan"):
        args = args[1:]
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(_USAGE, file=err if len(args) != 1 or args[0] not in ("-h", "--help") else out)
        return 0 if args and args[0] in ("-h", "--help") else 2
    target = args[0]
    try:
        with _hard_limit(_HARD_LIMIT_SECONDS):
            if target == "-":
                # One byte over the limit is enough for the parser to refuse a huge input.
                result = parse_plan_bytes(sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), None)
            else:
                result = parse_plan_file(target)
    except ParseError as exc:
        print(f"thidua parse-plan: {_one_line(str(exc))}", file=err)
        return 2
    except _HardTimeout:
        print("thidua parse-plan: Quá thời gian xử lý (5 giây). [timeout]", file=err)
        return 2
    except (KeyboardInterrupt, MemoryError):
        print("thidua parse-plan: đã dừng. [interrupted]", file=err)
        return 2
    except Exception as exc:  # the contract: one line, never a traceback
        print(f"thidua parse-plan: lỗi nội bộ ({type(exc).__name__}). [internal]", file=err)
        return 2
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if stdout is None and hasattr(out, "buffer"):
        # Write UTF-8 bytes: the console's encoding may not hold Vietnamese letters.
        out.flush()
        out.buffer.write(text.encode("utf-8") + b"\n")
        out.buffer.flush()
    else:
        print(text, file=out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
