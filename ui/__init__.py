# The garbage collector waits while the program starts (see ui/shared/startup.py). Nothing here loads Qt: the
# entry point (ui/main.py) runs the Qt-free commands of app.cli from this package too.
from ui.shared import startup as _startup  # noqa: F401
