"""Entry point of the bundled program (PyInstaller runs this file; from source `zwgk` runs ui.main:main)."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
