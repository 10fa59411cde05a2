"""``python -m screen`` and the ``screen`` console script.

Ctrl-C while the CLI's modules are still being imported exits 130 quietly, like
Ctrl-C at any later moment, instead of printing a traceback.
"""

import signal
import sys


def run() -> None:
    """Import the CLI and run it."""
    try:
        from screen.cli import main
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
